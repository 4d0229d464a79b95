"""Change from the first week to the latest week, graded with the IMMPACT benchmarks, for one patient or a cohort.

*What it computes.* The baseline is the first 7 days of use, counted from the first day the measure was recorded
(pain and function from daily check-ins, PEG from the questionnaire); the latest window is the 7 days ending on
``as_of``. Each window's value is the mean of its daily means. Improvement is reported as a positive number: for pain
and PEG a fall, for function (rated 10 = could do all daily activities) a fall in the limitation ``10 - function``,
so that every measure is graded on the same footing as the interference scales IMMPACT discusses.

*Why these thresholds.* IMMPACT (Dworkin et al., J Pain 2008;9:105-121, doi:10.1016/j.jpain.2007.09.005): a fall of
10-20% in chronic pain is minimally important, >= 30% moderately important, >= 50% substantially important.
For the 0-10 pain rating a fall of about 2 points matched "much improved" (Farrar et al., Pain 2001;94:149-158,
doi:10.1016/S0304-3959(01)00349-9), reported separately as ``two_point``.

*Known limits.* These are group benchmarks from trials, applied here to one person's diary; a window needs at least
4 of its 7 days rated (2 PEG scores: one answer against one is a single pair of numbers, too little to grade, so a
once-a-week PEG is described, never graded); with fewer on either side the change is "too few days rated to judge a
change (N and M days)", never a category (``judgeable``); days without a rating are skipped, not imputed; the
category says nothing about why pain changed (other treatment, the natural course, regression to the mean).
A worsening of 10% or more of the baseline is "worse"; smaller changes either way below 10% are "none".
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from speciosa.core.analytics.inputs import PatientData
from speciosa.core.analytics.series import PEG_INSTRUMENT, day_text, local_midnight
from speciosa.core.analytics.stats import Proportion, proportion, t_975
from speciosa.core.errors import InputError

MEASURES = ("pain", "peg", "function")
CATEGORIES = ("substantial", "moderate", "minimal", "none", "worse", "insufficient")
WINDOW_DAYS = 7
MIN_DAYS = {"pain": 4, "function": 4, "peg": 2}  # days rated in each window before a category is given
SUBSTANTIAL_PERCENT = 50.0  # Dworkin 2008
MODERATE_PERCENT = 30.0  # Dworkin 2008
MINIMAL_PERCENT = 10.0  # Dworkin 2008 (10-20% minimally important)
WORSE_PERCENT = -10.0
TWO_POINTS = 2.0  # Farrar 2001, 0-10 pain rating
NO_BASELINE_POINTS = 1.0  # with a baseline of zero there is no percentage; a 1-point change is called worse
SCALE_MAX = 10.0
LABELS = {"pain": "Pain", "peg": "PEG (pain, enjoyment, activity)", "function": "Daily activities"}
CATEGORY_WORDS = {
    "substantial": "a substantial improvement (50% or more)",
    "moderate": "a moderately important improvement (30% or more)",
    "minimal": "a minimal improvement (10% to under 30%)",
    "none": "no meaningful change (under 10% either way)",
    "worse": "a worsening of 10% or more",
}
SOURCES = ("Dworkin et al., J Pain 2008;9:105-121, doi:10.1016/j.jpain.2007.09.005",
           "Farrar et al., Pain 2001;94:149-158, doi:10.1016/S0304-3959(01)00349-9")


@dataclass(frozen=True, slots=True)
class Change:
    measure: str
    category: str  # one of CATEGORIES
    baseline: float | None  # mean rating in the first week, on the measure's own 0-10 scale
    latest: float | None
    absolute: float | None  # improvement in points (positive = better)
    absolute_low: float | None  # 95% interval of the improvement (Welch)
    absolute_high: float | None
    percent: float | None  # improvement as a percentage of the baseline severity (positive = better)
    two_point: bool | None  # pain only: improved by 2 points or more
    n_baseline: int  # days with a rating in each window
    n_latest: int
    baseline_start: dt.date | None
    latest_start: dt.date
    as_of: dt.date
    message: str

    @property
    def responder(self) -> bool:
        """Moderately important improvement or better."""
        return self.category in ("substantial", "moderate")

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure, "category": self.category, "baseline": _r(self.baseline),
            "latest": _r(self.latest), "absolute": _r(self.absolute), "absolute_low": _r(self.absolute_low),
            "absolute_high": _r(self.absolute_high), "percent": _r(self.percent, 1), "two_point": self.two_point,
            "n_baseline": self.n_baseline, "n_latest": self.n_latest,
            "baseline_start": self.baseline_start.isoformat() if self.baseline_start else None,
            "latest_start": self.latest_start.isoformat(), "as_of": self.as_of.isoformat(),
            "message": self.message, "sources": list(SOURCES),
        }


def judgeable(measure: str, n_baseline: int, n_latest: int) -> bool:
    """Whether both weeks have enough days rated (``MIN_DAYS``) for an IMMPACT category: the benchmarks grade a
    change in a mean of daily ratings (Dworkin 2008), and a mean of one or two days is not one."""
    needed = MIN_DAYS[measure]
    return n_baseline >= needed and n_latest >= needed


def too_few_words(n_baseline: int, n_latest: int) -> str:
    """What a report says instead of a category when ``judgeable`` is false."""
    return f"too few days rated to judge a change ({n_baseline} and {n_latest} days)"


def categorise(percent: float) -> str:
    """The IMMPACT category of an improvement of ``percent`` (positive = better)."""
    if percent >= SUBSTANTIAL_PERCENT:
        return "substantial"
    if percent >= MODERATE_PERCENT:
        return "moderate"
    if percent >= MINIMAL_PERCENT:
        return "minimal"
    if percent > WORSE_PERCENT:
        return "none"
    return "worse"


def improvement_percent(measure: str, baseline: float, latest: float) -> float | None:
    """Improvement as a percentage of the baseline severity; None when the baseline leaves nothing to improve."""
    if measure == "function":
        baseline, latest = SCALE_MAX - baseline, SCALE_MAX - latest
    if baseline <= 0:
        return None
    return (baseline - latest) / baseline * 100.0


def change(data: PatientData, *, measure: str = "pain", as_of: dt.date) -> Change:
    """Baseline (first 7 days of use) against the latest 7 days up to ``as_of``, with its IMMPACT category."""
    _check(measure, as_of)
    label = LABELS[measure]
    latest_start = as_of - dt.timedelta(days=WINDOW_DAYS - 1)
    values = _rows(data, measure, before=local_midnight(data, as_of + dt.timedelta(days=1)))
    if not values:
        return _insufficient(measure, as_of, latest_start, None, 0, 0,
                             f"{label}: no ratings recorded up to {day_text(as_of)}, so there is no change to report.")
    zone = data.zone
    first_day = min(instant for instant, _ in values).astimezone(zone).date()
    baseline_end = first_day + dt.timedelta(days=WINDOW_DAYS - 1)
    if latest_start <= baseline_end:
        days_known = (as_of - first_day).days + 1
        return _insufficient(
            measure, as_of, latest_start, first_day, 0, 0,
            f"{label}: ratings cover {days_known} day{'s' if days_known != 1 else ''} "
            f"(from {day_text(first_day)}); comparing the first week with the latest needs at least 14 days.")
    first_upper = local_midnight(data, baseline_end + dt.timedelta(days=1))
    latest_lower = local_midnight(data, latest_start)
    first: dict[dt.date, list[float]] = defaultdict(list)
    last: dict[dt.date, list[float]] = defaultdict(list)
    for instant, value in values:
        if instant < first_upper:
            first[instant.astimezone(zone).date()].append(value)
        elif instant >= latest_lower:
            last[instant.astimezone(zone).date()].append(value)
    first_daily = [math.fsum(v) / len(v) for v in first.values()]
    last_daily = [math.fsum(v) / len(v) for v in last.values()]
    if not judgeable(measure, len(first_daily), len(last_daily)):
        return _insufficient(
            measure, as_of, latest_start, first_day, len(first_daily), len(last_daily),
            f"{label}: {too_few_words(len(first_daily), len(last_daily))} in the first and the latest week; "
            f"at least {MIN_DAYS[measure]} in each are needed.")

    baseline = math.fsum(first_daily) / len(first_daily)
    latest = math.fsum(last_daily) / len(last_daily)
    sign = 1.0 if measure == "function" else -1.0
    absolute = sign * (latest - baseline)
    low, high = _welch_interval(first_daily, last_daily, absolute)
    percent = improvement_percent(measure, baseline, latest)
    if percent is None:
        category = "worse" if absolute <= -NO_BASELINE_POINTS else "none"
    else:
        category = categorise(percent)
    two_point = absolute >= TWO_POINTS if measure == "pain" else None
    message = _message(label, measure, category, baseline, latest, absolute, low, high, percent, two_point,
                       first_day, latest_start, as_of)
    return Change(measure, category, baseline, latest, absolute, low, high, percent, two_point,
                  len(first_daily), len(last_daily), first_day, latest_start, as_of, message)


@dataclass(frozen=True, slots=True)
class CohortSummary:
    measure: str
    as_of: dt.date
    patients: int
    counts: dict[str, int]  # every category, including insufficient
    proportions: dict[str, Proportion]  # of all patients
    evaluable: int  # patients with enough data
    responders: Proportion  # moderate or substantial, among the evaluable
    two_point: Proportion | None  # pain only, among the evaluable

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure, "as_of": self.as_of.isoformat(), "patients": self.patients,
            "counts": dict(self.counts), "proportions": {k: v.to_dict() for k, v in self.proportions.items()},
            "evaluable": self.evaluable, "responders": self.responders.to_dict(),
            "two_point": self.two_point.to_dict() if self.two_point else None, "sources": list(SOURCES),
        }


def cohort_summary(patients: Iterable[PatientData], *, as_of: dt.date, measure: str = "pain") -> CohortSummary:
    """How many patients fall in each IMMPACT category, with Wilson 95% intervals. Linear in the rows read."""
    _check(measure, as_of)
    counts = dict.fromkeys(CATEGORIES, 0)
    two_point = 0
    for patient in patients:
        result = change(patient, measure=measure, as_of=as_of)
        counts[result.category] += 1
        two_point += bool(result.two_point)
    total = sum(counts.values())
    evaluable = total - counts["insufficient"]
    return CohortSummary(
        measure=measure, as_of=as_of, patients=total, counts=counts,
        proportions={category: proportion(count, total) for category, count in counts.items()},
        evaluable=evaluable, responders=proportion(counts["substantial"] + counts["moderate"], evaluable),
        two_point=proportion(two_point, evaluable) if measure == "pain" else None,
    )


def _check(measure: Any, as_of: Any) -> None:
    if measure not in MEASURES:
        raise InputError("measure", f"unknown measure {measure!r}; expected one of {', '.join(MEASURES)}")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InputError("as_of", "expected a date")


def _rows(data: PatientData, measure: str, *, before: dt.datetime) -> list[tuple[dt.datetime, float]]:
    if measure == "peg":
        return [(row.at, row.score) for row in data.scores if row.instrument == PEG_INSTRUMENT and row.at < before]
    return [(row.at, float(value)) for row in data.checkins
            if (value := getattr(row, measure)) is not None and row.at < before]


def _welch_interval(first: list[float], last: list[float], difference: float) -> tuple[float | None, float | None]:
    """95% interval of a difference of two means (Welch; degrees of freedom rounded down, a little conservative)."""
    n1, n2 = len(first), len(last)
    if n1 < 2 or n2 < 2:
        return None, None
    v1 = _variance(first) / n1
    v2 = _variance(last) / n2
    se = math.sqrt(v1 + v2)
    if se == 0:
        return difference, difference
    df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    half = t_975(max(1, math.floor(df))) * se
    return difference - half, difference + half


def _variance(values: list[float]) -> float:
    mean = math.fsum(values) / len(values)
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _insufficient(measure: str, as_of: dt.date, latest_start: dt.date, first_day: dt.date | None,
                  n_baseline: int, n_latest: int, message: str) -> Change:
    return Change(measure, "insufficient", None, None, None, None, None, None, None, n_baseline, n_latest,
                  first_day, latest_start, as_of, message)


def _message(label: str, measure: str, category: str, baseline: float, latest: float, absolute: float,
             low: float | None, high: float | None, percent: float | None, two_point: bool | None,
             first_day: dt.date, latest_start: dt.date, as_of: dt.date) -> str:
    direction = "better" if absolute > 0 else "worse" if absolute < 0 else "unchanged"
    parts = [
        f"{label} averaged {baseline:.1f} in the first week ({day_text(first_day)} to "
        f"{day_text(first_day + dt.timedelta(days=WINDOW_DAYS - 1))}) and {latest:.1f} in the latest week "
        f"({day_text(latest_start)} to {day_text(as_of)})"
        + (f": {abs(absolute):.1f} points {direction}" if direction != "unchanged" else ": unchanged")
        + (f" ({abs(percent):.0f}%)." if percent is not None and direction != "unchanged" else "."),
    ]
    if low is not None and high is not None and high > low:
        parts.append(f"95% interval for the change: {low:+.1f} to {high:+.1f} points (positive = better).")
    if measure == "function" and percent is not None and direction != "unchanged":
        parts.append("The percentage is of the limitation at baseline (10 minus the rating).")
    if percent is None:
        parts.append("The first week left no room for improvement on this scale, so no percentage is given.")
    parts.append(f"By the IMMPACT benchmarks (Dworkin 2008) this is {CATEGORY_WORDS[category]}.")
    if two_point:
        parts.append("It is also a fall of 2 points or more, which patients in trials rated as much improved "
                     "(Farrar 2001).")
    parts.append("These benchmarks come from groups in trials; in one person's diary other treatments and the "
                 "natural course of pain can explain a change, so read it as a description, not proof.")
    return " ".join(parts)


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
