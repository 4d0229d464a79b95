"""A plan's titration schedule: the daily leaf-equivalent limit that rises by a fixed step at a fixed interval.

``limit_on(day)`` is ``start_g + step_g × (completed intervals since starts_on)``, never above ``ceiling_g``. Before
``starts_on`` the limit is ``start_g``: the schedule never allows more before it has begun. The plan caps it again at
its own maximum (``leaf_limit_on`` below), so no day's limit is ever above the plan's maximum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from speciosa.core.errors import InputError, InputErrors
from speciosa.core.units import check_number

FIELDS = ("start_g", "step_g", "interval_days", "ceiling_g", "starts_on")


@dataclass(frozen=True, slots=True)
class Titration:
    start_g: float
    step_g: float
    interval_days: int
    ceiling_g: float
    starts_on: dt.date

    def limit_on(self, day: dt.date) -> float:
        """The schedule's leaf-equivalent limit on ``day`` (grams)."""
        steps = max(0, (day - self.starts_on).days // self.interval_days)
        if steps == 0:
            return min(self.start_g, self.ceiling_g)
        # The sum is rounded so float noise (0.7 + 0.1 = 0.7999999999999999) cannot pull a step below the amount the
        # clinician meant; it is never taken below the starting amount, which rounding a start given to more than
        # four decimals would do, so the limit never falls from one day to the next.
        return min(max(round(self.start_g + self.step_g * steps, 4), self.start_g), self.ceiling_g)

    def to_dict(self) -> dict[str, Any]:
        return {"start_g": self.start_g, "step_g": self.step_g, "interval_days": self.interval_days,
                "ceiling_g": self.ceiling_g, "starts_on": self.starts_on.isoformat()}


def leaf_limit_on(day: dt.date, *, max_daily_leaf_g: float | None, titration: Titration | None) -> float | None:
    """A plan's leaf-equivalent limit on ``day``: the titration step capped by the plan's maximum, else the maximum."""
    if titration is None:
        return max_daily_leaf_g
    step_limit = titration.limit_on(day)
    return step_limit if max_daily_leaf_g is None else min(step_limit, max_daily_leaf_g)


def parse_titration(value: Any, path: str, *, maximum_g: float | None = None) -> Titration | None:
    """A Titration from plain data (``starts_on`` as a date or ISO text); None for null. InputError names the field.

    ``maximum_g`` bounds the grams (the place a clinician writes a plan sets it; a snapshot file does not).
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InputError(path, "expected an object with start_g, step_g, interval_days, ceiling_g and starts_on")
    missing = [InputError(f"{path}.{name}", "is required") for name in FIELDS if value.get(name) is None]
    if missing:  # every missing part at once, so a form shows them together
        raise missing[0] if len(missing) == 1 else InputErrors(missing)
    start = check_number(value["start_g"], f"{path}.start_g", minimum=0, maximum=maximum_g, exclusive_minimum=True)
    step = check_number(value["step_g"], f"{path}.step_g", minimum=0, maximum=maximum_g)
    interval = check_number(value["interval_days"], f"{path}.interval_days", minimum=1, maximum=366)
    if interval != int(interval):
        raise InputError(f"{path}.interval_days", "expected a whole number of days")
    ceiling = check_number(value["ceiling_g"], f"{path}.ceiling_g", minimum=0, maximum=maximum_g,
                           exclusive_minimum=True)
    if ceiling < start:
        raise InputError(f"{path}.ceiling_g", f"must be at least the starting amount ({start:g} g)")
    starts_on = value["starts_on"]
    if isinstance(starts_on, str):
        if "\x00" in starts_on:
            raise InputError(f"{path}.starts_on", "contains a NUL character")
        try:
            starts_on = dt.date.fromisoformat(starts_on)
        except ValueError:
            raise InputError(f"{path}.starts_on", f"{starts_on!r} is not an ISO 8601 date (YYYY-MM-DD)") from None
    if isinstance(starts_on, dt.datetime) or not isinstance(starts_on, dt.date):
        raise InputError(f"{path}.starts_on", "expected a date (YYYY-MM-DD)")
    return Titration(start_g=start, step_g=step, interval_days=int(interval), ceiling_g=ceiling, starts_on=starts_on)
