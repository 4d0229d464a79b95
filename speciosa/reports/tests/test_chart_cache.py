"""Drawn charts are kept per patient, period and scope, and never outlive a change to the patient's record."""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.diary.domain import record_dose
from speciosa.reports.access import Visible
from speciosa.reports.chart_cache import ChartsPage, charts_page, default_period, stamp_of
from speciosa.reports.tests.story import NOW, seed_four_weeks

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 8, 23), dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen_time() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> ChartsPage:
        self.calls += 1
        return ChartsPage(charts=(), headline=None, changes=())


EVERYTHING = Visible.everything()


def page(patient, build, *, visible=EVERYTHING, own=True, start=START):
    return charts_page(patient, start=start, end=END, visible=visible, own=own, build=build)


def test_the_second_look_is_not_drawn_again(cast):
    build = Builder()
    page(cast.alice.user, build)
    page(cast.alice.user, build)
    assert build.calls == 1


def test_another_period_scope_or_patient_is_drawn_on_its_own(cast):
    build = Builder()
    page(cast.alice.user, build)
    page(cast.alice.user, build, own=False)
    page(cast.alice.user, build, visible=Visible(checkins=True, medical=False, notes=False, alert_details=False))
    page(cast.alice.user, build, start=START + dt.timedelta(days=60))
    page(cast.charlie.user, build)
    assert build.calls == 5


def test_a_new_dose_makes_the_kept_charts_unreachable(cast):
    build, alice = Builder(), cast.alice.user
    page(alice, build)
    before = stamp_of(alice)
    record_dose(alice, product=cast.alice_product, amount=1, unit="g", by=alice)
    page(alice, build)
    assert (build.calls, stamp_of(alice) != before) == (2, True)


def test_another_patients_change_leaves_alices_charts_kept(cast):
    build = Builder()
    page(cast.alice.user, build)
    charlie = cast.charlie.user
    record_dose(charlie, product=cast.charlie_product, amount=1, unit="g", by=charlie)
    page(cast.alice.user, build)
    assert build.calls == 1


def test_the_page_shows_a_dose_logged_after_it_was_first_drawn(cast):
    alice = cast.alice.user
    seed_four_weeks(alice, cast.alice_product)
    url = reverse("reports:charts") + "?days=30"
    assertContains(cast.alice.client.get(url), "most 6 g")
    record_dose(alice, product=cast.alice_product, amount=9, unit="g", by=alice,
                taken_at=dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC))
    assertContains(cast.alice.client.get(url), "most 11.5 g")  # with the cast's 2.5 g dose of that day


def test_a_change_draws_the_patients_charts_before_anyone_looks(cast, django_capture_on_commit_callbacks):
    """Prompt, not lazy: the write enqueues the drawing (a few seconds later, so a burst draws once), and the
    patient's next look at the charts page finds them drawn."""
    from speciosa.reports import tasks

    alice = cast.alice.user
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_dose(alice, product=cast.alice_product, amount=9, unit="g", by=alice)
    assert callbacks  # the drawing was enqueued after the commit (scheduled: immediate mode does not run it)
    assert tasks.draw_charts.call_local(alice.pk) is True  # what the worker runs
    assert tasks.draw_charts.call_local(alice.pk) is False  # already drawn for this record
    drawn = Builder()
    start, end = default_period(alice)
    charts_page(alice, start=start, end=end, visible=Visible.everything(), own=True, build=drawn)
    assert drawn.calls == 0


def test_a_burst_of_writes_enqueues_one_drawing(cast, django_capture_on_commit_callbacks, monkeypatch):
    from speciosa.reports import tasks

    cache.clear()  # no drawing waiting from an earlier test
    enqueued = []
    monkeypatch.setattr(tasks, "schedule_drawing", lambda patient_id: enqueued.append(patient_id) or True)
    alice = cast.alice.user
    for amount in (1, 2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            record_dose(alice, product=cast.alice_product, amount=amount, unit="g", by=alice)
    assert enqueued == [alice.pk]
