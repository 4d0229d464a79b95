"""Adherence to the plan, as the panel shows it: on how many of the last 28 days the patient went over the plan in
force that day. What "over" means is speciosa.core.plan_days (the definition the DOSE_ABOVE_PLAN rule, the visit
report and today's plan box share); this module only reads. Two queries for all the rows shown: their plan versions
and their last four weeks of live doses.

The version in force on a day is chosen by ``plan_days.in_force`` among the versions already read (the choice
``speciosa.plans.queries.plan_in_force`` makes in one query), instead of one query per day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.plan_days import DayTaken, in_force, judge_day
from speciosa.diary.models import Dose
from speciosa.lib.tz import day_bounds, local_day
from speciosa.plans.day_limits import version_limits_on
from speciosa.plans.models import PlanVersion

WINDOW_DAYS = 28


@dataclass(frozen=True)
class Adherence:
    has_plan: bool
    days_over: int  # days over the plan in the window
    days_counted: int  # days in the window on which a plan with a dose limit was in force

    def to_dict(self) -> dict[str, object]:
        return {"has_plan": self.has_plan, "days_over": self.days_over, "days_counted": self.days_counted,
                "window_days": WINDOW_DAYS}


@dataclass
class _Patient:
    zone: dt.tzinfo
    first: dt.date
    last: dt.date
    versions: list[PlanVersion] = field(default_factory=list)
    days: dict[dt.date, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0, 0]))


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
            total[0] += leaf_g or 0.0
            total[1] += mitragynine_mg or 0.0
            total[2] += 1
    result = {}
    for pk, person in people.items():
        over = counted = 0
        for offset in range(WINDOW_DAYS):
            day = person.first + dt.timedelta(days=offset)
            plan = in_force(person.versions, day)
            if plan is None:
                continue
            leaf_g, mitragynine_mg, count = person.days.get(day, (0.0, 0.0, 0))
            verdict = judge_day(day, DayTaken(leaf_equivalent_g=leaf_g, mitragynine_mg=mitragynine_mg,
                                              doses=int(count)), version_limits_on(plan, day))
            if verdict is None:  # a plan without a dose limit judges no day
                continue
            counted += 1
            over += verdict.is_over
        result[pk] = Adherence(has_plan=bool(person.versions), days_over=over, days_counted=counted)
    return result
