"""``{% plan_today user day totals as plan_today %}``: the plan in force today and where today stands against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

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
    limit = version.limit_on(day)
    leaf = float(totals.leaf_equivalent_g) if totals is not None else 0.0
    doses = totals.doses if totals is not None else 0
    return {
        "version": version,
        "limit_g": limit,
        "leaf_g": leaf,
        "doses": doses,
        "above_leaf": limit is not None and leaf > limit,
        "above_doses": version.max_doses_per_day is not None and doses > version.max_doses_per_day,
        "titrated": version.titration is not None,
    }
