"""Synthetic diaries with known answers for the analytics tests."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData, ScoreRow

FIRST_DAY = dt.date(2026, 3, 2)  # a Monday
ZONE = "America/New_York"


def at(day: dt.date, hour: int, minute: int = 0, zone: str = ZONE) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def diary(pain: Sequence[float | None], *, doses: Sequence[float] | None = None, function: Sequence[float] | None = None,
          peg: dict[int, float] | None = None, product: str = "Red powder", start: dt.date = FIRST_DAY,
          zone: str = ZONE) -> PatientData:
    """Day i has a check-in at 20:00 local with ``pain[i]`` (None: no check-in) and one dose of ``doses[i]`` g at 09:00
    (0 or absent: no dose); ``peg`` maps day index to a PEG score answered at 19:00."""
    checkins, dose_rows = [], []
    for index, value in enumerate(pain):
        day = start + dt.timedelta(days=index)
        if value is not None:
            checkins.append(CheckinRow(at=at(day, 20, zone=zone), pain=value,
                                       function=function[index] if function else None))
    for index, grams in enumerate(doses or ()):
        if grams:
            day = start + dt.timedelta(days=index)
            dose_rows.append(DoseRow(at(day, 9, zone=zone), grams, grams * 15, product))
    scores = tuple(ScoreRow("peg", at(start + dt.timedelta(days=i), 19, zone=zone), score)
                   for i, score in sorted((peg or {}).items()))
    return PatientData(zone, tuple(dose_rows), tuple(checkins), scores)


def two_weeks_apart(baseline: float, latest: float, *, gap_days: int = 14) -> PatientData:
    """A first week at ``baseline``, ``gap_days`` days between, a latest week at ``latest``; pain rated daily."""
    pain = [baseline] * 7 + [(baseline + latest) / 2] * gap_days + [latest] * 7
    return diary(pain, doses=[4.0] * len(pain))


def last_day(data: PatientData) -> dt.date:
    return max(data.local_day(c.at) for c in data.checkins)
