"""Keeping a patient's alerts current, and acting on them: acknowledging, resolving and talking about an alert
(each act an append-only entry of its conversation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.clinic.access import share_between
from speciosa.core.errors import InputError
from speciosa.core.safety.alert import Alert
from speciosa.core.safety.registry import evaluate
from speciosa.core.snapshot import parse_snapshot
from speciosa.core.text import clean_text
from speciosa.lib.statements import Statements, run_or_add
from speciosa.safety.disclosure import details_shown_to
from speciosa.safety.enums import AlertSeverity, AlertStatus, EntryKind, EntryRole
from speciosa.safety.models import AlertEntry, EvaluationState, StoredAlert
from speciosa.safety.signals import alert_opened
from speciosa.safety.snapshots import snapshots_data


@dataclass(frozen=True)
class EvaluationRun:
    patients: int
    opened: int
    resolved: int


_STATE = EvaluationState._meta.db_table
# An upsert, so the first change to a patient's record needs no read to find their row missing; it keeps the
# earliest pending time if one is already set (PostgreSQL and SQLite both take ON CONFLICT ... DO UPDATE).
_MARK_PENDING_SQL = (f"INSERT INTO {_STATE} (patient_id, pending_since, evaluated_at) VALUES (%s, %s, NULL) "
                     f"ON CONFLICT (patient_id) DO UPDATE SET pending_since = "
                     f"COALESCE({_STATE}.pending_since, excluded.pending_since)")


def mark_pending(patient: User, *, statements: Statements | None = None) -> None:
    """Notes that the patient's record changed: the source of truth for "their alerts await evaluation".

    The write's receiver also enqueues the evaluation after commit (speciosa.safety.tasks); if that task is lost
    (broker down, worker killed), the minute sweep finds the mark and evaluates. Until then every reader shows the
    patient's alerts as "being checked" (``evaluation_pending``), never as a confident "none open".

    Every write runs this, so it is one plain statement (the ORM's query compilation would cost more than the
    statement itself), sent with the writer's other ``statements`` when it collects them (speciosa.lib.statements).
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    run_or_add(_MARK_PENDING_SQL, [patient.pk, now], statements)


def evaluate_if_pending(patient_id: int) -> bool:
    """Evaluates the patient if their record changed since the last evaluation; returns whether it ran.

    What the queue's tasks call: a duplicate or late task finds no mark and costs one indexed read.
    """
    if not EvaluationState.objects.filter(patient_id=patient_id, pending_since__isnull=False).exists():
        return False
    patient = User.objects.filter(pk=patient_id).select_related("profile").first()
    if patient is None:
        return False
    reevaluate(patient)
    return True


def pending_patient_ids(*, older_than: dt.datetime | None = None, limit: int | None = None) -> list[int]:
    """Patients marked pending (since before ``older_than``), the longest waiting first."""
    marked = EvaluationState.objects.filter(pending_since__isnull=False)
    if older_than is not None:
        marked = marked.filter(pending_since__lt=older_than)
    ids = marked.order_by("pending_since", "patient_id").values_list("patient_id", flat=True)
    return list(ids[:limit] if limit is not None else ids)


@transaction.atomic
def reevaluate(patient: User, *, as_of: dt.datetime | None = None) -> list[StoredAlert]:
    """Runs every rule on the patient's snapshot and brings the stored alerts in line (``reevaluate_many`` with one
    patient: the nightly batches and a single evaluation take the same path). Returns the patient's current (open
    or acknowledged) alerts."""
    reevaluate_many([patient], as_of=as_of)
    return list(StoredAlert.objects.filter(patient=patient, status__in=AlertStatus.current()))


_REFRESHED = ("severity", "title", "message", "action", "clinical_title", "clinical_message", "evidence", "sources",
              "rule_version")


