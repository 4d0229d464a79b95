"""Keeping a patient's alerts current, and acting on them."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.core.safety.alert import Alert
from speciosa.core.safety.registry import evaluate
from speciosa.core.text import clean_text
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import EvaluationState, StoredAlert
from speciosa.safety.signals import alert_opened
from speciosa.safety.snapshots import build_snapshot

_MARK_PENDING_SQL = (f"UPDATE {EvaluationState._meta.db_table} SET pending_since = COALESCE(pending_since, %s) "
                     "WHERE patient_id = %s")


def mark_pending(patient: User) -> None:
    """Notes that the patient's record changed; their alerts are re-evaluated before they are next read."""
    now = timezone.now()
    # Every write runs this, so it is one plain statement (the ORM's query compilation would cost more than the
    # UPDATE itself); it keeps the earliest pending time if one is already set.
    with connection.cursor() as cursor:
        cursor.execute(_MARK_PENDING_SQL, [connection.ops.adapt_datetimefield_value(now), patient.pk])
        marked = cursor.rowcount
    if not marked:
        EvaluationState.objects.get_or_create(patient=patient, defaults={"pending_since": now})


def ensure_evaluated(patient: User) -> None:
    """Re-evaluates the patient if a change is pending (every read of alerts goes through this)."""
    if EvaluationState.objects.filter(patient=patient, pending_since__isnull=False).exists():
        reevaluate(patient)


@transaction.atomic
def reevaluate(patient: User, *, as_of: dt.datetime | None = None) -> list[StoredAlert]:
    """Runs every rule on the patient's snapshot and brings the stored alerts in line.

    Side effects: opens an alert for each newly firing rule code (sending ``alert_opened``); refreshes the wording,
    evidence and last_seen of alerts still firing (an acknowledged one stays acknowledged); resolves current alerts
    that no longer fire; clears the patient's pending mark. Returns the patient's current (open or acknowledged)
    alerts.
    """
    now = as_of or timezone.now()
    state, _ = EvaluationState.objects.select_for_update().get_or_create(patient=patient)
    fired: dict[str, Alert] = {}
    for alert in evaluate(build_snapshot(patient, as_of=now)):
        fired.setdefault(alert.code, alert)  # rules return at most one alert per code; keep the most severe
    current = {a.code: a for a in StoredAlert.objects.select_for_update().filter(
        patient=patient, status__in=AlertStatus.current())}
    for code, stored in current.items():
        if code not in fired:
            stored.status, stored.resolved_at = AlertStatus.RESOLVED, now
            stored.save(update_fields=["status", "resolved_at"])
    for code, alert in fired.items():
        stored = current.get(code) or StoredAlert(patient=patient, code=code, first_seen=now)
        stored.severity, stored.title, stored.message, stored.action = (alert.severity.value, alert.title,
                                                                        alert.message, alert.action)
        stored.clinical_title, stored.clinical_message = alert.clinical_title, alert.clinical_message
        stored.evidence = alert.evidence
        stored.sources = [source.to_dict() for source in alert.sources]
        stored.rule_version, stored.last_seen = alert.rule_version, now
        opened = stored.pk is None
        stored.save()
        if opened:
            alert_opened.send(sender=StoredAlert, alert=stored, patient=patient)
    state.pending_since, state.evaluated_at = None, now
    state.save(update_fields=["pending_since", "evaluated_at"])
    return list(StoredAlert.objects.filter(patient=patient, status__in=AlertStatus.current()))


@transaction.atomic
def acknowledge_alert(alert: StoredAlert, *, by: User, note: str = "") -> StoredAlert:
    """Marks a current alert as seen, with an optional note; it resolves by itself when the condition ends."""
    if alert.status == AlertStatus.RESOLVED:
        raise InputError("status", "this alert is already resolved")
    alert.status, alert.acknowledged_by, alert.acknowledged_at = AlertStatus.ACKNOWLEDGED, by, timezone.now()
    alert.note = clean_text(note, "note", max_length=4000)
    alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "note"])
    return alert


@transaction.atomic
def resolve_alert(alert: StoredAlert, *, by: User, note: str = "") -> StoredAlert:
    """Closes a current alert by hand (a clinician's decision), with an optional note.

    Side effects: status resolved, resolved_at now; the note replaces the earlier one when given; records ``by`` as
    the acknowledger if nobody had acknowledged it. If the condition still holds at the next evaluation (after the
    record next changes), a new alert opens, as for any alert whose condition returns.
    """
    if alert.status == AlertStatus.RESOLVED:
        raise InputError("status", "this alert is already resolved")
    note = clean_text(note, "note", max_length=4000)
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = by, now
    alert.status, alert.resolved_at = AlertStatus.RESOLVED, now
    alert.note = note or alert.note
    alert.save(update_fields=["status", "resolved_at", "acknowledged_by", "acknowledged_at", "note"])
    return alert
