"""A titration schedule's daily limit: start, one step per completed interval, never above its ceiling or the plan."""

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speciosa.core.errors import InputError
from speciosa.core.titration import Titration, leaf_limit_on, parse_titration

SCHEDULE = Titration(start_g=2, step_g=1, interval_days=7, ceiling_g=5, starts_on=dt.date(2026, 11, 1))


@pytest.mark.parametrize(("day", "limit"), [
    (dt.date(2026, 10, 20), 2),  # before the start: the starting amount, never more
    (dt.date(2026, 11, 1), 2),
    (dt.date(2026, 11, 7), 2),  # six days: no interval completed yet
    (dt.date(2026, 11, 8), 3),
    (dt.date(2026, 11, 15), 4),
    (dt.date(2026, 11, 22), 5),
    (dt.date(2026, 11, 29), 5),  # the ceiling holds
    (dt.date(2027, 6, 1), 5),
])
def test_the_limit_rises_one_step_per_completed_interval_up_to_the_ceiling(day, limit):
    assert SCHEDULE.limit_on(day) == limit


@pytest.mark.parametrize(("maximum", "day", "limit"), [
    (None, dt.date(2026, 11, 22), 5),
    (8, dt.date(2026, 11, 22), 5),
    (4, dt.date(2026, 11, 22), 4),  # the plan's maximum caps the schedule
    (4, dt.date(2026, 11, 1), 2),
])
def test_the_plan_maximum_caps_the_schedule(maximum, day, limit):
    assert leaf_limit_on(day, max_daily_leaf_g=maximum, titration=SCHEDULE) == limit


def test_without_a_schedule_the_limit_is_the_maximum():
    assert leaf_limit_on(dt.date(2026, 11, 1), max_daily_leaf_g=8, titration=None) == 8


def test_the_day_after_the_start_keeps_a_starting_amount_given_to_more_than_four_decimals():
    schedule = Titration(start_g=1.361328125, step_g=1, interval_days=7, ceiling_g=5, starts_on=dt.date(2026, 1, 1))
    assert [schedule.limit_on(dt.date(2026, 1, day)) for day in (1, 2, 8)] == [1.361328125, 1.361328125, 2.3613]


@given(start=st.floats(0.5, 10), step=st.floats(0, 5), interval=st.integers(1, 60), extra=st.floats(0, 20),
       offset=st.integers(-100, 1000), maximum=st.floats(0.5, 50))
@example(start=1.361328125, step=0.0, interval=1, extra=0.0, offset=0, maximum=50.0)  # was rounded to 1.3613 next day
def test_the_limit_never_exceeds_the_ceiling_nor_the_maximum_and_never_falls(start, step, interval, extra, offset,
                                                                              maximum):
    schedule = Titration(start_g=start, step_g=step, interval_days=interval, ceiling_g=start + extra,
                         starts_on=dt.date(2026, 1, 1))
    day = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
    limit = leaf_limit_on(day, max_daily_leaf_g=maximum, titration=schedule)
    assert limit is not None and limit <= maximum + 1e-9 and limit <= start + extra + 1e-9
    assert leaf_limit_on(day + dt.timedelta(days=1), max_daily_leaf_g=maximum, titration=schedule) >= limit


@pytest.mark.parametrize(("value", "field"), [
    ("weekly", "t"),
    ({"step_g": 1, "interval_days": 7, "ceiling_g": 5, "starts_on": "2026-11-01"}, "t.start_g"),
    ({"start_g": True, "step_g": 1, "interval_days": 7, "ceiling_g": 5, "starts_on": "2026-11-01"}, "t.start_g"),
    ({"start_g": 2, "step_g": -1, "interval_days": 7, "ceiling_g": 5, "starts_on": "2026-11-01"}, "t.step_g"),
    ({"start_g": 2, "step_g": 1, "interval_days": 0, "ceiling_g": 5, "starts_on": "2026-11-01"}, "t.interval_days"),
    ({"start_g": 2, "step_g": 1, "interval_days": 2.5, "ceiling_g": 5, "starts_on": "2026-11-01"},
     "t.interval_days"),
    ({"start_g": 6, "step_g": 1, "interval_days": 7, "ceiling_g": 5, "starts_on": "2026-11-01"}, "t.ceiling_g"),
    ({"start_g": 2, "step_g": 1, "interval_days": 7, "ceiling_g": 5, "starts_on": "1 Nov"}, "t.starts_on"),
    ({"start_g": 2, "step_g": 1, "interval_days": 7, "ceiling_g": 5, "starts_on": "2026-11-01\x00"}, "t.starts_on"),
])
def test_a_bad_schedule_is_refused_naming_the_field(value, field):
    with pytest.raises(InputError) as raised:
        parse_titration(value, "t")
    assert raised.value.field == field
