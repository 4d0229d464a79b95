"""The safety engine judges each day against the plan in force that day, titration step included."""

import datetime as dt

import pytest

from speciosa.accounts.models import User
from speciosa.clinic.testing import share
from speciosa.diary.domain import record_dose
from speciosa.diary.models import Product
from speciosa.plans.tests.conftest import TODAY, publish_on
from speciosa.safety.domain import reevaluate
from speciosa.safety.models import StoredAlert
from speciosa.safety.snapshots import build_snapshot, snapshot_data
from speciosa.testing import Cast, make_patient, make_powder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def alice(cast: Cast) -> User:
    """A fresh patient with no doses yet (the cast's alice has one), shared with bob who may edit her plan."""
    patient = make_patient("alice2")
    share(patient, cast.bob.user, can_edit_plan=True)
    return patient


def _dose(patient: User, product: Product, day: dt.date, grams: float) -> None:
    moment = dt.datetime.combine(day, dt.time(9), tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 9:00 in New York
    record_dose(patient, product=product, amount=grams, unit="g", taken_at=moment, by=patient)


def _above_plan(patient: User) -> StoredAlert | None:
    alerts = {alert.code: alert for alert in reevaluate(patient)}
    return alerts.get("DOSE_ABOVE_PLAN")


def test_two_versions_each_judge_their_own_days(cast, alice):
    product = make_powder(alice)
    publish_on(TODAY - 10 * DAY, alice, cast.bob.user, max_daily_leaf_g=10)
    publish_on(TODAY - 3 * DAY, alice, cast.bob.user, max_daily_leaf_g=6)
    _dose(alice, product, TODAY - 5 * DAY, 9)  # within the 10 g plan of that day, above the later 6 g
    _dose(alice, product, TODAY - 1 * DAY, 7)  # above the 6 g plan in force that day
    alert = _above_plan(alice)
    assert alert is not None and alert.rule_version == 3
    assert [(day["day"], day["limits"]["leaf_equivalent_g"]) for day in alert.evidence["days"]] == [
        ((TODAY - DAY).isoformat(), 6.0)]


def test_a_looser_new_version_does_not_clear_a_day_above_the_old_one(cast, alice):
    product = make_powder(alice)
    publish_on(TODAY - 10 * DAY, alice, cast.bob.user, max_daily_leaf_g=6)
    _dose(alice, product, TODAY - 4 * DAY, 8)
    publish_on(TODAY - 2 * DAY, alice, cast.bob.user, max_daily_leaf_g=12)
    alert = _above_plan(alice)
    assert alert is not None
    assert [day["day"] for day in alert.evidence["days"]] == [(TODAY - 4 * DAY).isoformat()]


def test_the_titration_step_of_the_day_is_the_limit(cast, alice):
    product = make_powder(alice)
    publish_on(TODAY - 14 * DAY, alice, cast.bob.user, max_daily_leaf_g=8,
               titration={"start_g": 2, "step_g": 1, "interval_days": 7, "ceiling_g": 6,
                          "starts_on": TODAY - 14 * DAY})
    _dose(alice, product, TODAY - 2 * DAY, 3.5)  # day 12: one step completed, limit 3 g
    _dose(alice, product, TODAY, 4)  # day 14: two steps, limit 4 g: within
    alert = _above_plan(alice)
    assert alert is not None
    assert [(day["day"], day["limits"]["leaf_equivalent_g"]) for day in alert.evidence["days"]] == [
        ((TODAY - 2 * DAY).isoformat(), 3.0)]


def test_the_snapshot_carries_the_plan_in_force_and_the_plans_over_time(cast, alice):
    publish_on(TODAY - 10 * DAY, alice, cast.bob.user, max_daily_leaf_g=10, lab_interval_days=90)
    publish_on(TODAY - 3 * DAY, alice, cast.bob.user, max_daily_leaf_g=6, max_doses_per_day=3,
               max_daily_mitragynine_mg=90)
    publish_on(TODAY - 3 * DAY, alice, cast.bob.user, max_daily_leaf_g=5, effective_from=TODAY + 5 * DAY)
    data = snapshot_data(alice)
    assert data["plan"] == {"effective_from": (TODAY - 3 * DAY).isoformat(), "max_daily_leaf_g": 6.0,
                            "max_daily_mitragynine_mg": 90.0, "max_doses_per_day": 3, "lab_interval_days": None,
                            "titration": None, "daily_limit_g": 6.0, "version": 2}
    assert [(p["effective_from"], p["max_daily_leaf_g"]) for p in data["plans"]] == [
        ((TODAY - 10 * DAY).isoformat(), 10.0), ((TODAY - 3 * DAY).isoformat(), 6.0)]
    snapshot = build_snapshot(alice)
    assert snapshot.plan_on(TODAY - 5 * DAY).max_daily_leaf_g == 10.0


def test_a_patient_without_a_plan_has_none_in_the_snapshot(alice):
    assert (snapshot_data(alice)["plan"], snapshot_data(alice)["plans"]) == (None, [])
