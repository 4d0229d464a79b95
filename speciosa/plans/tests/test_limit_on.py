"""Today's limit: the titration step for the day, capped by its ceiling and by the plan's maximum."""

import datetime as dt

import pytest

from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db

SCHEDULE = {"start_g": 2, "step_g": 1.5, "interval_days": 7, "ceiling_g": 6, "starts_on": TODAY + dt.timedelta(days=3)}


@pytest.mark.parametrize(("days_from_today", "limit"), [
    (0, 2),  # before the schedule starts: its starting amount, never more
    (3, 2),  # the first day
    (9, 2),  # six days in: no step completed
    (10, 3.5),  # one step
    (17, 5),  # two steps
    (24, 6),  # a third step would be 6.5: the ceiling holds
    (400, 6),
])
def test_the_limit_follows_the_titration_steps_up_to_the_ceiling(cast, days_from_today, limit):
    version = publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, titration=SCHEDULE)
    assert version.limit_on(TODAY + dt.timedelta(days=days_from_today)) == limit


@pytest.mark.parametrize(("fields", "limit"), [
    ({"max_daily_leaf_g": 8}, 8),
    ({"max_daily_leaf_g": 5, "titration": SCHEDULE | {"ceiling_g": 5}}, 5),
    ({"max_doses_per_day": 3}, None),
    ({}, None),
])
def test_without_a_step_the_limit_is_the_plans_maximum(cast, fields, limit):
    version = publish_on(TODAY, cast.alice.user, cast.bob.user, **fields)
    assert version.limit_on(TODAY + dt.timedelta(days=60)) == limit
