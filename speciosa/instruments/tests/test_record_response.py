"""Storing a questionnaire: the core scores it, the record keeps the score, and the safety engine sees it."""

import datetime as dt

import pytest
from django.utils import timezone

from speciosa.core.errors import InputError
from speciosa.diary.models import Revision
from speciosa.diary.queries import revisions_of
from speciosa.instruments.domain import delete_response, record_response
from speciosa.instruments.models import Response
from speciosa.instruments.queries import score_rows
from speciosa.safety.queries import current_alerts
from speciosa.safety.snapshots import snapshot_data
from speciosa.testing import committed, make_patient

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return make_patient("alice")


def test_it_stores_the_answers_with_their_score_band_and_subscores(alice):
    response = record_response(alice, instrument="phq4", answers=[1, 2, 0, 1], by=alice)
    stored = Response.objects.get(pk=response.pk)
    assert (stored.instrument, stored.version, stored.answers, stored.score, stored.band, stored.subscores) == (
        "phq4", "1", [1, 2, 0, 1], 4.0, "mild",
        {"gad2": 3.0, "gad2_screen": "positive", "phq2": 1.0, "phq2_screen": "negative"})
    assert Revision.objects.filter(record_type="response", record_id=response.pk).count() == 1


@pytest.mark.parametrize(("instrument", "answers", "field"), [
    ("phq4", [1, 2, 0], "answers[3]"),
    ("phq4", [1, 2, 0, 9], "answers[3]"),
    ("peg", [1, True, 3], "answers[1]"),
    ("dsm5-kud", [1] * 12, "answers[11]"),
    ("gad7", [1], "instrument"),
])
def test_bad_answers_store_nothing_and_name_the_item(alice, instrument, answers, field):
    with pytest.raises(InputError) as raised:
        record_response(alice, instrument=instrument, answers=answers, by=alice)
    assert raised.value.field == field
    assert (Response.objects.count(), Revision.objects.count()) == (0, 0)


def test_a_time_in_the_future_is_refused(alice):
    with pytest.raises(InputError) as raised:
        record_response(alice, instrument="nrs", answers=[3], at=timezone.now() + dt.timedelta(days=1), by=alice)
    assert raised.value.field == "at"


def test_dsm5_answers_raise_the_dependence_alert_and_deleting_them_clears_it(alice):
    with committed():
        response = record_response(alice, instrument="dsm5-kud", answers=[1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1], by=alice)
    alerts = {alert.code: alert for alert in current_alerts(alice)}
    assert (alerts["DEPENDENCE"].severity, alerts["DEPENDENCE"].evidence["count"]) == ("urgent", 8)
    with committed():
        delete_response(response, by=alice)
    assert "DEPENDENCE" not in [alert.code for alert in current_alerts(alice)]


def test_a_deleted_response_keeps_its_row_and_its_history_with_the_answers_it_had(alice):
    response = record_response(alice, instrument="phq4", answers=[1, 2, 0, 1], by=alice)
    delete_response(response, by=alice)
    kept = Response.objects.get(pk=response.pk)
    trail = [(revision.action, (revision.before or {}).get("answers"), revision.after is None)
             for revision in revisions_of(kept)]
    assert (kept.deleted_at is not None, trail) == (True, [("create", None, False), ("delete", [1, 2, 0, 1], True)])


def test_the_snapshot_holds_recent_answers_and_the_latest_of_each_instrument(alice):
    now = timezone.now()
    old_dsm = now - dt.timedelta(days=300)
    record_response(alice, instrument="dsm5-kud", answers=[0] * 11, at=old_dsm - dt.timedelta(days=30), by=alice)
    with committed():
        record_response(alice, instrument="dsm5-kud", answers=[1] * 11, at=old_dsm, by=alice)
    record_response(alice, instrument="nrs", answers=[4], at=now - dt.timedelta(days=200), by=alice)
    record_response(alice, instrument="nrs", answers=[5], at=now - dt.timedelta(days=150), by=alice)
    record_response(alice, instrument="nrs", answers=[6], at=now - dt.timedelta(days=3), by=alice)
    record_response(alice, instrument="nrs", answers=[7], at=now - dt.timedelta(days=2), by=alice)
    data = snapshot_data(alice, as_of=now)
    assert [(q["instrument"], q["answers"]) for q in data["questionnaires"]] == [
        ("dsm5-kud", [1] * 11), ("nrs", [6]), ("nrs", [7])]
    assert len(snapshot_data(alice, as_of=now, full=True)["questionnaires"]) == 6
    assert "DEPENDENCE" in [alert.code for alert in current_alerts(alice)]


def test_score_rows_are_oldest_first_within_the_window_and_skip_deleted_ones(alice):
    now = timezone.now()
    first = record_response(alice, instrument="peg", answers=[6, 7, 4], at=now - dt.timedelta(days=9), by=alice)
    record_response(alice, instrument="phq4", answers=[3, 3, 3, 3], at=now - dt.timedelta(days=5), by=alice)
    gone = record_response(alice, instrument="peg", answers=[1, 1, 1], at=now - dt.timedelta(days=2), by=alice)
    delete_response(gone, by=alice)
    rows = score_rows(alice, start=now - dt.timedelta(days=30))
    assert [(row.instrument, row.at, row.score, row.band) for row in rows] == [
        ("peg", first.at, 5.67, None), ("phq4", now - dt.timedelta(days=5), 12.0, "severe")]
    assert score_rows(alice, start=now - dt.timedelta(days=6), end=now) == rows[1:]
