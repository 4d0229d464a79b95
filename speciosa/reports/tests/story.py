"""A four-week record with known answers, for the report and page tests.

28 days (23 October to 19 November 2026, New York time): two 3 g doses of a lab-tested powder (15 mg/g mitragynine)
every day, so 6 g leaf-equivalent and 90 mg mitragynine a day; a check-in every evening with the 24-hour average
pain at 5 in the first week, 4 in the middle two and 3 in the last week (a 40% improvement: IMMPACT "moderate");
ALT 250 U/L with an upper limit of 40 (6.25× ULN) on 18 November; a PHQ-4 on the first and last day, if the
questionnaires app is present; a note on one check-in.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from speciosa.diary.domain import record_checkin, record_dose, record_lab

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
FIRST_DAY = dt.date(2026, 10, 23)
LAST_DAY = dt.date(2026, 11, 19)
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)  # noon in New York, the day after the record ends
PRIVATE_NOTE = "Slept badly; the neighbours' dog again."


@dataclass(frozen=True)
class Expected:
    mean_daily_g: str = "6"
    mitragynine_mg: str = "90"
    category: str = "moderate"
    alt_times_uln: str = "6.25×"


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=NEW_YORK)


def seed_four_weeks(patient, product) -> Expected:
    for offset in range((LAST_DAY - FIRST_DAY).days + 1):
        day = FIRST_DAY + dt.timedelta(days=offset)
        for hour in (8, 14):
            record_dose(patient, product=product, amount=3, unit="g", taken_at=at(day, hour), by=patient)
        pain = 5 if offset < 7 else 3 if offset >= 21 else 4
        record_checkin(patient, by=patient, at=at(day, 20), pain_avg_24h=pain, mood=6, function=6,
                       side_effects={"nausea": 1} if offset % 4 == 0 else {},
                       note=PRIVATE_NOTE if offset == 10 else "")
    record_lab(patient, by=patient, code="ALT", value=250, unit="U/L", uln=40, collected_at=at(LAST_DAY - dt.timedelta(days=1), 9))
    return Expected()
