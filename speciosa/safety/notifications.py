"""E-mails to clinicians: one for each new urgent alert of a patient who shares with them, once per alert.

The safety engine sends ``alert_opened`` inside its evaluation transaction; here each clinician holding an active
share gets an AlertNotification row (unique per alert and clinician, so a second delivery of the signal, or two
evaluations racing, never sends twice), and the e-mail goes out only after the transaction commits.

The e-mail names neither the patient nor the details of the alert: mail crosses servers we do not control. It says
that an urgent alert opened and links to the patient's page, where the clinician signs in to see the rest; the alert
goes through speciosa.safety.disclosure like every other channel's, with its details always withheld.
"""

from __future__ import annotations

import logging
import smtplib
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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


def notify_on_urgent_alert(sender: Any, *, alert: StoredAlert, patient: User, **kwargs: Any) -> None:
    """Receiver of speciosa.safety.signals.alert_opened (connected in ClinicConfig.ready)."""
    if alert.severity != AlertSeverity.URGENT:
        return
    clinician_ids = active_shares(timezone.now()).filter(patient=patient).values("clinician_id")
    for clinician in User.objects.filter(pk__in=clinician_ids, is_active=True).exclude(email=""):
        _, created = AlertNotification.objects.get_or_create(alert=alert, clinician=clinician,
                                                             defaults={"email": clinician.email})
        if created:
            transaction.on_commit(partial(send_alert_email, alert.pk, clinician.pk))


def send_alert_email(alert_id: int, clinician_id: int) -> bool:
    """Sends one notification and notes when it went; a refusing mail server is logged, never raised to the
    request that happened to evaluate the patient. A sent e-mail is an audit entry of the patient's (Speciosa
    disclosed that an urgent alert opened); it names the alert by number, not what the alert is about."""
    notification = (AlertNotification.objects.filter(alert_id=alert_id, clinician_id=clinician_id, sent_at__isnull=True)
                    .select_related("alert__patient").first())
    if notification is None:
        return False
    # Through the one filter, with no details whatever the share: mail crosses servers we do not control.
    alert = alert_as_shown(notification.alert, details=False)
    link = settings.SPECIOSA_SITE_URL + reverse("clinic:patient", args=[alert.patient_id])
    body = (f"A patient who shares their record with you has a new urgent alert ({alert.title}).\n\n"
            f"Open their page to see the alert, what it is based on and what to do:\n{link}\n\n"
            "This e-mail leaves out the patient's name and record on purpose. You get one e-mail per new urgent "
            "alert; Speciosa supports your judgement and does not replace it.\n")
    try:
        send_mail(SUBJECT, body, None, [notification.email])
    except (smtplib.SMTPException, OSError):
        log.exception("could not e-mail clinician %s about alert %s", clinician_id, alert_id)
        return False
    with transaction.atomic():
        AlertNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
        record_access(actor=None, patient=notification.alert.patient, action=Action.EXPORT,
                      what=f"e-mail to a clinician you share with: urgent alert {alert_id}")
    return True
