"""``{% plan_today user day totals as plan_today %}``: the plan in force today and where today stands against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from speciosa.core.plan_days import DOSES, LEAF, MITRAGYNINE, DayTaken, judge_day
from speciosa.plans.day_limits import version_limits_on
from speciosa.plans.queries import plan_in_force

register = template.Library()


@register.simple_tag
def plan_today(user: Any, day: dt.date, totals: Any) -> dict[str, Any] | None:
    """None for anyone but a patient; else the version in force (or None), today's limit and today's totals."""
    if not getattr(user, "is_patient", False):
        return None
    version = plan_in_force(user, on=day)
    if version is None:
        return {"version": None}
    limits = version_limits_on(version, day)
    taken = DayTaken(leaf_equivalent_g=float(totals.leaf_equivalent_g), mitragynine_mg=float(totals.mitragynine_mg),
                     doses=totals.doses) if totals is not None else DayTaken()
    verdict = judge_day(day, taken, limits)  # the rule's, the panel's and the visit report's definition
    over = verdict.over if verdict is not None else ()
    limit_g = None if limits is None else limits.leaf_equivalent_g
    max_doses = None if limits is None else limits.doses
    # At the limit already (not only above it): one more dose would go over, so Today's log buttons ask first.
    reached = bool(over) or (limit_g is not None and taken.leaf_equivalent_g >= float(limit_g) - 1e-9) or (
        bool(max_doses) and taken.doses >= (max_doses or 0))
    return {
        "version": version,
        "limit_g": limit_g,
        "leaf_g": taken.leaf_equivalent_g,
        "doses": taken.doses,
        "above_leaf": LEAF in over,
        "above_mitragynine": MITRAGYNINE in over,
        "above_doses": DOSES in over,
        "above": bool(over),
        "reached": reached,
        "titrated": version.titration is not None,
    }
