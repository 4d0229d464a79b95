"""The alert's single note is gone: its text lives on as entries (0004 copied it), read through AlertEntry."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('safety', '0004_alert_entries'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='storedalert',
            name='note',
        ),
    ]
