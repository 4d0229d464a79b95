"""Sending an invitation code by e-mail, when the patient asks for it.

The e-mail carries the one-time code inside a link to the accept page; the code works once, within 7 days, and only
for a signed-in clinician account, so a forwarded e-mail is as strong as the code read out in person.
"""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import urlencode

from django.core.mail import BadHeaderError, send_mail
from django.http import HttpRequest
from django.urls import reverse

from speciosa.clinic.models import Share

log = logging.getLogger(__name__)


def accept_link(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(f"{reverse('clinic:accept')}?{urlencode({'code': code})}")


def email_invitation(request: HttpRequest, share: Share, code: str) -> bool:
    """E-mails the accept link to ``share.invited_email``; False (and logged) if there is none or the server
    refused it. The patient still sees the code on the page, so a failed e-mail loses nothing."""
    if not share.invited_email:
        return False
    patient = share.patient
    name = patient.get_full_name() or patient.username
    body = (f"{name} invites you to see parts of their Speciosa record: {', '.join(share.scope_labels()).lower()}"
            f"{' (you may also edit their treatment plan)' if share.can_edit_plan else ''}.\n\n"
            f"Sign in with your clinician account and open this link to accept:\n{accept_link(request, code)}\n\n"
            "The link works once and for 7 days. If you did not expect this, ignore this e-mail.\n")
    try:
        send_mail(f"{name} invites you to Speciosa", body, None, [share.invited_email])
    except (smtplib.SMTPException, OSError, BadHeaderError):  # the address was checked; this is the last guard
        log.exception("could not e-mail the invitation of share %s", share.pk)
        return False
    return True
