"""Reading plans: the version in force on a day, the days the plan changed, a patient's version history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from speciosa.accounts.models import User
from speciosa.plans.models import PlanVersion


def versions_of(patient: User) -> QuerySet[PlanVersion]:
    """Every version of the patient's plan, newest first."""
    return PlanVersion.objects.filter(patient=patient).select_related("authored_by").order_by("-version")


def plan_in_force(patient: User, *, on: dt.date) -> PlanVersion | None:
    """The version in force on ``on``: the newest whose ``effective_from`` has come (one query).

    A newer version replaces an older one from its own effective date on, including an older version scheduled
    for a later date.
    """
    return (PlanVersion.objects.filter(patient=patient, effective_from__lte=on)
            .select_related("authored_by").order_by("-version").first())


def in_force_timeline(versions: Iterable[PlanVersion]) -> list[PlanVersion]:
    """The versions that are ever in force, by effective date: each is in force from its ``effective_from`` until
    the next one's. A version replaced before its effective date never appears."""
    timeline: list[PlanVersion] = []
    for version in sorted(versions, key=lambda v: v.version):
        timeline = [kept for kept in timeline if kept.effective_from < version.effective_from]
        timeline.append(version)
    return timeline


def plan_change_dates(patient: User) -> list[dt.date]:
    """The days a plan came into force or changed, oldest first (scheduled future changes included)."""
    return [version.effective_from for version in in_force_timeline(PlanVersion.objects.filter(patient=patient))]
