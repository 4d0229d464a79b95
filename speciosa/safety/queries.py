"""Reads of stored alerts for pages and API."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from speciosa.accounts.models import User
from speciosa.core.safety.wording import STOPPING_NOTE
from speciosa.safety.enums import AlertSeverity, AlertStatus
from speciosa.safety.models import AlertEntry, EvaluationState, StoredAlert

_RANK = Case(When(severity="urgent", then=Value(0)), When(severity="warning", then=Value(1)), default=Value(2),
             output_field=IntegerField())


def current_alerts(patient: User) -> QuerySet[StoredAlert]:
    """Open and acknowledged alerts, most severe first, as last evaluated (see ``evaluation_pending``)."""
    return (StoredAlert.objects.filter(patient=patient, status__in=AlertStatus.current())
            .annotate(rank=_RANK).order_by("rank", "-last_seen"))


def stop_advice(patient: User) -> StoredAlert | None:
    """The most recent current urgent alert that tells the patient to stop kratom, or None. Every such action ends
    with speciosa.core.safety.wording.STOPPING_NOTE, so the note is the mark. While one is current, whoever has
    acknowledged it (a clinician's "seen" does not lift the advice), Today's quick-log buttons say so."""
    return (StoredAlert.objects.filter(patient=patient, status__in=AlertStatus.current(),
                                       severity=AlertSeverity.URGENT, action__contains=STOPPING_NOTE)
            .order_by("-last_seen").first())


def alert_history(patient: User) -> QuerySet[StoredAlert]:
    return StoredAlert.objects.filter(patient=patient).annotate(rank=_RANK).order_by("-last_seen")


def evaluation_of(patient: User | int) -> str:
    """``pending`` (being checked) or ``current``: the API's ``evaluation`` beside every list of alerts."""
    return "pending" if evaluation_pending(patient) else "current"


def evaluation_pending(patient: User | int) -> bool:
    """Whether the patient's record changed since their alerts were last evaluated: every page and endpoint that
    shows their alerts then says "being checked" beside what it shows (the queue's worker gets there within
    seconds, the minute sweep within a minute), never a confident "none open"."""
    patient_id = patient if isinstance(patient, int) else patient.pk
    return EvaluationState.objects.filter(patient_id=patient_id, pending_since__isnull=False).exists()


def entries_of(alert: StoredAlert) -> QuerySet[AlertEntry]:
    """The alert's conversation, oldest first, with each author (read it through disclosure.entries_as_shown)."""
    return AlertEntry.objects.filter(alert=alert).select_related("author").order_by("created_at", "pk")
