"""What the reports read of the patient's treatment plan: the days it changed and each day's limits.

These functions are the reports' only door into the plans app (speciosa.plans.queries: ``plan_in_force``,
``plan_change_dates``). Without a plan they return nothing and reports say "no plan in force".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from speciosa.accounts.models import User
from speciosa.core.plan_days import DayLimits
from speciosa.plans.day_limits import version_limits_on
from speciosa.plans.queries import plan_change_dates, plan_in_force


@dataclass(frozen=True)
class PlanFacts:
    """The plan in force on the last day of a report's period, in the words a report prints."""

    version: int
    effective_from: dt.date | None
    max_daily_leaf_g: float | None
    max_daily_mitragynine_mg: float | None
    max_doses_per_day: int | None
    review_on: dt.date | None


def plan_change_dates_of(patient: User) -> list[dt.date]:
    return plan_change_dates(patient)


def plan_on(patient: User, day: dt.date) -> PlanFacts | None:
    plan = plan_in_force(patient, on=day)
    if plan is None:
        return None
    return PlanFacts(version=plan.version, effective_from=plan.effective_from,
                     max_daily_leaf_g=_float(plan.max_daily_leaf_g),
                     max_daily_mitragynine_mg=_float(plan.max_daily_mitragynine_mg), max_doses_per_day=plan.max_doses_per_day,
                     review_on=plan.review_on)


def daily_limits(patient: User, *, start: dt.date, end: dt.date) -> dict[dt.date, DayLimits]:
    """Each day's limits (titration step for that date capped by the plan's maximum; mitragynine and dose-count
    maxima) for the days a plan with a dose limit was in force; speciosa.core.plan_days judges a day against them.

    One plan lookup per plan change inside the period, not one per day.
    """
    starts = sorted({start, *(day for day in plan_change_dates(patient) if start < day <= end)})
    limits: dict[dt.date, DayLimits] = {}
    for index, first in enumerate(starts):
        last = starts[index + 1] - dt.timedelta(days=1) if index + 1 < len(starts) else end
        plan = plan_in_force(patient, on=first)
        if plan is None:
            continue
        day = first
        while day <= last:
            day_limits = version_limits_on(plan, day)
            if day_limits is not None:
                limits[day] = day_limits
            day += dt.timedelta(days=1)
    return limits


def _float(value: Any) -> float | None:
    return None if value is None else float(value)

