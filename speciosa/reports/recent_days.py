"""The last four weeks of doses, as daily totals in each patient's own days: what the panel's dose trend and its
plan adherence both read, in one query for all the rows shown (they read the same rows, so they share the read).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.diary.models import Dose
from speciosa.lib.tz import day_bounds, local_day

DAYS = 28  # the window of the dose trend and of adherence, today included


@dataclass
class DayTotal:
    leaf_equivalent_g: float = 0.0
    mitragynine_mg: float = 0.0
    doses: int = 0
    unconverted: int = 0  # doses with no leaf equivalent (7-OH products)


@dataclass
class RecentDays:
    """One patient's window: its local days, oldest first, and the totals of the days with a dose."""

    zone: dt.tzinfo
    first: dt.date
    last: dt.date
    totals: dict[dt.date, DayTotal] = field(default_factory=lambda: defaultdict(DayTotal))

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=offset) for offset in range((self.last - self.first).days + 1)]

    def on(self, day: dt.date) -> DayTotal:
        return self.totals.get(day) or DayTotal()


def windows(patients: Sequence[User], *, now: dt.datetime) -> dict[int, RecentDays]:
    """Each patient's empty window: the DAYS local days ending today in their zone."""
    found = {}
    for patient in patients:
        zone = zone_of(patient)
        today = local_day(now, zone)
        found[patient.pk] = RecentDays(zone=zone, first=today - dt.timedelta(days=DAYS - 1), last=today)
    return found


def recent_days(patients: Sequence[User], *, now: dt.datetime) -> dict[int, RecentDays]:
    """Each patient's live doses of the last DAYS local days (up to ``now``), totalled by day, in one query."""
    found = windows(patients, now=now)
    if not found:
        return found
    earliest = min(day_bounds(window.first, window.zone)[0] for window in found.values())
    rows = (Dose.objects.filter(patient_id__in=list(found), deleted_at__isnull=True, taken_at__gte=earliest,
                                taken_at__lte=now)
            .order_by().values_list("patient_id", "taken_at", "leaf_equivalent_g", "mitragynine_mg"))
    for patient_id, taken_at, leaf_g, mitragynine_mg in rows:
        window = found[patient_id]
        day = local_day(taken_at, window.zone)
        if day < window.first:
            continue
        total = window.totals[day]
        total.leaf_equivalent_g += leaf_g or 0.0
        total.mitragynine_mg += mitragynine_mg or 0.0
        total.doses += 1
        total.unconverted += leaf_g is None
    return found
