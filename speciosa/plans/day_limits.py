"""A stored plan version's limits on one day, in the core's terms (speciosa.core.plan_days), for every page that
judges a day against the plan: the panel's adherence, the visit report and today's plan box."""

from __future__ import annotations

import datetime as dt

from speciosa.core.plan_days import DayLimits, limits_on
from speciosa.plans.models import PlanVersion


def version_limits_on(version: PlanVersion, day: dt.date) -> DayLimits | None:
    """``version``'s limits on ``day`` (titration step for that date capped by the maximum); None without a limit."""
    return limits_on(
        day,
        max_daily_leaf_g=None if version.max_daily_leaf_g is None else float(version.max_daily_leaf_g),
        max_daily_mitragynine_mg=(None if version.max_daily_mitragynine_mg is None
                                  else float(version.max_daily_mitragynine_mg)),
        max_doses_per_day=version.max_doses_per_day, titration=version.schedule)
