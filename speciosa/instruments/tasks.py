"""The instruments app's periodic task: questionnaire reminders (what `speciosa remind` does, every 15 minutes)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from speciosa.instruments.reminders import ReminderRun, send_due_reminders


@db_periodic_task(crontab(minute="*/15"))
@lock_task("speciosa-reminders")
def send_reminders() -> ReminderRun:
    """At most one e-mail a day per patient (ReminderSettings.last_reminded_on), so a late or repeated run is safe."""
    return send_due_reminders(timezone.now())
