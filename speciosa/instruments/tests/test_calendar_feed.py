"""The private calendar feed: a long random address kept only as a digest, no sign-in, upcoming due days as events
that name neither the questionnaire nor the patient."""

import datetime as dt
import json

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from speciosa.diary.privacy import archive_data, export_archive
from speciosa.instruments.domain import (
    record_response,
    reminder_settings_of,
    renew_calendar_token,
    set_schedule,
)
from speciosa.instruments.models import ReminderSettings
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db
NOON_NY = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


@pytest.fixture
def alice():
    patient = make_patient("alice")
    set_schedule(patient, entries={"peg": "weekly", "dsm5-kud": "monthly"})
    return patient


def feed_url(patient) -> str:
    """Makes a new address (the old one stops working) and returns it: the secret is shown only when made."""
    return f"/questionnaires/calendar/{renew_calendar_token(patient)}.ics"


@time_machine.travel(NOON_NY, tick=False)
def test_the_feed_lists_each_coming_due_day_as_an_all_day_event(alice):
    record_response(alice, instrument="peg", answers=[4, 4, 4], at=NOON_NY - dt.timedelta(days=2), by=alice)
    response = Client().get(feed_url(alice))
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    days = sorted(e.decoded("dtstart") for e in events)
    # peg weekly from its answer two days ago; dsm5-kud never answered, so due today and a month on (60 days ahead)
    assert days == sorted([dt.date(2026, 3, d) for d in (15, 22, 29)] + [dt.date(2026, 4, d) for d in (5, 12, 19, 26)]
                          + [dt.date(2026, 5, 3)] + [dt.date(2026, 3, 10), dt.date(2026, 4, 10)])
    assert {str(e.get("summary")) for e in events} == {"Speciosa: a questionnaire is due"}
    assert {str(e.get("url")) for e in events} == {"http://testserver/questionnaires/"}
    assert len({str(e.get("uid")) for e in events}) == len(events)


@time_machine.travel(NOON_NY, tick=False)
def test_the_events_name_no_questionnaire_and_no_patient(alice):
    body = Client().get(feed_url(alice)).content.decode()
    for telling in ("PEG", "DSM", "SOWS", "peg", "dsm5", "kud", "withdrawal", "use disorder", f"-{alice.pk}@"):
        assert telling not in body
    events = list(Calendar.from_ical(body).walk("VEVENT"))
    assert all(str(e.get("description")).startswith("Speciosa: a questionnaire is due.") for e in events)
    assert all(len(str(e.get("uid")).split("@")[0]) == 32 for e in events)
    again = list(Calendar.from_ical(Client().get(feed_url(alice)).content).walk("VEVENT"))
    assert [str(e.get("uid")) for e in again] == [str(e.get("uid")) for e in events]  # stable across renewals


def test_only_a_digest_of_the_secret_is_stored_or_exported(alice):
    token = renew_calendar_token(alice)
    stored = ReminderSettings.objects.filter(patient=alice).values().get()
    assert token not in json.dumps(stored, default=str)
    assert stored["ical_digest"] and len(stored["ical_digest"]) == 64
    assert token not in json.dumps(archive_data(alice), default=str)
    assert token.encode() not in export_archive(alice)
    assert "ical_digest" not in archive_data(alice)["tables"]["instruments.remindersettings"][0]


def test_a_new_patient_has_no_address_until_making_one(alice):
    assert reminder_settings_of(alice).ical_digest is None
    assert Client().get("/questionnaires/calendar/None.ics").status_code == 404


def test_the_token_is_long_and_random_and_a_wrong_or_old_one_finds_nothing(alice):
    old = feed_url(alice)
    token = old.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 43 and token != renew_calendar_token(make_patient("charlie"))
    assert [Client().get(url).status_code for url in (old, feed_url(alice), "/questionnaires/calendar/x.ics",
                                                      f"/questionnaires/calendar/{'a' * 200}.ics")] == [
        404, 200, 404, 404]


def test_the_feed_of_a_deactivated_account_is_gone(alice):
    url = feed_url(alice)
    alice.is_active = False
    alice.save()
    assert Client().get(url).status_code == 404
