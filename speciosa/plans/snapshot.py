"""The plan part of a patient's snapshot (speciosa.snapshot/1): ``plan`` at as_of and the ``plans`` over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from speciosa.accounts.models import User
from speciosa.plans.models import PlanVersion
from speciosa.plans.queries import in_force_timeline


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def plan_entry(version: PlanVersion, *, limit_day: dt.date) -> dict[str, Any]:
    """One plan as the snapshot carries it; ``daily_limit_g`` is the leaf limit on ``limit_day``."""
    return {
        "effective_from": version.effective_from.isoformat(),
        "max_daily_leaf_g": _number(version.max_daily_leaf_g),
        "max_daily_mitragynine_mg": _number(version.max_daily_mitragynine_mg),
        "max_doses_per_day": version.max_doses_per_day,
        "lab_interval_days": version.lab_interval_days,
        "titration": version.titration,
        "daily_limit_g": version.limit_on(limit_day),
        "version": version.version,
    }


def snapshot_plans(patient: User, *, as_of: dt.datetime, today: dt.date,
                   since: dt.date | None = None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the plan in force on ``today``, the plans in force from ``since`` to ``today``), in one query.

    Only versions published by ``as_of`` count. ``since=None`` gives the whole history; otherwise the list starts
    with the version in force on ``since``, so it stays short however long the history.
    """
    return plan_entries(PlanVersion.objects.filter(patient=patient, effective_from__lte=today, created_at__lte=as_of),
                        today=today, since=since)


def plan_entries(versions: Iterable[PlanVersion], *, today: dt.date,
                 since: dt.date | None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """One patient's published versions (effective by ``today``) as snapshot entries: (the one in force on
    ``today``, those in force from ``since`` to ``today``, or all of them when ``since`` is None). The safety
    engine's batch snapshot calls this per patient with the versions it read for the whole batch."""
    timeline = in_force_timeline(versions)
    if since is not None:
        first = max((i for i, v in enumerate(timeline) if v.effective_from <= since), default=0)
        timeline = timeline[first:]
    entries = []
    for index, version in enumerate(timeline):
        ends = timeline[index + 1].effective_from - dt.timedelta(days=1) if index + 1 < len(timeline) else today
        entries.append(plan_entry(version, limit_day=ends))
    return (entries[-1] if entries else None), entries
