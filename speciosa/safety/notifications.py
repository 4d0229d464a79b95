"""E-mails about urgent alerts: to each clinician holding an active share, and to the patient who asked for them.

The safety engine sends ``alert_opened`` inside its evaluation transaction (for a new urgent alert, and for a
warning that became urgent). Here each recipient gets an AlertNotification row in that same transaction (unique per
alert and recipient, so a second delivery of the signal, two evaluations racing or a retried task never make a
second row), and the e-mail itself is a task (speciosa.safety.tasks.send_alert_email) enqueued after commit. The
task claims its row with one atomic UPDATE before it sends, so a retried or duplicated task sends nothing more; the
minute sweep re-enqueues any row left unsent (a lost task, a refusing mail server, a claim whose worker died).

The e-mail names neither the patient nor the details of the alert: mail crosses servers we do not control. It says
that an urgent alert opened and links to the page where the reader signs in to see the rest; the alert goes through
speciosa.safety.disclosure like every other channel's, with its details always withheld.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.models import AlertNotification
from speciosa.clinic.queries import active_shares
from speciosa.safety.disclosure import alert_as_shown
from speciosa.safety.enums import AlertSeverity
from speciosa.safety.models import StoredAlert

log = logging.getLogger(__name__)

SUBJECT = "Speciosa: a new urgent alert for one of your patients"
PATIENT_SUBJECT = "Speciosa: something in your diary needs attention"
CLAIM_EXPIRES = dt.timedelta(minutes=10)  # a send takes seconds; a claim this old belongs to a dead worker
RETRY_AFTER = dt.timedelta(seconds=30)  # the sweep leaves a fresh row to the task enqueued for it


def notify_on_urgent_alert(sender: Any, *, alert: StoredAlert, patient: User, **kwargs: Any) -> None:
    """Receiver of speciosa.safety.signals.alert_opened (connected in SafetyConfig.ready): one row per recipient,
    in the evaluation's transaction, and one e-mail task per new row after it commits."""
    if alert.severity != AlertSeverity.URGENT:
        return
    from speciosa.safety.tasks import enqueue_alert_email  # the tasks module imports this one

    for recipient in recipients_of(patient):
        _, created = AlertNotification.objects.get_or_create(alert=alert, clinician=recipient,
                                                             defaults={"email": recipient.email})
        if created:
            transaction.on_commit(partial(enqueue_alert_email, alert.pk, recipient.pk))


def recipients_of(patient: User) -> list[User]:
    """Who is e-mailed about the patient's urgent alerts: the clinicians who share with them and have an address,
    and the patient when they turned the e-mail on (PatientProfile.urgent_alert_emails)."""
    clinician_ids = active_shares(timezone.now()).filter(patient=patient).values("clinician_id")
    people = list(User.objects.filter(pk__in=clinician_ids, is_active=True).exclude(email=""))
    profile = getattr(patient, "profile", None)
    if profile is not None and profile.urgent_alert_emails and patient.email and patient.is_active:
        people.append(patient)
    return people


def claim(alert_id: int, recipient_id: int, *, now: dt.datetime) -> AlertNotification | None:
    """Takes the row for sending (one UPDATE that only one caller can win); None when it is sent or taken."""
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES)
    won = (AlertNotification.objects.filter(free, alert_id=alert_id, clinician_id=recipient_id, sent_at__isnull=True)
           .update(claimed_at=now))
    if not won:
        return None
    return (AlertNotification.objects.filter(alert_id=alert_id, clinician_id=recipient_id)
            .select_related("alert__patient", "clinician").first())


def send_alert_email(alert_id: int, clinician_id: int) -> bool:
    """Sends one notification if nobody has (claim, send, note when it went); returns whether this call sent it.

    A mail server that refuses is logged and the claim released, and the error raised so the task is retried. A sent
    e-mail is an audit entry of the patient's (Speciosa disclosed that an urgent alert opened); it names the alert
    by number, not what the alert is about.
    """
    notification = claim(alert_id, clinician_id, now=timezone.now())
    if notification is None:
        return False
    # Through the one filter, with no details whatever the share: mail crosses servers we do not control.
    alert = alert_as_shown(notification.alert, details=False)
    to_patient = notification.clinician_id == alert.patient_id
    if not to_patient and not active_shares(timezone.now()).filter(
            patient_id=alert.patient_id, clinician_id=notification.clinician_id).exists():
        notification.delete()  # the share ended before the e-mail went: the clinician is told nothing
        return False
    subject, body = (_patient_mail() if to_patient else (SUBJECT, _clinician_body(alert)))
    try:
        send_mail(subject, body, None, [notification.email])
    except (smtplib.SMTPException, OSError):
        log.exception("could not e-mail recipient %s about alert %s", clinician_id, alert_id)
        AlertNotification.objects.filter(pk=notification.pk).update(claimed_at=None)
        raise
    with transaction.atomic():
        AlertNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
        what = ("e-mail to you: an urgent alert" if to_patient
                else f"e-mail to a clinician you share with: urgent alert {alert_id}")
        record_access(actor=None, patient=notification.alert.patient, action=Action.EXPORT, what=what)
    return True


def unsent(*, now: dt.datetime, limit: int = 500) -> list[tuple[int, int]]:
    """(alert, recipient) of rows nobody sent that no live task holds: the sweep enqueues them again."""
    rows = (AlertNotification.objects
            .filter(sent_at__isnull=True, created_at__lt=now - RETRY_AFTER)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
            .order_by("created_at").values_list("alert_id", "clinician_id")[:limit])
    return list(rows)


def _clinician_body(alert: StoredAlert) -> str:
    link = settings.SPECIOSA_SITE_URL + reverse("clinic:patient", args=[alert.patient_id])
    return (f"A patient who shares their record with you has a new urgent alert ({alert.title}).\n\n"
            f"Open their page to see the alert, what it is based on and what to do:\n{link}\n\n"
            "This e-mail leaves out the patient's name and record on purpose. You get one e-mail per new urgent "
            "alert; Speciosa supports your judgement and does not replace it.\n")


def _patient_mail() -> tuple[str, str]:
    link = settings.SPECIOSA_SITE_URL + reverse("diary:today")
    return PATIENT_SUBJECT, (
        "Something you recorded in Speciosa needs attention soon.\n\n"
        f"Sign in to read what it is and what to do:\n{link}\n\n"
        "If you feel very unwell, call your local emergency number now.\n\n"
        "This e-mail says nothing about your health on purpose. You asked for these e-mails; you can turn them "
        "off on your profile page.\n")
