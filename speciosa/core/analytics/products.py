"""Products and strains compared on the same outcomes, each with its uncertainty.

*What it computes.* For every local day in the range, the product (and strain) that supplied at least 75% of the day's
leaf-equivalent grams is the day's main product (the only product counts, of course; when no dose of the day has a
leaf equivalent, doses are counted instead). For each product: the number of such days, the mean daily dose and the
mean of each rating on those days with t-based 95% intervals, and the share of checked-in days with any side effect
(Wilson interval).

*Known limits.* Not a trial: days on different products can differ in other ways (season, other treatments, why the
product was chosen), and days are not independent. Intervals that overlap do not show a difference; intervals that
do not overlap are still only a description of these records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from speciosa.core.analytics.inputs import PatientData
from speciosa.core.analytics.series import check_range, daily_series, local_midnight
from speciosa.core.analytics.stats import Estimate, Proportion, estimate, proportion

MAIN_SHARE = 0.75
OUTCOMES = ("pain", "function", "peg", "mood", "sleep")
NOTE = ("Products are compared on the days each was the only or main product (75% or more of the day's "
        "leaf-equivalent grams). This is not a trial: those days can differ in other ways, so overlapping intervals "
        "show no difference, and even separate intervals describe these records rather than prove one product works "
        "better.")


@dataclass(frozen=True, slots=True)
class ProductOutcome:
    kind: str  # "product" or "strain"
    name: str
    days: int  # days this was the only or main product
    only_days: int  # of which the only one
    leaf_g: Estimate  # daily leaf-equivalent grams on those days
    outcomes: dict[str, Estimate]  # keyed by OUTCOMES
    any_side_effect: Proportion  # of those days with a check-in
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "days": self.days, "only_days": self.only_days,
                "leaf_g": self.leaf_g.to_dict(), "outcomes": {k: v.to_dict() for k, v in self.outcomes.items()},
                "any_side_effect": self.any_side_effect.to_dict(), "message": self.message}


def compare_products(data: PatientData, *, start: dt.date, end: dt.date) -> tuple[ProductOutcome, ...]:
    """One entry per product, then per named strain, most days first."""
    check_range(start, end)
    days = {day.day: day for day in daily_series(data, start=start, end=end)}
    lower, upper = local_midnight(data, start), local_midnight(data, end + dt.timedelta(days=1))
    grams: dict[str, dict[dt.date, dict[str, float]]] = {"product": defaultdict(dict), "strain": defaultdict(dict)}
    counts: dict[str, dict[dt.date, dict[str, int]]] = {"product": defaultdict(dict), "strain": defaultdict(dict)}
    for dose in data.doses:
        if not lower <= dose.taken_at < upper:
            continue
        day = data.local_day(dose.taken_at)
        for kind, name in (("product", dose.product), ("strain", dose.strain)):
            key = name or ""  # unnamed strain: still counted, so it dilutes the share of named ones
            counts[kind][day][key] = counts[kind][day].get(key, 0) + 1
            if dose.leaf_g is not None:
                grams[kind][day][key] = grams[kind][day].get(key, 0.0) + dose.leaf_g

    results: list[ProductOutcome] = []
    for kind in ("product", "strain"):
        main_days: dict[str, list[dt.date]] = defaultdict(list)
        only: dict[str, int] = defaultdict(int)
        for day, per_name in counts[kind].items():
            weights: dict[str, float] = grams[kind].get(day) or {k: float(v) for k, v in per_name.items()}
            total = sum(weights.values())
            if total <= 0:
                weights, total = {k: float(v) for k, v in per_name.items()}, float(sum(per_name.values()))
            name, weight = max(weights.items(), key=lambda item: (item[1], item[0]))
            if name and weight / total >= MAIN_SHARE:
                main_days[name].append(day)
                only[name] += len(per_name) == 1
        entries = [_outcome(kind, name, [days[d] for d in sorted(dates)], only[name])
                   for name, dates in main_days.items()]
        results.extend(sorted(entries, key=lambda entry: (-entry.days, entry.name)))
    return tuple(results)


def _outcome(kind: str, name: str, days: list[Any], only_days: int) -> ProductOutcome:
    outcomes = {measure: estimate([v for day in days if (v := day.value(measure)) is not None]) for measure in OUTCOMES}
    checked = [day for day in days if day.checkins]
    any_effect = proportion(sum(any(g >= 1 for g in day.side_effects.values()) for day in checked), len(checked))
    leaf = estimate([day.leaf_g for day in days if day.leaf_g_complete])
    pain = outcomes["pain"]
    if pain.mean is None:
        detail = "no pain ratings on those days."
    elif pain.low is None or pain.high is None:
        detail = f"pain {pain.mean:.1f} on the one rated day (too few days for an interval)."
    else:
        detail = (f"pain averaged {pain.mean:.1f} (95% interval {pain.low:.1f} to {pain.high:.1f}, "
                  f"{pain.n} rated days).")
    message = f"{name} was the only or main {kind} on {len(days)} day{'s' if len(days) != 1 else ''}: {detail}"
    return ProductOutcome(kind, name, len(days), only_days, leaf, outcomes, any_effect, message)
