"""Adherence to the plan, as the panel shows it: on how many of the last 28 days the patient went over the plan in
force that day (more leaf-equivalent than that day's limit, more mitragynine than the plan's maximum, or more doses
than it allows: the three limits the DOSE_ABOVE_PLAN rule checks). Two queries for all the rows shown: their plan
versions and their last four weeks of doses.

The version in force on a day is the one ``speciosa.plans.queries.plan_in_force`` gives (the highest version number
whose ``effective_from`` has come), chosen here from the versions already read instead of one query per day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.diary.models import Dose
from speciosa.lib.tz import day_bounds, local_day
from speciosa.plans.models import PlanVersion

WINDOW_DAYS = 28


@dataclass(frozen=True)
class Adherence:
    has_plan: bool
    days_over: int  # days over the plan in the window
    days_counted: int  # days in the window on which a plan was in force

    def to_dict(self) -> dict[str, object]:
        return {"has_plan": self.has_plan, "days_over": self.days_over, "days_counted": self.days_counted,
                "window_days": WINDOW_DAYS}


@dataclass
class _Day:
    leaf_g: float = 0.0
    mitragynine_mg: float = 0.0
    doses: int = 0


@dataclass
class _Patient:
    zone: dt.tzinfo
    first: dt.date
    last: dt.date
    versions: list[PlanVersion] = field(default_factory=list)
    days: dict[dt.date, _Day] = field(default_factory=lambda: defaultdict(_Day))


def in_force(versions: list[PlanVersion], day: dt.date) -> PlanVersion | None:
    """As plans.queries.plan_in_force, among versions already read."""
    started = [version for version in versions if version.effective_from <= day]
    return max(started, key=lambda version: version.version) if started else None


def is_over(plan: PlanVersion, day: dt.date, total: _Day) -> bool:
    if plan.max_doses_per_day is not None and total.doses > plan.max_doses_per_day:
        return True
    if plan.max_daily_mitragynine_mg is not None and total.mitragynine_mg > float(plan.max_daily_mitragynine_mg) + 1e-9:
        return True
    leaf_limit = plan.limit_on(day)
    return leaf_limit is not None and total.leaf_g > leaf_limit + 1e-9


def adherence_of(patients: Iterable[User], *, now: dt.datetime) -> dict[int, Adherence]:
    """Adherence over the last WINDOW_DAYS local days (today included) for each of ``patients``."""
    people: dict[int, _Patient] = {}
    for patient in patients:
        zone = zone_of(patient)
        today = local_day(now, zone)
        people[patient.pk] = _Patient(zone=zone, first=today - dt.timedelta(days=WINDOW_DAYS - 1), last=today)
    if not people:
        return {}
    latest_day = max(person.last for person in people.values())
    for version in PlanVersion.objects.filter(patient_id__in=list(people), effective_from__lte=latest_day):
        people[version.patient_id].versions.append(version)
    planned = [pk for pk, person in people.items() if person.versions]
    if planned:
        earliest = min(day_bounds(people[pk].first, people[pk].zone)[0] for pk in planned)
        doses = (Dose.objects.filter(patient_id__in=planned, deleted_at__isnull=True, taken_at__gte=earliest,
                                     taken_at__lte=now)
                 .order_by().values_list("patient_id", "taken_at", "leaf_equivalent_g", "mitragynine_mg"))
        for patient_id, taken_at, leaf_g, mitragynine_mg in doses:
            person = people[patient_id]
            total = person.days[local_day(taken_at, person.zone)]
            total.leaf_g += leaf_g or 0.0
            total.mitragynine_mg += mitragynine_mg or 0.0
            total.doses += 1
    result = {}
    for pk, person in people.items():
        over = counted = 0
        for offset in range(WINDOW_DAYS):
            day = person.first + dt.timedelta(days=offset)
            plan = in_force(person.versions, day) if person.versions else None
            if plan is None:
                continue
            counted += 1
            taken = person.days.get(day)
            over += taken is not None and is_over(plan, day, taken)  # a day without a dose is within any plan
        result[pk] = Adherence(has_plan=bool(person.versions), days_over=over, days_counted=counted)
    return result
