"""E-mail reminders of due questionnaires: opt-in, outside the patient's quiet hours, at most one a day.

``send_due_reminders(now)`` is what the scheduler runs every 15 minutes (instruments/tasks.py) and `speciosa remind`
runs once by hand. The e-mail names no instrument and no health detail, only how many questionnaires are due and where to answer them:
an inbox is often seen by others.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from speciosa.accounts.enums import Role
from speciosa.accounts.queries import zone_of
from speciosa.instruments.models import ReminderSettings
from speciosa.instruments.schedules import due_today

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderRun:
    sent: int  # e-mails sent
    quiet: int  # patients in their quiet hours
    already: int  # patients already reminded on their local day
    nothing_due: int
    failed: int


def send_due_reminders(now: dt.datetime) -> ReminderRun:
    """Sends each opted-in patient with something due one e-mail on their local day, outside quiet hours."""
    counts = {"sent": 0, "quiet": 0, "already": 0, "nothing_due": 0, "failed": 0}
    candidates = (ReminderSettings.objects.filter(email_opt_in=True, patient__is_active=True,
                                                  patient__role=Role.PATIENT)
                  .exclude(patient__email="").select_related("patient", "patient__profile").order_by("pk"))
    for reminder in candidates.iterator(chunk_size=500):
        local = now.astimezone(zone_of(reminder.patient))
        day = local.date()
        if reminder.last_reminded_on == day:
            counts["already"] += 1
        elif reminder.is_quiet(local.time().replace(tzinfo=None)):
            counts["quiet"] += 1
        else:
            due = due_today(reminder.patient, today=day)
            if not due:
                counts["nothing_due"] += 1
            else:
                counts[_send(reminder, day=day, count=len(due))] += 1
    return ReminderRun(**counts)


def _send(reminder: ReminderSettings, *, day: dt.date, count: int) -> str:
    try:
        with transaction.atomic():
            # Claim the day first: two cron runs at once send one e-mail, and a failed send claims nothing.
            claimed = (ReminderSettings.objects.filter(pk=reminder.pk).exclude(last_reminded_on=day)
                       .update(last_reminded_on=day))
            if not claimed:
                return "already"
            send_mail(_subject(count), _body(count), None, [reminder.patient.email], fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("reminder to patient %s not sent: %s", reminder.patient_id, error)
        return "failed"
    return "sent"


def _subject(count: int) -> str:
    return "A questionnaire is due in Speciosa" if count == 1 else f"{count} questionnaires are due in Speciosa"


def _body(count: int) -> str:
    base = getattr(settings, "SPECIOSA_SITE_URL", "").rstrip("/")
    where = f"{base}{reverse('instruments:list')}" if base else "the Questionnaires page of Speciosa"
    what = "one questionnaire" if count == 1 else f"{count} questionnaires"
    return (f"You have {what} to answer today. It takes a minute or two, and it helps you and your clinician see "
            f"how things are going.\n\nAnswer at: {where}\n\n"
            "You get this e-mail because you turned on reminders. You can turn them off, or change the quiet hours, "
            "in the questionnaire settings.\n")
