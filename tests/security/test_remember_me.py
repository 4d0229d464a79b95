""""Keep me signed in": 30 days for a patient's own phone; clinicians keep the short session whatever they tick."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from speciosa.testing import PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def sign_in(username: str, *, remember: bool) -> Client:
    client = Client()
    body = {"username": username, "password": PASSWORD, **({"remember": "on"} if remember else {})}
    response = client.post("/accounts/login/", body)
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_the_sign_in_page_offers_to_keep_a_phone_signed_in():
    response = Client().get("/accounts/login/")
    assert b'name="remember"' in response.content
    assert b"Keep me signed in on this phone for 30 days" in response.content


def test_a_remembered_patient_is_still_signed_in_after_four_weeks_but_not_after_five(cast):
    with time_machine.travel(START, tick=False):
        client = sign_in("alice", remember=True)
        assert client.session.get_expiry_age() == 30 * 24 * 60 * 60
    with time_machine.travel(START + dt.timedelta(days=29), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(START + dt.timedelta(days=29 + 31), tick=False):
        assert client.get("/").status_code == 302


def test_a_patient_who_does_not_tick_it_keeps_the_twelve_hour_session(cast):
    with time_machine.travel(START, tick=False):
        client = sign_in("alice", remember=False)
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/").status_code == 302


def test_a_clinician_who_ticks_it_keeps_the_short_session(cast):
    with time_machine.travel(START, tick=False):
        client = sign_in("bob", remember=True)
        assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
