"""Adherence to the plan, as the panel shows it: on how many of the last 28 days the patient went over the plan in
force that day. What "over" means is speciosa.core.plan_days (the definition the DOSE_ABOVE_PLAN rule, the visit
report and today's plan box share); this module only reads. Two queries for all the rows shown: their plan versions
and their last four weeks of live doses (speciosa.reports.recent_days, which the panel reads once for its dose
trend too).

The version in force on a day is chosen by ``plan_days.in_force`` among the versions already read (the choice
``speciosa.plans.queries.plan_in_force`` makes in one query), instead of one query per day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from speciosa.accounts.models import User
from speciosa.core.plan_days import DayTaken, in_force, judge_day
from speciosa.plans.day_limits import version_limits_on
from speciosa.plans.models import PlanVersion
from speciosa.reports.recent_days import DAYS as WINDOW_DAYS
from speciosa.reports.recent_days import RecentDays, recent_days, windows


@dataclass(frozen=True)
class Adherence:
    has_plan: bool
    days_over: int  # days over the plan in the window
    days_counted: int  # days in the window on which a plan with a dose limit was in force

    def to_dict(self) -> dict[str, object]:
        return {"has_plan": self.has_plan, "days_over": self.days_over, "days_counted": self.days_counted,
                "window_days": WINDOW_DAYS}


def adherence_of(patients: Sequence[User], *, now: dt.datetime,
                 days: dict[int, RecentDays] | None = None) -> dict[int, Adherence]:
    """Adherence over the last WINDOW_DAYS local days (today included) for each of ``patients``.

    ``days``: their recent_days, when the caller has read them already (the panel reads them once for the dose trend
    too); else the doses of the patients with a plan are read here.
    """
    if not patients:
        return {}
    windows_of = windows(patients, now=now)
    latest_day = max(window.last for window in windows_of.values())
    versions: dict[int, list[PlanVersion]] = defaultdict(list)
    for version in PlanVersion.objects.filter(patient_id__in=list(windows_of), effective_from__lte=latest_day):
        versions[version.patient_id].append(version)
    if days is None:
        planned = [patient for patient in patients if versions.get(patient.pk)]
        days = recent_days(planned, now=now) if planned else {}
    result = {}
    for pk, window in windows_of.items():
        over = counted = 0
        taken = days.get(pk, window)
        for day in window.days:
            plan = in_force(versions.get(pk, []), day)
            if plan is None:
                continue
            total = taken.on(day)
            verdict = judge_day(day, DayTaken(leaf_equivalent_g=total.leaf_equivalent_g,
                                              mitragynine_mg=total.mitragynine_mg, doses=total.doses),
                                version_limits_on(plan, day))
            if verdict is None:  # a plan without a dose limit judges no day
                continue
            counted += 1
            over += verdict.is_over
        result[pk] = Adherence(has_plan=bool(versions.get(pk)), days_over=over, days_counted=counted)
    return result
