"""Everything analytics says about one patient over a period, in one object for pages, the API and the visit report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from speciosa.core.analytics.dose_response import DoseResponse, dose_response
from speciosa.core.analytics.immpact import MEASURES, Change, change
from speciosa.core.analytics.inputs import PatientData
from speciosa.core.analytics.products import NOTE as PRODUCTS_NOTE
from speciosa.core.analytics.products import ProductOutcome, compare_products
from speciosa.core.analytics.series import Day, Week, check_range, daily_series, weekly_series
from speciosa.core.analytics.side_effects import BandSummary, by_dose_band
from speciosa.core.analytics.time_of_day import TimeOfDay, time_of_day

DOSE_RESPONSE_MEASURES = ("pain", "function")
NOTES = (
    "Figures describe the diary records; they are not a trial and cannot show what caused a change.",
    "Nothing here is advice to change a dose: any change belongs to the plan agreed with the clinician.",
)


@dataclass(frozen=True, slots=True)
class PatientOutcomes:
    start: dt.date
    end: dt.date
    time_zone: str
    days: tuple[Day, ...]
    weeks: tuple[Week, ...]
    changes: dict[str, Change]  # pain, peg, function; baseline = first week of use, latest = week ending on ``end``
    dose_response: tuple[DoseResponse, ...]  # pain and function, same day and next day
    side_effects: tuple[BandSummary, ...]
    products: tuple[ProductOutcome, ...]
    time_of_day: TimeOfDay
    plan_changes: tuple[dt.date, ...]  # within the period

    @property
    def days_logged(self) -> int:
        return sum(day.logged for day in self.days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(), "time_zone": self.time_zone,
            "days_logged": self.days_logged,
            "days": [d.to_dict() for d in self.days], "weeks": [w.to_dict() for w in self.weeks],
            "changes": {k: v.to_dict() for k, v in self.changes.items()},
            "dose_response": [d.to_dict() for d in self.dose_response],
            "side_effects": [b.to_dict() for b in self.side_effects],
            "products": [p.to_dict() for p in self.products], "products_note": PRODUCTS_NOTE,
            "time_of_day": self.time_of_day.to_dict(),
            "plan_changes": [d.isoformat() for d in self.plan_changes], "notes": list(NOTES),
        }

    def messages(self) -> tuple[str, ...]:
        """Every sentence shown to a person, for review and for the test that scans them."""
        return (*(c.message for c in self.changes.values()), *(d.message for d in self.dose_response),
                *(p.message for p in self.products), self.time_of_day.message, PRODUCTS_NOTE, *NOTES)


def summarise(data: PatientData, *, start: dt.date, end: dt.date) -> PatientOutcomes:
    check_range(start, end)
    days = daily_series(data, start=start, end=end)
    return PatientOutcomes(
        start=start, end=end, time_zone=data.time_zone, days=days, weeks=weekly_series(days),
        changes={measure: change(data, measure=measure, as_of=end) for measure in MEASURES},
        dose_response=tuple(dose_response(days, measure=measure, lag_days=lag)
                            for measure in DOSE_RESPONSE_MEASURES for lag in (0, 1)),
        side_effects=by_dose_band(days),
        products=compare_products(data, start=start, end=end),
        time_of_day=time_of_day(data, start=start, end=end),
        plan_changes=tuple(sorted(d for d in data.plan_changes if start <= d <= end)),
    )
