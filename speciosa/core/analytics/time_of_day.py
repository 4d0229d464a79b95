"""When doses are taken and how pain is rated, by part of the day in the patient's time zone.

Parts: night 00:00-05:59, morning 06:00-11:59, afternoon 12:00-17:59, evening 18:00-23:59 local time. Pain by part
of day uses the time of the check-in; a check-in's pain is the 24-hour average when the patient gave one, so this is a
weak view of pain through the day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from speciosa.core.analytics.inputs import PatientData
from speciosa.core.analytics.series import check_range, local_midnight
from speciosa.core.analytics.stats import Estimate, Proportion, estimate, proportion

PARTS = (
    ("night", "Night (midnight to 6 am)", 0, 6),
    ("morning", "Morning (6 am to noon)", 6, 12),
    ("afternoon", "Afternoon (noon to 6 pm)", 12, 18),
    ("evening", "Evening (6 pm to midnight)", 18, 24),
)


def part_of(hour: int) -> str:
    return PARTS[hour // 6][0]


@dataclass(frozen=True, slots=True)
class PartOfDay:
    part: str
    label: str
    doses: Proportion  # doses in this part, of all doses
    leaf_g: float  # total leaf-equivalent grams taken in this part
    pain: Estimate  # pain ratings of check-ins made in this part

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "label": self.label, "doses": self.doses.to_dict(),
                "leaf_g": round(self.leaf_g, 3), "pain": self.pain.to_dict()}


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    doses: int
    checkins: int
    parts: tuple[PartOfDay, ...]
    doses_by_hour: tuple[int, ...]  # 24 counts, local hour 0-23
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"doses": self.doses, "checkins": self.checkins, "parts": [p.to_dict() for p in self.parts],
                "doses_by_hour": list(self.doses_by_hour), "message": self.message}


def time_of_day(data: PatientData, *, start: dt.date | None = None, end: dt.date | None = None) -> TimeOfDay:
    """Doses and pain by part of day; all records, or only those from ``start`` to ``end`` when both are given."""
    if start is not None and end is not None:
        check_range(start, end)
        lower, upper = local_midnight(data, start), local_midnight(data, end + dt.timedelta(days=1))
        doses = [d for d in data.doses if lower <= d.taken_at < upper]
        checkins = [c for c in data.checkins if lower <= c.at < upper]
    else:
        doses, checkins = list(data.doses), list(data.checkins)
    zone = data.zone
    by_hour = [0] * 24
    grams: dict[str, list[float]] = defaultdict(list)
    for dose in doses:
        hour = dose.taken_at.astimezone(zone).hour
        by_hour[hour] += 1
        if dose.leaf_g is not None:
            grams[part_of(hour)].append(dose.leaf_g)
    pain: dict[str, list[float]] = defaultdict(list)
    for checkin in checkins:
        if checkin.pain is not None:
            pain[part_of(checkin.at.astimezone(zone).hour)].append(float(checkin.pain))
    parts = tuple(
        PartOfDay(part, label, proportion(sum(by_hour[first:last]), len(doses)), math.fsum(grams[part]),
                  estimate(pain[part]))
        for part, label, first, last in PARTS)
    return TimeOfDay(len(doses), len(checkins), parts, tuple(by_hour), _message(parts, len(doses)))


def _message(parts: tuple[PartOfDay, ...], total: int) -> str:
    if total == 0:
        return "No doses recorded in this period."
    busiest = max(parts, key=lambda p: p.doses.count)
    share = busiest.doses.proportion or 0.0
    text = f"Most doses ({busiest.doses.count} of {total}, {share:.0%}) were taken in the {busiest.part}."
    rated = [p for p in parts if p.pain.n >= 2 and p.pain.mean is not None]
    if len(rated) >= 2:
        text += " Pain by time of check-in: " + "; ".join(
            f"{p.part} {p.pain.mean:.1f} ({p.pain.n} ratings)" for p in rated) + "."
    return text