@transaction.atomic
def reevaluate_many(patients: Sequence[User], *, as_of: dt.datetime | None = None) -> EvaluationRun:
    """Runs every rule on each patient's snapshot as of one moment and brings their stored alerts in line, in one
    transaction, with a number of queries that does not grow with the number of patients (only with the number of
    alerts that open or change).

    Side effects: locks the patients' EvaluationState rows first (in id order; the per-patient lock that keeps two
    evaluations from opening the same alert twice), then reads the snapshots; opens an alert for each newly firing
    rule code and sends ``alert_opened`` for it (also for an alert that was less than urgent and now is, with
    ``escalated=True``, so its e-mails go out as for a new one); refreshes the wording, evidence and last_seen of
    alerts still firing (an acknowledged one stays acknowledged); resolves current alerts that no longer fire;
    clears the patients' pending marks.
    """
    now = as_of or timezone.now()
    by_id = {patient.pk: patient for patient in patients}
    ids = sorted(by_id)
    EvaluationState.objects.bulk_create([EvaluationState(patient_id=pid) for pid in ids], ignore_conflicts=True)
    list(EvaluationState.objects.select_for_update().filter(patient_id__in=ids).order_by("patient_id")
         .values_list("patient_id", flat=True))
    snapshots = snapshots_data(ids, as_of=now)
    current: dict[int, dict[str, StoredAlert]] = {pid: {} for pid in ids}
    for row in StoredAlert.objects.select_for_update().filter(
            patient_id__in=ids, status__in=AlertStatus.current()).order_by("pk"):
        current[row.patient_id].setdefault(row.code, row)
    resolved: list[int] = []
    seen: list[int] = []  # still firing, nothing to rewrite but last_seen
    changed: list[StoredAlert] = []
    opened: list[StoredAlert] = []
    announced: list[tuple[StoredAlert, bool]] = []  # (alert, escalated), in the order the rules fired them
    for pid in ids:
        fired: dict[str, Alert] = {}
        for alert in evaluate(parse_snapshot(snapshots[pid])):
            fired.setdefault(alert.code, alert)  # rules return at most one alert per code; keep the most severe
        resolved += [row.pk for code, row in current[pid].items() if code not in fired]
        for code, alert in fired.items():
            stored = current[pid].get(code)
            if stored is None:
                opened.append(_refreshed(StoredAlert(patient_id=pid, code=code, first_seen=now, last_seen=now), alert))
                announced.append((opened[-1], False))
                continue
            before = [getattr(stored, field) for field in _REFRESHED]
            if stored.severity != AlertSeverity.URGENT and alert.severity.value == AlertSeverity.URGENT:
                announced.append((stored, True))
            _refreshed(stored, alert).last_seen = now
            if [getattr(stored, field) for field in _REFRESHED] == before:
                seen.append(stored.pk)
            else:
                changed.append(stored)
    if resolved:
        StoredAlert.objects.filter(pk__in=resolved).update(status=AlertStatus.RESOLVED, resolved_at=now)
    if seen:
        StoredAlert.objects.filter(pk__in=seen).update(last_seen=now)
    if changed:
        StoredAlert.objects.bulk_update(changed, [*_REFRESHED, "last_seen"])
    StoredAlert.objects.bulk_create(opened)  # sets each pk (RETURNING on PostgreSQL and SQLite)
    for stored, escalated in announced:
        alert_opened.send(sender=StoredAlert, alert=stored, patient=by_id[stored.patient_id], escalated=escalated)
    EvaluationState.objects.filter(patient_id__in=ids).update(pending_since=None, evaluated_at=now)
    return EvaluationRun(patients=len(ids), opened=len(opened), resolved=len(resolved))


def _refreshed(stored: StoredAlert, alert: Alert) -> StoredAlert:
    stored.severity, stored.title, stored.message, stored.action = (alert.severity.value, alert.title,
                                                                    alert.message, alert.action)
    stored.clinical_title, stored.clinical_message = alert.clinical_title, alert.clinical_message
    stored.evidence = alert.evidence
    stored.sources = [source.to_dict() for source in alert.sources]
    stored.rule_version = alert.rule_version
    return stored


RESOLVE_NEEDS_DETAILS = ("You cannot resolve this alert: what it says, and the figures behind it, are outside what "
                         "this patient shares with you (doses, check-ins, and medicines and labs are all needed). "
                         "You can acknowledge it or add a comment.")
PATIENTS_DO_NOT_RESOLVE = ("An alert ends by itself when its condition no longer holds; only a clinician can close it "
                           "sooner.")
NOT_YOURS = "This alert is not in a record you may act on."


