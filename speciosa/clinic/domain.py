"""Sharing: a patient invites a clinician, the clinician accepts, the patient revokes, the end date passes. Every write
is a verb here."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.access import share_between
from speciosa.clinic.enums import Scope
from speciosa.clinic.models import ClinicalNote, NotesRead, PatientReview, Share
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or typed from a letter
CODE_LENGTH = 10
CODE_VALID = dt.timedelta(days=7)
LONGEST_SHARE = dt.timedelta(days=3 * 365)
EMAILED_INVITATIONS_PER_HOUR = 10  # a patient invites a few clinicians; more is someone relaying mail through us
_EMAIL = EmailValidator()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def _normalise_code(code: Any) -> str:
    if not isinstance(code, str) or "\x00" in code or len(code) > 40:
        raise InputError("code", "expected the invitation code, such as ABCDE-FGHJK")
    return code.replace("-", "").replace(" ", "").upper()


def check_scopes(scopes: Any) -> list[str]:
    if isinstance(scopes, str) or not isinstance(scopes, Iterable):
        raise InputError("scopes", f"expected a list drawn from {', '.join(Scope.values)}")
    chosen = []
    for index, scope in enumerate(scopes):
        if scope not in Scope.values:
            raise InputError(f"scopes[{index}]", f"expected one of {', '.join(Scope.values)}")
        if scope not in chosen:
            chosen.append(scope)
    if not chosen:
        raise InputError("scopes", "choose at least one part of your record to share")
    return [scope for scope in Scope.values if scope in chosen]


def _check_expiry(expires_at: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    if expires_at is None:
        return None
    if not isinstance(expires_at, dt.datetime) or timezone.is_naive(expires_at):
        raise InputError("expires_at", "expected a date and time with a time zone")
    if expires_at <= now:
        raise InputError("expires_at", "must be in the future")
    if expires_at > now + LONGEST_SHARE:
        raise InputError("expires_at", "must be within three years; you can share again later")
    return expires_at


@transaction.atomic
def invite_clinician(patient: User, *, scopes: Any, can_edit_plan: bool = False, expires_at: dt.datetime | None = None,
                     email: str = "") -> tuple[Share, str]:
    """Creates an invitation and returns it with its one-time code (shown once; only its digest is kept).

    Side effects: one Share row. Sending the code by e-mail is the caller's choice (see clinic.invitations).
    """
    if not patient.is_patient:
        raise InputError("role", "only a patient shares their own record")
    if not isinstance(can_edit_plan, bool):
        raise InputError("can_edit_plan", "expected true or false")
    now = timezone.now()
    email = _one_address(email)
    scopes = check_scopes(scopes)
    expires_at = _check_expiry(expires_at, now)
    if email:
        _count_emailed_invitation(patient)
    code = _new_code()
    share = Share.objects.create(patient=patient, scopes=scopes, can_edit_plan=can_edit_plan,
                                 invited_email=email, code_digest=Share.digest_of(_normalise_code(code)),
                                 code_expires_at=now + CODE_VALID, expires_at=expires_at)
    return share, code


def _one_address(email: Any) -> str:
    """Exactly one plain address, or "" for none: a list, a display name or a line break (a header injected into
    the invitation e-mail) is refused before anything is stored, so a refused address never leaves half a share."""
    if email is None or email == "":
        return ""
    if not isinstance(email, str):
        raise InputError("email", "expected one e-mail address")
    email = email.strip()
    try:
        _EMAIL(email)
    except ValidationError:
        raise InputError("email", "expected one e-mail address, such as name@example.org") from None
    return email


def _count_emailed_invitation(patient: User) -> None:
    """Counts an e-mailed invitation against the patient's hourly allowance (Django's cache, a fixed window), so that
    the invitation form cannot be used to send mail to strangers in bulk. Raises InputError("email") when it is used
    up; the patient can still invite without e-mail and hand the code over themselves."""
    key = f"speciosa:invitation-emails:{patient.pk}:{patient.date_joined.timestamp()}"
    cache.add(key, 0, timeout=3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, sent := 1, timeout=3600)
    if sent > EMAILED_INVITATIONS_PER_HOUR:
        raise InputError("email", f"at most {EMAILED_INVITATIONS_PER_HOUR} invitations can be e-mailed in an hour; "
                                  "leave the address empty and give your clinician the code yourself")


@transaction.atomic
def accept_invitation(clinician: User, *, code: Any) -> Share:
    """The clinician redeems a code. Side effects: the share becomes active for this clinician."""
    if clinician.role != Role.CLINICIAN:
        raise InputError("role", "only a clinician account can accept a patient's invitation")
    share = (Share.objects.select_for_update().filter(code_digest=Share.digest_of(_normalise_code(code)))
             .select_related("patient").first())
    now = timezone.now()
    if share is None or share.revoked_at is not None or share.accepted_at is not None or now >= share.code_expires_at:
        raise InputError("code", "this code is not valid: it may be mistyped, used, withdrawn or older than 7 days")
    if share.expires_at is not None and now >= share.expires_at:
        raise InputError("code", "this invitation has expired")
    share.clinician = clinician
    share.accepted_at = now
    share.save(update_fields=["clinician", "accepted_at"])
    return share


@transaction.atomic
def revoke_share(share: Share, *, by: User) -> Share:
    """Ends a share at once; the clinician's next request is refused. Side effects: sets revoked_at."""
    if by.pk != share.patient_id:
        raise InputError("share", "only the patient can revoke their share")
    share = Share.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.ended_at = share.ended_at or share.revoked_at
        share.save(update_fields=["revoked_at", "ended_at"])
    return share


