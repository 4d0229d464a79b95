"""The private calendar feed: a long random address, no sign-in, upcoming due questionnaires as events."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from speciosa.instruments.domain import (
    record_response,
    reminder_settings_of,
    renew_calendar_token,
    set_schedule,
)
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db
NOON_NY = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


@pytest.fixture
def alice():
    patient = make_patient("alice")
    set_schedule(patient, entries={"peg": "weekly", "dsm5-kud": "monthly"})
    return patient


def feed_url(patient) -> str:
    return f"/questionnaires/calendar/{reminder_settings_of(patient).ical_token}.ics"


@time_machine.travel(NOON_NY, tick=False)
def test_the_feed_lists_each_coming_due_day_as_an_all_day_event(alice):
    record_response(alice, instrument="peg", answers=[4, 4, 4], at=NOON_NY - dt.timedelta(days=2), by=alice)
    response = Client().get(feed_url(alice))
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    peg = [e.decoded("dtstart") for e in events if "PEG" in str(e.get("description"))]
    dsm = [e.decoded("dtstart") for e in events if "DSM-5" in str(e.get("description"))]
    assert peg[:3] == [dt.date(2026, 3, 15), dt.date(2026, 3, 22), dt.date(2026, 3, 29)]
    assert dsm == [dt.date(2026, 3, 10), dt.date(2026, 4, 10)]  # the feed looks 60 days ahead
    assert {str(e.get("summary")) for e in events} == {"Speciosa questionnaire due"}
    assert str(events[0].get("url")).startswith("http://testserver/questionnaires/")
    assert len({str(e.get("uid")) for e in events}) == len(events)


def test_the_token_is_long_and_random_and_a_wrong_or_old_one_finds_nothing(alice):
    old = feed_url(alice)
    token = reminder_settings_of(alice).ical_token
    assert len(token) >= 43 and token != reminder_settings_of(make_patient("charlie")).ical_token
    renew_calendar_token(alice)
    assert [Client().get(url).status_code for url in (old, feed_url(alice), "/questionnaires/calendar/x.ics",
                                                      f"/questionnaires/calendar/{'a' * 200}.ics")] == [
        404, 200, 404, 404]


def test_the_feed_of_a_deactivated_account_is_gone(alice):
    url = feed_url(alice)
    alice.is_active = False
    alice.save()
    assert Client().get(url).status_code == 404
