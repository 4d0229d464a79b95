"""Bounded windows over a snapshot: the doses and check-ins of the last N calendar days, and daily totals.

Rules look only at recent windows so that evaluation time does not grow with the length of a patient's history (a
patient with five years of daily doses evaluates about as fast as one with a month). The snapshot keeps doses and
check-ins sorted oldest first, so a window is found by binary search on the timestamp and only its tail is read;
nothing here walks the whole history. Nothing is cached either: reading the tail again costs a few hundred
comparisons at most, and a cache keyed by object identity would be unsafe once a snapshot is freed.

Entries after ``as_of`` are ignored, so a snapshot evaluated "as of" an earlier moment sees only what existed then.
Calendar days are counted in the patient's zone (``snapshot.zone``), so a dose at 23:30 in New York belongs to that
day, not the next.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from speciosa.core.snapshot import Checkin, Dose, Snapshot


@dataclass(frozen=True, slots=True)
class DayTotal:
    """What was taken on one calendar day in the patient's zone."""

    day: dt.date
    leaf_equivalent_g: float  # 7-OH products claim no leaf equivalent and add nothing here
    mitragynine_mg: float
    hydroxymitragynine_mg: float
    doses: int
    seven_oh_doses: int


def day_start(snapshot: Snapshot, day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in the patient's zone (DST-aware)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=snapshot.zone)


def window_start(snapshot: Snapshot, days: int) -> dt.datetime:
    """The start of a window holding the last ``days`` calendar days, today included."""
    return day_start(snapshot, snapshot.today - dt.timedelta(days=days - 1))


def doses_between(snapshot: Snapshot, start: dt.datetime, end: dt.datetime) -> Sequence[Dose]:
    """Doses with ``start <= taken_at < end``, never later than ``as_of``."""
    end = min(end, _just_after(snapshot.as_of))
    low = bisect.bisect_left(snapshot.doses, start, key=_taken_at)
    high = bisect.bisect_left(snapshot.doses, end, lo=low, key=_taken_at)
    return snapshot.doses[low:high]


def recent_doses(snapshot: Snapshot, days: int) -> Sequence[Dose]:
    """Doses of the last ``days`` calendar days, today included, up to ``as_of``."""
    return doses_between(snapshot, window_start(snapshot, days), _just_after(snapshot.as_of))


def checkins_between(snapshot: Snapshot, start: dt.datetime, end: dt.datetime) -> Sequence[Checkin]:
    """Check-ins with ``start <= at < end``, never later than ``as_of``."""
    end = min(end, _just_after(snapshot.as_of))
    low = bisect.bisect_left(snapshot.checkins, start, key=_at)
    high = bisect.bisect_left(snapshot.checkins, end, lo=low, key=_at)
    return snapshot.checkins[low:high]


def recent_checkins(snapshot: Snapshot, days: int) -> Sequence[Checkin]:
    """Check-ins of the last ``days`` calendar days, today included, up to ``as_of``."""
    return checkins_between(snapshot, window_start(snapshot, days), _just_after(snapshot.as_of))


def last_dose_before(snapshot: Snapshot, moment: dt.datetime) -> Dose | None:
    """The latest dose taken at or before ``moment`` (and not after ``as_of``)."""
    index = bisect.bisect_right(snapshot.doses, min(moment, snapshot.as_of), key=_taken_at)
    return snapshot.doses[index - 1] if index else None


def first_dose(snapshot: Snapshot) -> Dose | None:
    """The oldest dose on record (the snapshot is sorted, so this reads one item)."""
    return snapshot.doses[0] if snapshot.doses and snapshot.doses[0].taken_at <= snapshot.as_of else None


def day_totals(snapshot: Snapshot, days: int) -> list[DayTotal]:
    """One total per calendar day of the last ``days`` days, oldest first, days without doses included."""
    first = snapshot.today - dt.timedelta(days=days - 1)
    return totals_for_days(snapshot, first, days)


def totals_for_days(snapshot: Snapshot, first: dt.date, days: int) -> list[DayTotal]:
    """One total per calendar day from ``first`` for ``days`` days, oldest first, days without doses included."""
    sums: dict[dt.date, list[float]] = {first + dt.timedelta(days=n): [0.0, 0.0, 0.0, 0, 0] for n in range(days)}
    end = day_start(snapshot, first + dt.timedelta(days=days))
    zone = snapshot.zone  # looked up once: a zone lookup per dose would dominate the loop
    for dose in doses_between(snapshot, day_start(snapshot, first), end):
        row = sums[dose.taken_at.astimezone(zone).date()]
        normalised = dose.normalised
        row[0] += normalised.leaf_equivalent_g or 0.0
        row[1] += normalised.mitragynine_mg
        row[2] += normalised.hydroxymitragynine_mg
        row[3] += 1
        row[4] += 1 if normalised.is_7oh_product else 0
    return [DayTotal(day=day, leaf_equivalent_g=round(row[0], 4), mitragynine_mg=round(row[1], 4),
                     hydroxymitragynine_mg=round(row[2], 4), doses=int(row[3]), seven_oh_doses=int(row[4]))
            for day, row in sums.items()]


def mean_pain(checkins: Sequence[Checkin]) -> float | None:
    """The mean of the pain ratings recorded in ``checkins``, or None when none was recorded."""
    ratings = [checkin.pain for checkin in checkins if checkin.pain is not None]
    return sum(ratings) / len(ratings) if ratings else None


def _taken_at(dose: Dose) -> dt.datetime:
    return dose.taken_at


def _at(checkin: Checkin) -> dt.datetime:
    return checkin.at


def _just_after(moment: dt.datetime) -> dt.datetime:
    return moment + dt.timedelta(microseconds=1)
