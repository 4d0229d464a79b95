"""A new version is checked field by field; a refusal names the field and stores nothing."""

import datetime as dt

import pytest

from speciosa.core.errors import InputError
from speciosa.plans.domain import publish_plan
from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

TITRATION = {"start_g": 2, "step_g": 1, "interval_days": 7, "ceiling_g": 6, "starts_on": TODAY}


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"max_daily_leaf_g": 60}, "max_daily_leaf_g",
     "more than 50 g of leaf-equivalent a day is far above any amount studied; check the number"),
    ({"max_daily_leaf_g": -1}, "max_daily_leaf_g", "must be greater than 0"),
    ({"max_daily_leaf_g": 0}, "max_daily_leaf_g", "must be greater than 0"),
    ({"max_daily_leaf_g": True}, "max_daily_leaf_g", "expected a number, got bool"),
    ({"max_daily_leaf_g": "8"}, "max_daily_leaf_g", "expected a number, got str"),
    ({"max_daily_leaf_g": float("nan")}, "max_daily_leaf_g", "must be a finite number"),
    ({"max_daily_mitragynine_mg": 5000}, "max_daily_mitragynine_mg",
     "more than 1000 mg of mitragynine a day is far above any amount studied; check the number"),
    ({"max_doses_per_day": 2.5}, "max_doses_per_day", "expected a whole number"),
    ({"max_doses_per_day": 40}, "max_doses_per_day", "must be at most 12 doses a day"),
    ({"max_doses_per_day": False}, "max_doses_per_day", "expected a number, got bool"),
    ({"lab_interval_days": 3}, "lab_interval_days", "must be at least 7"),
    ({"max_daily_leaf_g": 5, "titration": TITRATION}, "titration.ceiling_g",
     "must be at most the plan's maximum daily amount (5 g)"),
    ({"titration": TITRATION}, "max_daily_leaf_g", "is required with a titration schedule: the schedule stays under it"),
    ({"max_daily_leaf_g": 8, "titration": TITRATION | {"start_g": 7}}, "titration.ceiling_g",
     "must be at least the starting amount (7 g)"),
    ({"max_daily_leaf_g": 8, "titration": TITRATION | {"step_g": -1}}, "titration.step_g", "must be at least 0"),
    ({"max_daily_leaf_g": 8, "titration": TITRATION | {"interval_days": True}}, "titration.interval_days",
     "expected a number, got bool"),
    ({"max_daily_leaf_g": 8, "titration": {"start_g": 2}}, "titration.step_g", "is required"),
    ({"instrument_schedule": {"madeup": "weekly"}}, "instrument_schedule.madeup", None),
    ({"instrument_schedule": {"peg": "hourly"}}, "instrument_schedule.peg", None),
    ({"non_drug_care": [{"kind": "yoga", "goal": "twice a week"}]}, "non_drug_care[0].kind", None),
    ({"non_drug_care": [{"kind": "exercise", "goal": ""}]}, "non_drug_care[0].goal", "is required"),
    ({"non_drug_care": [{"kind": "exercise", "goal": "walk\x00"}]}, "non_drug_care[0].goal",
     "contains a NUL character, which cannot be stored"),
    ({"note": "take \x00 care"}, "note", "contains a NUL character, which cannot be stored"),
    ({"note": "x" * 4001}, "note", "is 4001 characters long; at most 4000 are allowed"),
    ({"effective_from": TODAY - dt.timedelta(days=1)}, "effective_from",
     "cannot be before today: a new version cannot change days that passed"),
    ({"effective_from": TODAY + dt.timedelta(days=400)}, "effective_from", "must be within a year from today"),
    ({"review_on": TODAY - dt.timedelta(days=1)}, "review_on",
     "is before the day this version takes effect (2026-11-20): set the next review date, or clear it"),
    ({"review_on": TODAY + dt.timedelta(days=800)}, "review_on", "must be within two years of the day the plan takes "
                                                                 "effect"),
    ({"dose_target": 3}, "dose_target", "unknown field"),
])
def test_a_bad_field_is_refused_by_name_and_nothing_is_stored(cast, fields, field, message):
    with pytest.raises(InputError) as raised:
        publish_plan(cast.alice.user, by=cast.bob.user, **fields)
    assert raised.value.field == field
    if message is not None:
        assert raised.value.message == message
    assert not PlanVersion.objects.exists()


def test_a_complete_plan_is_stored_as_given(cast):
    version = publish_plan(
        cast.alice.user, by=cast.bob.user, max_daily_leaf_g=8, max_daily_mitragynine_mg=120, max_doses_per_day=3,
        titration=TITRATION, lab_interval_days=90, instrument_schedule={"peg": "weekly", "phq4": "biweekly"},
        non_drug_care=[{"kind": "exercise", "goal": "  Walk 20 minutes most days "}], review_on=TODAY + dt.timedelta(days=30),
        note="Start low.")
    assert (float(version.max_daily_leaf_g), float(version.max_daily_mitragynine_mg), version.max_doses_per_day,
            version.titration, version.lab_interval_days, version.instrument_schedule, version.non_drug_care,
            version.effective_from, version.authored_by, version.acknowledged_at) == (
        8.0, 120.0, 3, {"start_g": 2.0, "step_g": 1.0, "interval_days": 7, "ceiling_g": 6.0,
                        "starts_on": TODAY.isoformat()},
        90, {"peg": "weekly", "phq4": "biweekly"}, [{"kind": "exercise", "goal": "Walk 20 minutes most days"}],
        TODAY, cast.bob.user, None)
