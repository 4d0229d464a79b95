"""Sessions end: after 12 hours for everyone, and after 30 idle minutes for clinicians and administrators."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from speciosa.testing import verified_login

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_a_clinicians_session_ends_after_thirty_idle_minutes(cast):
    with time_machine.travel(START, tick=False):
        client = verified_login(Client(), cast.bob.user)
        assert client.get("/safety/rules/").status_code == 200
    with time_machine.travel(START + dt.timedelta(minutes=29), tick=False):
        assert client.get("/safety/rules/").status_code == 200
    with time_machine.travel(START + dt.timedelta(minutes=29 + 31), tick=False):
        response = client.get("/safety/rules/")
        assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=%2Fsafety%2Frules%2F")
        assert client.get("/safety/rules/")["Location"].startswith("/accounts/login/")


def test_an_idle_clinicians_session_is_refused_by_the_api_too(cast):
    with time_machine.travel(START, tick=False):
        client = verified_login(Client(), cast.bob.user)
        client.get("/api/v1/me")
    with time_machine.travel(START + dt.timedelta(minutes=31), tick=False):
        response = client.get("/api/v1/me")
    assert (response.status_code, response.json()["detail"][0]["field"]) == (401, "authorization")


def test_a_patients_session_survives_an_idle_hour_but_not_twelve_hours(cast):
    client = cast.alice.client
    with time_machine.travel(START, tick=False):
        client.force_login(cast.alice.user)
        assert client.get("/").status_code == 200
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/").status_code == 302


def test_a_busy_clinicians_session_still_ends_after_twelve_hours(cast):
    with time_machine.travel(START, tick=False):
        client = verified_login(Client(), cast.bob.user)
    statuses = set()
    for minutes in range(0, 12 * 60, 25):  # a request every 25 minutes: never idle
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            statuses.add(client.get("/safety/rules/").status_code)
    assert statuses == {200}
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=10), tick=False):
        assert client.get("/safety/rules/").status_code == 302
