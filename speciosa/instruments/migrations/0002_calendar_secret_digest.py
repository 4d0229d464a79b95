"""Calendar addresses keep only the digest of their secret.

Each stored secret is replaced by its SHA-256, so every address a patient already subscribed to keeps working while
no database copy, backup or archive holds a working one any more.
"""

import hashlib

from django.db import migrations, models


def digest_tokens(apps, schema_editor):
    ReminderSettings = apps.get_model("instruments", "ReminderSettings")
    for found in ReminderSettings.objects.exclude(ical_token="").only("pk", "ical_token"):
        found.ical_digest = hashlib.sha256(found.ical_token.encode("utf-8")).hexdigest()
        found.save(update_fields=["ical_digest"])


class Migration(migrations.Migration):

    dependencies = [
        ('instruments', '0001_responses_schedules_reminders'),
    ]

    operations = [
        migrations.AddField(
            model_name='remindersettings',
            name='ical_digest',
            field=models.CharField(blank=True, default=None, max_length=64, null=True, unique=True),
        ),
        # Going back cannot recover a secret from its digest: old addresses then need making anew.
        migrations.RunPython(digest_tokens, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='remindersettings',
            name='ical_token',
        ),
    ]
