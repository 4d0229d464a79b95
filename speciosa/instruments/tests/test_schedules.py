"""What is due: the patient's own schedule, or the plan's while a plan in force sets one."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.instruments.domain import record_response, set_schedule
from speciosa.instruments.schedules import due_today, schedule_of, upcoming
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db
NOON_NY = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))  # a Tuesday, EDT
TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def alice(db: None) -> User:
    return make_patient("alice")  # America/New_York


def names(entries: Iterable[Any]) -> list[str]:
    return [entry.instrument for entry in entries]


@time_machine.travel(NOON_NY, tick=False)
def test_nothing_is_due_without_a_schedule_and_everything_scheduled_is_due_before_its_first_answer(alice):
    assert due_today(alice, today=TODAY) == []
    set_schedule(alice, entries={"phq4": "biweekly", "peg": "weekly"})
    due = due_today(alice, today=TODAY)
    assert [(d.instrument, d.frequency, d.last_answered, d.url) for d in due] == [
        ("peg", "weekly", None, "/questionnaires/peg/"), ("phq4", "biweekly", None, "/questionnaires/phq4/")]


@time_machine.travel(NOON_NY, tick=False)
def test_an_answer_moves_the_next_due_day_by_the_frequency_in_the_patients_time_zone(alice):
    set_schedule(alice, entries={"peg": "weekly", "nrs": "daily"})
    # 23:30 in New York on 3 March is already 4 March in UTC: the local day is what counts.
    late_evening = dt.datetime(2026, 3, 4, 3, 30, tzinfo=dt.UTC)
    record_response(alice, instrument="peg", answers=[5, 5, 5], at=late_evening, by=alice)
    record_response(alice, instrument="nrs", answers=[4], at=timezone.now(), by=alice)
    assert names(due_today(alice, today=TODAY)) == ["peg"]
    assert due_today(alice, today=TODAY)[0].next_due == dt.date(2026, 3, 10)
    assert [day for day, entry in upcoming(alice, today=TODAY, days=14) if entry.instrument == "peg"] == [
        dt.date(2026, 3, 10), dt.date(2026, 3, 17), dt.date(2026, 3, 24)]
    assert [day for day, entry in upcoming(alice, today=TODAY, days=2) if entry.instrument == "nrs"] == [
        dt.date(2026, 3, 11), dt.date(2026, 3, 12)]


@time_machine.travel(NOON_NY, tick=False)
def test_the_plans_schedule_wins_over_the_patients_own_while_it_is_in_force(alice):
    from speciosa.clinic.testing import share
    from speciosa.plans.domain import publish_plan
    from speciosa.testing import make_clinician

    set_schedule(alice, entries={"nrs": "daily"})
    bob = make_clinician("bob")
    share(alice, bob, can_edit_plan=True)
    publish_plan(alice, by=bob, instrument_schedule={"phq4": "monthly", "sows": "weekly"})
    schedule, source = schedule_of(alice, today=TODAY)
    assert (dict(schedule), source) == ({"phq4": "monthly", "sows": "weekly"}, "plan")
    assert names(due_today(alice, today=TODAY)) == ["phq4", "sows"]


@pytest.mark.parametrize(("entries", "field"), [
    ([{"instrument": "peg", "frequency": "hourly"}], "entries[0].frequency"),
    ([{"instrument": "peg", "frequency": "weekly"}, {"instrument": "bdi", "frequency": "weekly"}],
     "entries[1].instrument"),
    ([{"instrument": "peg", "frequency": "weekly"}, {"instrument": "peg", "frequency": "daily"}],
     "entries[1].instrument"),
    ("peg weekly", "entries"),
])
def test_a_bad_schedule_names_the_entry_and_changes_nothing(alice, entries, field):
    set_schedule(alice, entries={"nrs": "daily"})
    with pytest.raises(InputError) as raised:
        set_schedule(alice, entries=entries)
    assert raised.value.field == field
    assert dict(schedule_of(alice, today=TODAY)[0]) == {"nrs": "daily"}


def test_setting_a_schedule_replaces_the_old_one(alice):
    set_schedule(alice, entries={"nrs": "daily", "peg": "weekly"})
    set_schedule(alice, entries={"peg": "monthly"})
    assert schedule_of(alice, today=TODAY) == ({"peg": "monthly"}, "patient")


def test_what_is_due_costs_a_fixed_number_of_queries_whatever_the_history(alice, django_assert_max_num_queries):
    set_schedule(alice, entries={"peg": "weekly", "phq4": "biweekly", "nrs": "daily"})
    start = timezone.now() - dt.timedelta(days=400)
    for day in range(0, 400, 3):
        record_response(alice, instrument="nrs", answers=[day % 11], at=start + dt.timedelta(days=day), by=alice)
    with django_assert_max_num_queries(4):  # the plan in force, the own schedule, the last answers, the profile
        due_today(alice, today=TODAY)
