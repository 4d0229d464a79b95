"""The snapshot's plans: ``plan`` at as_of, and the optional ``plans`` list of plans in force over time."""

import datetime as dt

import pytest

from speciosa.core.errors import InputError
from speciosa.core.snapshot import SCHEMA, parse_snapshot

BASE = {"schema": SCHEMA, "as_of": "2026-11-20T12:00:00+00:00", "patient": {}, "products": [], "doses": [],
        "medications": [], "labs": [], "checkins": [], "questionnaires": []}
PLANS = [{"effective_from": "2026-11-10", "max_daily_leaf_g": 6},
         {"effective_from": "2026-10-01", "max_daily_leaf_g": 10, "lab_interval_days": 90}]


def test_a_snapshot_with_only_plan_applies_it_to_every_day():
    snapshot = parse_snapshot(BASE | {"plan": {"max_daily_leaf_g": 8}})
    assert [snapshot.plan_on(dt.date(2020, 1, 1)), snapshot.plan_on(dt.date(2026, 11, 20))] == [snapshot.plan] * 2


@pytest.mark.parametrize(("day", "limit"), [
    (dt.date(2026, 9, 30), None),
    (dt.date(2026, 10, 1), 10),
    (dt.date(2026, 11, 9), 10),
    (dt.date(2026, 11, 10), 6),
    (dt.date(2026, 11, 20), 6),
])
def test_each_day_has_the_plan_in_force_on_it(day, limit):
    snapshot = parse_snapshot(BASE | {"plans": PLANS})
    plan = snapshot.plan_on(day)
    assert (None if plan is None else plan.max_daily_leaf_g) == limit


def test_without_plan_the_plan_at_as_of_comes_from_the_list():
    snapshot = parse_snapshot(BASE | {"plans": PLANS})
    assert snapshot.plan is not None and snapshot.plan.max_daily_leaf_g == 6


def test_a_titrated_plan_gives_each_day_its_step_capped_by_the_maximum():
    plan = parse_snapshot(BASE | {"plan": {"max_daily_leaf_g": 4, "titration": {
        "start_g": 2, "step_g": 1, "interval_days": 7, "ceiling_g": 6, "starts_on": "2026-11-01"}}}).plan
    assert plan is not None
    assert [plan.leaf_limit_on(dt.date(2026, 11, d)) for d in (1, 8, 15, 22)] == [2, 3, 4, 4]


@pytest.mark.parametrize(("plans", "field"), [
    ({"max_daily_leaf_g": 6}, "plans"),
    ([{"max_daily_leaf_g": 6}], "plans[0].effective_from"),
    ([None], "plans[0]"),
    ([{"effective_from": "2026-11-01"}, {"effective_from": "2026-11-02", "max_daily_leaf_g": True}],
     "plans[1].max_daily_leaf_g"),
    ([{"effective_from": "2026-11-01"}, {"effective_from": "2026-11-01"}], "plans[1].effective_from"),
    ([{"effective_from": "November"}], "plans[0].effective_from"),
    ([{"effective_from": "2026-11-01", "titration": {"start_g": 2}}], "plans[0].titration.step_g"),
    ([{"effective_from": "2026-11-01", "settings": {"dose_high_daily_leaf_g": 0}}],
     "plans[0].settings.dose_high_daily_leaf_g"),
])
def test_a_bad_plans_list_is_refused_naming_the_field(plans, field):
    with pytest.raises(InputError) as raised:
        parse_snapshot(BASE | {"plans": plans})
    assert raised.value.field == field
