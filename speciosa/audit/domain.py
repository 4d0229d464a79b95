"""Writing the audit log: one entry per read or change of a patient's data by someone other than the patient.

Nothing here updates or deletes an entry. The one exception is ``purge_expired``, which removes entries older than the
retention period (docs/privacy.md) with one explicit SQL statement, because the ORM's delete paths are closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import islice

from axes.helpers import get_client_ip_address
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.audit.enums import Action
from speciosa.audit.models import AuditEntry
from speciosa.audit.permits import purging

RETENTION = dt.timedelta(days=6 * 366)  # six years: see docs/privacy.md
USER_AGENT_LENGTH = 200
WHAT_LENGTH = 200
COMMAND_LINE = "the command line (server operator)"


def patient_ref_of(patient: User) -> str:
    """A stable pseudonym for the patient: the same on every entry, meaningless once the account is gone.

    Keyed with the installation's secret, so it cannot be recomputed from a copy of the log alone.
    """
    joined = patient.date_joined.astimezone(dt.UTC).isoformat()
    digest = salted_hmac("speciosa.audit.patient_ref", f"{patient.pk}:{joined}", algorithm="sha256").hexdigest()
    return f"p-{digest[:16]}"


def actor_label_of(actor: User | None) -> str:
    if actor is None:
        return "Speciosa (automatic)"
    role = Role(actor.role).label if actor.role in Role.values else actor.role
    return f"{actor.username} ({role.lower()})"[:200]


def _plain(text: str, length: int) -> str:
    return "".join(ch for ch in str(text) if ch >= " " or ch == "\t")[:length]


def record_access(*, actor: User | None, patient: User, action: Action, what: str,
                  request: HttpRequest | None = None) -> AuditEntry | None:
    """Adds an entry saying that ``actor`` did ``action`` to ``what`` of ``patient``'s data, now.

    A patient's own reads and changes are not logged (returns None). ``actor=None`` is Speciosa itself (a scheduled
    job, an e-mail). ``what`` is a short description without names, such as "timeline" or "alert 12": it is kept after
    the patient's account is deleted. With ``request``, the client's address and browser are kept too.
    Side effects: one INSERT. Raises ValueError for an unknown action (a programming error, not a user's).
    """
    entry = _entry(actor=actor, patient=patient, action=action, what=what, request=request)
    if entry is not None:
        entry.save()
    return entry


def _entry(*, actor: User | None, patient: User, action: Action, what: str, request: HttpRequest | None,
           at: dt.datetime | None = None) -> AuditEntry | None:
    """The unsaved entry, or None when the actor is the patient."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    if actor is not None and actor.pk == patient.pk:
        return None
    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}; expected one of {', '.join(Action.values)}")
    ip, agent = None, ""
    if request is not None:
        ip = get_client_ip_address(request) or None
        agent = _plain(request.META.get("HTTP_USER_AGENT", ""), USER_AGENT_LENGTH)
    return AuditEntry(actor=actor, actor_label=actor_label_of(actor), patient=patient,
                      patient_ref=patient_ref_of(patient), action=action, what=_plain(what, WHAT_LENGTH),
                      at=at or timezone.now(), ip=ip, user_agent=agent)


def record_access_many(*, actor: User | None, patients: Iterable[User], action: Action, what: str,
                       request: HttpRequest | None = None) -> int:
    """``record_access`` for a page that shows several patients at once (a panel): one INSERT whatever their number.

    Returns how many entries were written (the actor's own record, if listed, is skipped).
    """
    now = timezone.now()
    entries = [entry for patient in patients
               if (entry := _entry(actor=actor, patient=patient, action=action, what=what, request=request,
                                   at=now)) is not None]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)


def record_command_line_access(*, patient: User, action: Action, what: str) -> AuditEntry:
    """An entry for a command run on the server (``speciosa export``, ``speciosa report``): no account acts there, so
    the label says who did: whoever operates the installation. Side effects: one INSERT."""
    entry = _command_line_entry(patient=patient, action=action, what=what, at=None)
    entry.save()
    return entry


def record_command_line_access_many(*, patients: Iterable[User], action: Action, what: str) -> int:
    """``record_command_line_access`` for a command that reads every patient's record at once (``speciosa backup``):
    one entry each, in batched INSERTs. Returns how many were written."""
    now = timezone.now()
    entries = (_command_line_entry(patient=patient, action=action, what=what, at=now) for patient in patients)
    written = 0
    while batch := list(islice(entries, 1000)):
        AuditEntry.objects.bulk_create(batch)
        written += len(batch)
    return written


def _command_line_entry(*, patient: User, action: Action, what: str, at: dt.datetime | None) -> AuditEntry:
    entry = _entry(actor=None, patient=patient, action=action, what=what, request=None, at=at)
    assert entry is not None  # noqa: S101 (actor None is never the patient)
    entry.actor_label = COMMAND_LINE
    return entry


def record_erasure(patient: User) -> AuditEntry:
    """The last entry about a patient who deleted their account: it names no one (see accounts.privacy)."""
    entry = AuditEntry(actor=None, actor_label="the patient", patient=patient, patient_ref=patient_ref_of(patient),
                       action=Action.DELETE, what="account and all data, at the patient's request",
                       at=timezone.now())
    entry.save()
    return entry


def purge_expired(*, now: dt.datetime) -> int:
    """Removes entries older than the retention period; returns how many. The only way an entry ever leaves: the
    database refuses the DELETE without the purge permit (see permits), and lets through only entries older than its
    cutoff."""
    cutoff = now - RETENTION
    with purging(cutoff), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE at < %s",  # noqa: S608 (a model's table name)
                       [connection.ops.adapt_datetimefield_value(cutoff)])
        return cursor.rowcount
