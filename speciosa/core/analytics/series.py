"""Daily and weekly series of one patient, days counted in the patient's own time zone.

A day with no dose recorded counts as 0 g (the diary is the record); ``logged`` says whether anything at all was
recorded that day, so a chart can tell "took nothing" from "wrote nothing". Ratings are the mean of the day's
check-ins; side effects keep the day's highest grade per symptom.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from speciosa.core.analytics.inputs import PatientData
from speciosa.core.analytics.stats import mean_or_none
from speciosa.core.errors import InputError

MAX_SERIES_DAYS = 366 * 20
PEG_INSTRUMENT = "peg"
RATINGS = ("pain", "function", "mood", "energy", "sleep")


@dataclass(frozen=True, slots=True)
class Day:
    day: dt.date
    leaf_g: float  # sum of the day's leaf-equivalent grams (doses without a leaf equivalent are not counted)
    doses: int
    pain: float | None = None
    function: float | None = None
    mood: float | None = None
    energy: float | None = None
    sleep: float | None = None
    peg: float | None = None
    side_effects: Mapping[str, int] = field(default_factory=dict, hash=False)
    mitragynine_mg: float | None = None  # None unless every dose of the day gave a figure
    unconverted_doses: int = 0  # doses with no leaf equivalent (7-OH products)
    checkins: int = 0
    logged: bool = False

    @property
    def leaf_g_complete(self) -> bool:
        """True when every dose of the day has a leaf equivalent, so ``leaf_g`` is the whole day's intake."""
        return self.unconverted_doses == 0

    def value(self, measure: str) -> float | None:
        return getattr(self, measure)

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "leaf_g": round(self.leaf_g, 3), "doses": self.doses,
                **{name: _r(getattr(self, name)) for name in (*RATINGS, "peg")},
                "side_effects": dict(sorted(self.side_effects.items())),
                "mitragynine_mg": _r(self.mitragynine_mg), "unconverted_doses": self.unconverted_doses,
                "checkins": self.checkins, "logged": self.logged}


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date  # the Monday
    days: int  # days of the week inside the series
    days_logged: int
    leaf_g: float  # total over the week
    leaf_g_per_day: float  # mean over the week's days in the series
    doses: int
    pain: float | None = None
    function: float | None = None
    mood: float | None = None
    energy: float | None = None
    sleep: float | None = None
    peg: float | None = None
    side_effect_days: Mapping[str, int] = field(default_factory=dict, hash=False)  # days with grade >= 1

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "days": self.days, "days_logged": self.days_logged,
                "leaf_g": round(self.leaf_g, 3), "leaf_g_per_day": round(self.leaf_g_per_day, 3),
                "doses": self.doses, **{name: _r(getattr(self, name)) for name in (*RATINGS, "peg")},
                "side_effect_days": dict(sorted(self.side_effect_days.items()))}


def check_range(start: Any, end: Any) -> None:
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InputError(name, "expected a date")
    if end < start:
        raise InputError("end", "must not be before start")
    if (end - start).days >= MAX_SERIES_DAYS:
        raise InputError("end", f"the range may cover at most {MAX_SERIES_DAYS} days")


def local_midnight(data: PatientData, day: dt.date) -> dt.datetime:
    """The instant the patient's ``day`` begins (bounds rows by instant before any time-zone conversion)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=data.zone)


def day_text(day: dt.date) -> str:
    """``3 Mar 2026``, the same on every platform (``%-d`` is not portable)."""
    return f"{day.day} {day:%b %Y}"


def daily_series(data: PatientData, *, start: dt.date, end: dt.date) -> tuple[Day, ...]:
    """One Day for every calendar day from ``start`` to ``end`` inclusive, in the patient's time zone."""
    check_range(start, end)
    lower, upper = local_midnight(data, start), local_midnight(data, end + dt.timedelta(days=1))
    zone = data.zone

    leaf: dict[dt.date, float] = defaultdict(float)
    mitragynine: dict[dt.date, float | None] = {}
    dose_count: dict[dt.date, int] = defaultdict(int)
    unconverted: dict[dt.date, int] = defaultdict(int)
    for dose in data.doses:
        if lower <= dose.taken_at < upper:
            day = dose.taken_at.astimezone(zone).date()
            dose_count[day] += 1
            if dose.leaf_g is None:
                unconverted[day] += 1
            else:
                leaf[day] += dose.leaf_g
            known = mitragynine.get(day, 0.0)
            mitragynine[day] = None if known is None or dose.mitragynine_mg is None else known + dose.mitragynine_mg

    ratings: dict[str, dict[dt.date, list[float]]] = {name: defaultdict(list) for name in RATINGS}
    symptoms: dict[dt.date, dict[str, int]] = defaultdict(dict)
    checkin_count: dict[dt.date, int] = defaultdict(int)
    for checkin in data.checkins:
        if lower <= checkin.at < upper:
            day = checkin.at.astimezone(zone).date()
            checkin_count[day] += 1
            for name in RATINGS:
                value = getattr(checkin, name)
                if value is not None:
                    ratings[name][day].append(float(value))
            worst = symptoms[day]
            for symptom, grade in checkin.side_effects.items():
                worst[symptom] = max(grade, worst.get(symptom, 0))

    peg: dict[dt.date, list[float]] = defaultdict(list)
    scored: set[dt.date] = set()
    for row in data.scores:
        if lower <= row.at < upper:
            day = row.at.astimezone(zone).date()
            scored.add(day)
            if row.instrument == PEG_INSTRUMENT:
                peg[day].append(row.score)

    days = []
    for offset in range((end - start).days + 1):
        day = start + dt.timedelta(days=offset)
        days.append(Day(
            day=day, leaf_g=leaf.get(day, 0.0), doses=dose_count.get(day, 0),
            **{name: mean_or_none(ratings[name].get(day, ())) for name in RATINGS},
            peg=mean_or_none(peg.get(day, ())), side_effects=dict(symptoms.get(day, {})),
            mitragynine_mg=mitragynine.get(day) if day in dose_count else None,
            unconverted_doses=unconverted.get(day, 0), checkins=checkin_count.get(day, 0),
            logged=day in dose_count or day in checkin_count or day in scored,
        ))
    return tuple(days)


def weekly_series(days: Iterable[Day]) -> tuple[Week, ...]:
    """Days grouped into Monday-to-Sunday weeks; ratings are the mean of the daily means."""
    by_week: dict[dt.date, list[Day]] = defaultdict(list)
    for day in days:
        by_week[day.day - dt.timedelta(days=day.day.weekday())].append(day)
    weeks = []
    for monday in sorted(by_week):
        members = by_week[monday]
        side_effect_days: dict[str, int] = defaultdict(int)
        for day in members:
            for symptom, grade in day.side_effects.items():
                if grade >= 1:
                    side_effect_days[symptom] += 1
        total = math.fsum(day.leaf_g for day in members)
        weeks.append(Week(
            start=monday, days=len(members), days_logged=sum(day.logged for day in members),
            leaf_g=total, leaf_g_per_day=total / len(members), doses=sum(day.doses for day in members),
            **{name: mean_or_none([v for day in members if (v := getattr(day, name)) is not None])
               for name in (*RATINGS, "peg")},
            side_effect_days=dict(side_effect_days),
        ))
    return tuple(weeks)


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
