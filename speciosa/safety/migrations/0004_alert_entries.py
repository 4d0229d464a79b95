"""An alert's single note becomes a conversation of append-only entries (issue 14, item 4).

Every acknowledgement on record, and every note, is copied into an entry (the next migration drops the note column,
in a transaction of its own), so no note and no "your clinician saw this" is lost. What the old columns can tell:
- the author is ``acknowledged_by`` (the only person the alert names); the patient when that is the patient, else a
  clinician (a patient's alerts are erased with them, so a missing author was someone else's closed account);
- the kind is ``resolved`` when the acknowledgement and the resolution are one moment (``resolve_alert`` on an alert
  nobody had acknowledged), else ``acknowledged``: an alert that resolved later kept the note written when it was
  acknowledged (a note given on a later resolution replaced it, and its author was never stored: it is attributed
  to the acknowledger, as the old page did);
- the time is the acknowledgement's (else the resolution's, else when the alert was last seen).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

BATCH = 500


def copy_notes_to_entries(apps, schema_editor):
    StoredAlert = apps.get_model("safety", "StoredAlert")
    AlertEntry = apps.get_model("safety", "AlertEntry")
    said = StoredAlert.objects.filter(Q(acknowledged_at__isnull=False) | ~Q(note="")).order_by("pk")
    entries = []
    for alert in said.iterator(chunk_size=BATCH):
        by_patient = alert.acknowledged_by_id is not None and alert.acknowledged_by_id == alert.patient_id
        one_act = (alert.status == "resolved" and alert.resolved_at is not None
                   and alert.resolved_at == alert.acknowledged_at)
        entries.append(AlertEntry(
            alert_id=alert.pk, patient_id=alert.patient_id, author_id=alert.acknowledged_by_id,
            role="patient" if by_patient else "clinician", kind="resolved" if one_act else "acknowledged",
            text=alert.note, created_at=alert.acknowledged_at or alert.resolved_at or alert.last_seen))
        if len(entries) >= BATCH:
            AlertEntry.objects.bulk_create(entries)
            entries = []
    AlertEntry.objects.bulk_create(entries)


def copy_entries_to_notes(apps, schema_editor):
    """Backwards: each alert's latest entry with words becomes its note again (the others cannot fit one column)."""
    StoredAlert = apps.get_model("safety", "StoredAlert")
    AlertEntry = apps.get_model("safety", "AlertEntry")
    for entry in AlertEntry.objects.exclude(text="").order_by("alert_id", "created_at", "pk").iterator():
        StoredAlert.objects.filter(pk=entry.alert_id).update(note=entry.text)


class Migration(migrations.Migration):

    dependencies = [
        ('safety', '0003_alert_clinical_voice'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AlertEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('patient', 'Patient'), ('clinician', 'Clinician')], max_length=10)),
                ('kind', models.CharField(choices=[('acknowledged', 'Acknowledged'), ('resolved', 'Resolved'), ('comment', 'Comment')], max_length=12)),
                ('text', models.TextField(blank=True, max_length=4000)),
                ('created_at', models.DateTimeField()),
                ('alert', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='safety.storedalert')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('patient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['alert', 'created_at'], name='safety_aler_alert_i_04b2d4_idx')],
            },
        ),
        migrations.RunPython(copy_notes_to_entries, copy_entries_to_notes, elidable=False),
    ]