def shares_past_their_end(now: dt.datetime) -> QuerySet[Share]:
    """Accepted shares whose end date has passed and whose end nobody has recorded yet (what ``end_expired_share``
    is for), oldest end first."""
    return (Share.objects.filter(accepted_at__isnull=False, revoked_at__isnull=True, ended_at__isnull=True,
                                 expires_at__lte=now)
            .select_related("patient", "clinician").order_by("expires_at", "pk"))


@transaction.atomic
def end_expired_share(share: Share, *, now: dt.datetime) -> bool:
    """Records that an accepted share reached its end date; returns False when it had not, or when another run
    recorded it first (so a repeated or concurrent run does nothing twice).

    Access stopped at ``expires_at`` already (``Share.status_at``); this writes the record of it. Side effects:
    ended_at set (one guarded UPDATE) and an audit entry of the patient's by Speciosa itself ("Sharing changed"),
    as the clinician's acceptance writes one when the share starts. Telling both sides is the caller's, after
    commit (speciosa.clinic.endings).
    """
    if share.accepted_at is None or share.revoked_at is not None or share.expires_at is None or share.expires_at > now:
        return False
    if not Share.objects.filter(pk=share.pk, ended_at__isnull=True).update(ended_at=now):
        return False
    share.ended_at = now
    record_access(actor=None, patient=share.patient, action=Action.SHARE,
                  what="sharing with a clinician ended on the end date the patient chose")
    return True


def mark_notes_read(patient: User, *, now: dt.datetime | None = None) -> None:
    """The patient has read every note on their record so far (their sharing page shows them all). Side effects:
    one upsert; Today stops pointing out those notes."""
    NotesRead.objects.update_or_create(patient=patient, defaults={"read_at": now or timezone.now()})


@transaction.atomic
def write_note(patient: User, *, author: User, text: Any) -> ClinicalNote:
    """A clinician's note on a patient. Needs an active share of any scope (the note is the clinician's own record
    of their care, not a part of the patient's diary). Side effects: one ClinicalNote row."""
    if share_between(author, patient) is None:
        raise InputError("patient", "you can write notes only on a patient who shares their record with you")
    return ClinicalNote.objects.create(patient=patient, author=author,
                                       text=clean_text(text, "text", max_length=ClinicalNote.MAX_LENGTH,
                                                       required=True))


def mark_reviewed(patient: User, *, clinician: User, at: dt.datetime | None = None) -> PatientReview:
    """Records that ``clinician`` has just reviewed ``patient`` (opened their page): the panel's "new since my last
    review" counts from here. Side effects: one PatientReview row per pair, created or moved forward (never back)."""
    moment = at or timezone.now()
    review, created = PatientReview.objects.get_or_create(clinician=clinician, patient=patient,
                                                          defaults={"reviewed_at": moment})
    if not created and review.reviewed_at < moment:
        PatientReview.objects.filter(pk=review.pk, reviewed_at__lt=moment).update(reviewed_at=moment)
        review.reviewed_at = moment
    return review
