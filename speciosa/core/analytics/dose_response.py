"""Dose-response in one person's diary: a rating against the day's leaf-equivalent dose, same day or next day.

*What it computes.* An ordinary least-squares line ``rating = intercept + slope x leaf_g`` over the days with both a
complete dose total (every dose converted to leaf-equivalent grams; a day with no dose recorded counts as 0 g) and a
rating; for ``lag_days=1`` the rating is the next day's. It reports the slope in points per gram with its 95%
confidence interval (t distribution, n - 2 degrees of freedom), Pearson's r and n.

*Known limits.* An association in observational self-records, not a causal effect: pain can drive the dose as much as
the dose can change pain, and days are not independent (the interval is likely too narrow when ratings drift). A line
is only fitted with at least 14 such days and some variation in dose.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from speciosa.core.analytics.series import Day
from speciosa.core.analytics.stats import t_975
from speciosa.core.errors import InputError

MIN_DAYS = 14
MEASURES = ("pain", "function", "peg", "mood", "energy", "sleep")
HIGHER_IS_WORSE = ("pain", "peg")
LABELS = {"pain": "pain", "function": "daily activities", "peg": "the PEG score", "mood": "mood",
          "energy": "energy", "sleep": "sleep"}
CAUTION = ("This is an association in these diary records, not proof that the dose caused it: how someone feels can "
           "shape the dose as much as the dose can shape how they feel. It is not a reason to change the dose outside "
           "the plan agreed with the clinician.")


@dataclass(frozen=True, slots=True)
class DoseResponse:
    measure: str
    lag_days: int
    n: int  # days paired
    sufficient: bool
    slope: float | None  # rating points per leaf-equivalent gram
    low: float | None  # 95% confidence interval of the slope
    high: float | None
    intercept: float | None
    r: float | None
    dose_min_g: float | None
    dose_max_g: float | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "lag_days": self.lag_days, "n": self.n, "sufficient": self.sufficient,
                "slope": _r(self.slope), "low": _r(self.low), "high": _r(self.high),
                "intercept": _r(self.intercept), "r": _r(self.r), "dose_min_g": _r(self.dose_min_g),
                "dose_max_g": _r(self.dose_max_g), "message": self.message}


@dataclass(frozen=True, slots=True)
class Fit:
    slope: float
    intercept: float
    low: float
    high: float
    r: float | None


def least_squares(doses: list[float], ratings: list[float]) -> Fit:
    """OLS of ratings on doses; needs at least three points and some spread in the doses."""
    n = len(doses)
    mean_x, mean_y = math.fsum(doses) / n, math.fsum(ratings) / n
    sxx = math.fsum((x - mean_x) ** 2 for x in doses)
    syy = math.fsum((y - mean_y) ** 2 for y in ratings)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(doses, ratings, strict=True))
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    residual = max(0.0, syy - slope * sxy)
    se = math.sqrt(residual / (n - 2) / sxx)
    half = t_975(n - 2) * se
    r = sxy / math.sqrt(sxx * syy) if syy > 0 else None
    return Fit(slope, intercept, slope - half, slope + half, r)


def pairs(days: Iterable[Day], *, measure: str, lag_days: int) -> list[tuple[float, float]]:
    """(leaf g on day d, rating on day d + lag) for days with a complete dose total and a rating."""
    by_day = {day.day: day for day in days}
    result = []
    for day in by_day.values():
        if not day.logged or not day.leaf_g_complete:
            continue
        outcome_day = by_day.get(day.day + dt.timedelta(days=lag_days)) if lag_days else day
        rating = outcome_day.value(measure) if outcome_day is not None else None
        if rating is not None:
            result.append((day.leaf_g, rating))
    return result


def dose_response(days: Iterable[Day], *, measure: str = "pain", lag_days: int = 0) -> DoseResponse:
    if measure not in MEASURES:
        raise InputError("measure", f"unknown measure {measure!r}; expected one of {', '.join(MEASURES)}")
    if isinstance(lag_days, bool) or lag_days not in (0, 1):
        raise InputError("lag_days", "must be 0 (same day) or 1 (next day)")
    paired = pairs(days, measure=measure, lag_days=lag_days)
    label = LABELS[measure]
    when = "the same day" if lag_days == 0 else "the next day"
    n = len(paired)
    doses = [dose for dose, _ in paired]
    ratings = [rating for _, rating in paired]
    dose_min, dose_max = (min(doses), max(doses)) if paired else (None, None)
    if n < MIN_DAYS:
        return _insufficient(measure, lag_days, n, dose_min, dose_max,
                             f"Too few days to relate {label} on {when} to the dose: {n} day{'s' if n != 1 else ''} "
                             f"with both a complete dose record and a rating; at least {MIN_DAYS} are needed.")
    if dose_max is None or dose_min is None or dose_max - dose_min < 1e-9:
        return _insufficient(measure, lag_days, n, dose_min, dose_max,
                             f"The daily dose was the same ({doses[0]:g} g) on all {n} days, so these records "
                             f"cannot show how {label} relates to the dose.")
    fit = least_squares(doses, ratings)
    message = _message(label, measure, when, fit, n, dose_min, dose_max)
    return DoseResponse(measure, lag_days, n, True, fit.slope, fit.low, fit.high, fit.intercept, fit.r,
                        dose_min, dose_max, message)


def _message(label: str, measure: str, when: str, fit: Fit, n: int, dose_min: float, dose_max: float) -> str:
    spread = f"Over {n} days with daily doses from {dose_min:g} to {dose_max:g} g leaf-equivalent"
    if fit.low <= 0 <= fit.high:
        finding = (f"{label} on {when} showed no clear relation to the dose: the line's slope was {fit.slope:+.2f} "
                   f"points per gram, and its 95% interval ({fit.low:+.2f} to {fit.high:+.2f}) includes zero.")
    else:
        lower = fit.slope < 0
        better = lower if measure in HIGHER_IS_WORSE else not lower
        finding = (f"{label} on {when} tended to be {'lower' if lower else 'higher'} on days with more grams "
                   f"({'better' if better else 'worse'} on this scale): {abs(fit.slope):.2f} points per gram "
                   f"(95% interval {fit.low:+.2f} to {fit.high:+.2f}).")
    strength = f" r = {fit.r:.2f}." if fit.r is not None else ""
    return f"{spread}, {finding}{strength} {CAUTION}"


def _insufficient(measure: str, lag_days: int, n: int, dose_min: float | None, dose_max: float | None,
                  message: str) -> DoseResponse:
    return DoseResponse(measure, lag_days, n, False, None, None, None, None, None, dose_min, dose_max, message)


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
