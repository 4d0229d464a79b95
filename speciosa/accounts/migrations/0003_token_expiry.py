# Bearer tokens end: each gets an expiry (speciosa.accounts.tokens).

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

STAFF_ROLES = ("clinician", "admin")


def give_existing_tokens_a_window(apps, schema_editor):
    """Tokens issued before expiry existed get one idle window from now, capped at their limit from issue: a
    working patient's client is not cut off by the upgrade, and a clinician's token older than its limit ends."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    now = timezone.now()
    for token in ApiToken.objects.select_related("user").iterator():
        if token.user.role in STAFF_ROLES:
            idle = dt.timedelta(minutes=settings.SPECIOSA_IDLE_MINUTES)
            limit = dt.timedelta(hours=settings.SPECIOSA_STAFF_TOKEN_HOURS)
        else:
            idle = dt.timedelta(days=settings.SPECIOSA_TOKEN_IDLE_DAYS)
            limit = dt.timedelta(days=settings.SPECIOSA_TOKEN_MAX_DAYS)
        token.expires_at = min(now + idle, token.created_at + limit)  # past its limit already: it ends now
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_jurisdiction_places'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(give_existing_tokens_a_window, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(),
        ),
    ]
