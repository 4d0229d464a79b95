"""Reads of stored alerts for pages and API."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from speciosa.accounts.models import User
from speciosa.safety.domain import ensure_evaluated
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert

_RANK = Case(When(severity="urgent", then=Value(0)), When(severity="warning", then=Value(1)), default=Value(2),
             output_field=IntegerField())


def current_alerts(patient: User) -> QuerySet[StoredAlert]:
    """Open and acknowledged alerts, most severe first (re-evaluated first if the record changed)."""
    ensure_evaluated(patient)
    return (StoredAlert.objects.filter(patient=patient, status__in=AlertStatus.current())
            .annotate(rank=_RANK).order_by("rank", "-last_seen"))


def alert_history(patient: User) -> QuerySet[StoredAlert]:
    ensure_evaluated(patient)
    return StoredAlert.objects.filter(patient=patient).annotate(rank=_RANK).order_by("-last_seen")
