"""speciosa.core.plan_days: the one definition of a day over the plan."""

import datetime as dt
from dataclasses import dataclass

from speciosa.core.plan_days import DayAgainstPlan, DayLimits, DayTaken, in_force, judge_day, limits_on
from speciosa.core.titration import Titration

DAY = dt.date(2026, 11, 20)


def test_a_total_at_the_limit_is_within_and_one_shown_step_above_is_over():
    limits = DayLimits(leaf_equivalent_g=5.0, mitragynine_mg=70.0, doses=3)
    at_limit = judge_day(DAY, DayTaken(5.004, 70.04, 3), limits)
    above = judge_day(DAY, DayTaken(5.01, 70.1, 4), limits)
    assert (at_limit, above) == (
        DayAgainstPlan(DAY, DayTaken(5.0, 70.0, 3), limits, over=()),
        DayAgainstPlan(DAY, DayTaken(5.01, 70.1, 4), limits, over=("leaf_equivalent_g", "mitragynine_mg", "doses")))


def test_a_day_without_a_limit_is_not_judged_and_a_day_without_a_dose_is_within():
    assert judge_day(DAY, DayTaken(99.0, 999.0, 9), None) is None
    assert judge_day(DAY, DayTaken(), DayLimits(doses=1)) == DayAgainstPlan(DAY, DayTaken(), DayLimits(doses=1), ())


def test_the_leaf_limit_is_the_titration_step_of_that_date_capped_by_the_maximum():
    schedule = Titration(start_g=4, step_g=1, interval_days=2, ceiling_g=8, starts_on=dt.date(2026, 11, 13))
    steps = [limits_on(dt.date(2026, 11, day), max_daily_leaf_g=6, max_daily_mitragynine_mg=None,
                       max_doses_per_day=None, titration=schedule) for day in (14, 15, 19)]
    assert [limits.leaf_equivalent_g if limits else None for limits in steps] == [4, 5, 6]


def test_without_a_schedule_the_lower_flat_limit_applies_and_no_limit_gives_none():
    kwargs = {"max_daily_mitragynine_mg": None, "max_doses_per_day": None, "titration": None}
    assert limits_on(DAY, max_daily_leaf_g=8, daily_limit_g=6, **kwargs) == DayLimits(leaf_equivalent_g=6)
    assert limits_on(DAY, max_daily_leaf_g=None, **kwargs) is None


@dataclass(frozen=True)
class Version:
    version: int
    effective_from: dt.date


def test_the_version_in_force_is_the_newest_whose_date_has_come():
    old, scheduled, newer = Version(1, dt.date(2026, 11, 1)), Version(2, dt.date(2026, 12, 1)), Version(3, DAY)
    versions = [old, scheduled, newer]
    assert [in_force(versions, day) for day in (dt.date(2026, 10, 31), dt.date(2026, 11, 19), DAY,
                                                 dt.date(2026, 12, 2))] == [None, old, newer, newer]