def _role_of(alert: StoredAlert, by: User) -> EntryRole:
    """Whose voice ``by`` writes in on this alert: the patient's own, or a clinician's while the patient shares
    with them (any active share, as for clinical notes). Raises PermissionDenied for anyone else."""
    if by.pk == alert.patient_id and by.is_patient:
        return EntryRole.PATIENT
    if share_between(by, alert.patient) is not None:
        return EntryRole.CLINICIAN
    raise PermissionDenied(NOT_YOURS)


def _add_entry(alert: StoredAlert, *, by: User, role: EntryRole, kind: EntryKind, text: str,
               at: dt.datetime) -> AlertEntry:
    return AlertEntry.objects.create(alert=alert, patient_id=alert.patient_id, author=by, role=role, kind=kind,
                                     text=text, created_at=at)


@transaction.atomic
def acknowledge_alert(alert: StoredAlert, *, by: User, note: str = "") -> AlertEntry:
    """Records that ``by`` (the patient, or a clinician they share with) has seen a current alert, with optional
    words; it resolves by itself when the condition ends.

    Side effects: an ``acknowledged`` entry by ``by``; the alert's status becomes acknowledged, and its first
    acknowledger and time are kept (a later acknowledgement adds its entry and changes neither). Nothing already
    written is changed. Raises InputError("note") for a NUL or more than 4,000 characters, InputError("status") for
    a resolved alert, PermissionDenied for someone the patient does not share with (nothing is stored).
    """
    note = clean_text(note, "note", max_length=AlertEntry.MAX_LENGTH)
    role = _role_of(alert, by)
    if alert.status == AlertStatus.RESOLVED:
        raise InputError("status", "this alert is already resolved")
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = by, now
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
    return _add_entry(alert, by=by, role=role, kind=EntryKind.ACKNOWLEDGED, text=note, at=now)


@transaction.atomic
def resolve_alert(alert: StoredAlert, *, by: User, note: str = "") -> AlertEntry:
    """Closes a current alert by hand: a clinician's decision, open only to a clinician who may read the alert's
    details (what it says and the figures behind it: speciosa.safety.disclosure.details_shown_to).

    Side effects: a ``resolved`` entry by ``by`` with the optional words; status resolved, resolved_at now; ``by``
    becomes the acknowledger if nobody had acknowledged it. Earlier entries stay as written. If the condition still
    holds at the next evaluation (after the record next changes), a new alert opens, as for any alert whose condition
    returns. Raises InputError("note") or InputError("status") for bad input or a resolved alert, PermissionDenied
    for the patient, for a clinician without the alert's details, and for anyone else (nothing is stored).
    """
    note = clean_text(note, "note", max_length=AlertEntry.MAX_LENGTH)
    role = _role_of(alert, by)
    if role == EntryRole.PATIENT:
        raise PermissionDenied(PATIENTS_DO_NOT_RESOLVE)
    if not details_shown_to(by, alert.patient):
        raise PermissionDenied(RESOLVE_NEEDS_DETAILS)
    if alert.status == AlertStatus.RESOLVED:
        raise InputError("status", "this alert is already resolved")
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = by, now
    alert.status, alert.resolved_at = AlertStatus.RESOLVED, now
    alert.save(update_fields=["status", "resolved_at", "acknowledged_by", "acknowledged_at"])
    return _add_entry(alert, by=by, role=role, kind=EntryKind.RESOLVED, text=note, at=now)


@transaction.atomic
def comment_on_alert(alert: StoredAlert, *, by: User, text: str) -> AlertEntry:
    """Adds ``by``'s comment to the alert's conversation: the patient on their own alert, or a clinician they share
    with, whatever the alert's status (a resolved alert can still be talked about).

    Side effects: one ``comment`` entry; the alert itself is unchanged. Raises InputError("text") when the text is
    empty, has a NUL or is longer than 4,000 characters, PermissionDenied for anyone the patient does not share with
    (nothing is stored).
    """
    text = clean_text(text, "text", max_length=AlertEntry.MAX_LENGTH, required=True)
    role = _role_of(alert, by)
    return _add_entry(alert, by=by, role=role, kind=EntryKind.COMMENT, text=text, at=timezone.now())
