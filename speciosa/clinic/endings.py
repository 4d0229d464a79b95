"""The end of a share that reached the end date the patient chose: recorded once, and both sides told in plain
words by e-mail (the periodic task speciosa.clinic.tasks.end_expired_shares, and `speciosa end-shares`).

The clinician's access stopped at the end date whatever happens here; these e-mails only say so. Like every e-mail
of Speciosa's they name nobody and carry nothing of the record: mail crosses servers we do not control, and the
sharing page (patient) or the panel (clinician) shows the rest after signing in. A share that ended long before
anyone noticed (the scheduler was down for weeks) is recorded without an e-mail: a late notice would only confuse.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from speciosa.clinic.domain import end_expired_share, shares_past_their_end
from speciosa.clinic.models import Share

log = logging.getLogger(__name__)

TELL_WITHIN = dt.timedelta(days=7)  # an end older than this when first noticed is recorded but not e-mailed
PATIENT_SUBJECT = "Speciosa: a clinician no longer sees your record"
CLINICIAN_SUBJECT = "Speciosa: a patient's sharing with you has ended"


@dataclass(frozen=True)
class EndRun:
    ended: int
    emails: int
    failed: int


def end_expired_shares(now: dt.datetime) -> EndRun:
    """Records the end of every share past its end date that nobody recorded yet, and e-mails both sides of each.

    Idempotent: a share is recorded by exactly one run (a guarded UPDATE), and only that run e-mails about it. Each
    share is its own transaction; its e-mails go after it commits. A refused e-mail is logged, not retried: the end
    itself is recorded, and the patient's sharing page shows it.
    """
    ended = emails = failed = 0
    for share in shares_past_their_end(now):
        if not end_expired_share(share, now=now):
            continue
        ended += 1
        if share.expires_at is not None and now - share.expires_at > TELL_WITHIN:
            continue
        for address, subject, body in _messages(share):
            try:
                send_mail(subject, body, None, [address])
                emails += 1
            except (smtplib.SMTPException, OSError):
                log.exception("could not e-mail the end of share %s", share.pk)
                failed += 1
    return EndRun(ended=ended, emails=emails, failed=failed)


def _link(name: str) -> str:
    return settings.SPECIOSA_SITE_URL.rstrip("/") + reverse(name)


def _messages(share: Share) -> list[tuple[str, str, str]]:
    messages = []
    patient, clinician = share.patient, share.clinician
    if patient.email and patient.is_active:
        messages.append((patient.email, PATIENT_SUBJECT, (
            "One of your clinicians can no longer see your Speciosa record. Sharing with them ended on the date "
            "you chose when you invited them.\n\n"
            "You do not need to do anything. If you want them to see your record again, you can invite them "
            f"again on your sharing page:\n{_link('clinic:sharing')}\n\n"
            "This e-mail leaves out names and health details on purpose.\n")))
    if clinician is not None and clinician.email and clinician.is_active:
        messages.append((clinician.email, CLINICIAN_SUBJECT, (
            "A patient's sharing with you has ended: it reached the end date the patient chose. From now on you "
            "do not see their record in Speciosa, and they no longer appear on your panel.\n\n"
            "If you still care for them, ask them to invite you again.\n"
            f"Your panel: {_link('clinic:panel')}\n\n"
            "This e-mail leaves out the patient's name on purpose.\n")))
    return messages
