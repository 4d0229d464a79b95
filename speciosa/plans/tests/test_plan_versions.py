"""Plan versions: numbered in order, never changed once saved, and the one in force on a day is the newest whose
effective date has come."""

import datetime as dt

import pytest

from speciosa.plans.models import ImmutableVersion, PlanVersion
from speciosa.plans.queries import plan_change_dates, plan_in_force
from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_versions_are_numbered_in_order_under_one_plan(cast):
    first = publish_on(TODAY - 10 * DAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8)
    second = publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=6)
    assert (first.version, second.version, first.plan_id == second.plan_id) == (1, 2, True)


def test_a_saved_version_cannot_be_changed_or_deleted(cast):
    version = publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8)
    version.max_daily_leaf_g = 20
    with pytest.raises(ImmutableVersion):
        version.save()
    with pytest.raises(ImmutableVersion):
        version.save(update_fields=["max_daily_leaf_g", "acknowledged_at"])
    with pytest.raises(ImmutableVersion):
        version.delete()
    assert PlanVersion.objects.get(pk=version.pk).max_daily_leaf_g == 8


def test_the_plan_in_force_is_the_newest_version_whose_day_has_come(cast):
    alice, bob = cast.alice.user, cast.bob.user
    v1 = publish_on(TODAY - 20 * DAY, alice, bob, max_daily_leaf_g=10)
    v2 = publish_on(TODAY - 20 * DAY, alice, bob, max_daily_leaf_g=9, effective_from=TODAY + 10 * DAY)
    v3 = publish_on(TODAY - 5 * DAY, alice, bob, max_daily_leaf_g=6)  # replaces v2 before v2 ever took effect
    in_force = {offset: getattr(plan_in_force(alice, on=TODAY + offset * DAY), "version", None)
                for offset in (-21, -20, -6, -5, 0, 10, 30)}
    assert in_force == {-21: None, -20: v1.version, -6: v1.version, -5: v3.version, 0: v3.version,
                        10: v3.version, 30: v3.version}
    assert v2.version == 2
    assert plan_change_dates(alice) == [TODAY - 20 * DAY, TODAY - 5 * DAY]


def test_a_scheduled_version_takes_over_on_its_day(cast):
    alice, bob = cast.alice.user, cast.bob.user
    publish_on(TODAY, alice, bob, max_daily_leaf_g=10)
    later = publish_on(TODAY, alice, bob, max_daily_leaf_g=8, effective_from=TODAY + 7 * DAY)
    assert plan_in_force(alice, on=TODAY).max_daily_leaf_g == 10
    assert plan_in_force(alice, on=TODAY + 7 * DAY) == later
    assert plan_change_dates(alice) == [TODAY, TODAY + 7 * DAY]


def test_another_patients_plan_is_not_alices(cast):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=10)
    assert (plan_in_force(cast.charlie.user, on=TODAY), plan_change_dates(cast.charlie.user)) == (None, [])
