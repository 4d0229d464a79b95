"""Login throttling: five wrong passwords for one username from one address lock that pair out for 15 minutes."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse
from django.test import Client
from pytest_django.asserts import assertContains

from speciosa.testing import PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def page_login(password: str, username: str = "alice", address: str = "198.51.100.1",
               ) -> tuple[Client, HttpResponse]:
    client = Client(REMOTE_ADDR=address)
    return client, client.post("/accounts/login/", {"username": username, "password": password})


def api_login(password: str, username: str = "alice", address: str = "198.51.100.1") -> HttpResponse:
    return Client(REMOTE_ADDR=address).post("/api/v1/auth/token", {"username": username, "password": password},
                                            content_type="application/json")


def test_the_sixth_try_after_five_wrong_passwords_is_refused_even_with_the_right_one(cast):
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            assertContains(page_login("wrong password")[1], "Please enter a correct username and password.")
        assert page_login("wrong password")[1].status_code == 429
        client, response = page_login(PASSWORD)
    assert response.status_code == 429
    assertContains(response, "Try again in 15 minutes", status_code=429)
    assert SESSION_KEY not in client.session


def test_the_lockout_ends_after_fifteen_minutes(cast):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            page_login("wrong password")
    with time_machine.travel(START + dt.timedelta(minutes=14), tick=False):
        assert page_login(PASSWORD)[1].status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        assert page_login(PASSWORD)[1].status_code == 302


def test_the_lockout_is_for_the_username_and_address_together(cast):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            page_login("wrong password")
        assert page_login(PASSWORD, address="198.51.100.2")[1].status_code == 302
        assert page_login(PASSWORD, username="charlie")[1].status_code == 302


def test_a_successful_sign_in_resets_the_count(cast):
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            page_login("wrong password")
        assert page_login(PASSWORD)[1].status_code == 302
        for _ in range(4):
            page_login("wrong password")
        assert page_login(PASSWORD)[1].status_code == 302


def test_the_token_endpoint_is_throttled_too_and_says_so_in_json(cast):
    with time_machine.travel(START, tick=False):
        statuses = [api_login("wrong password").status_code for _ in range(5)]
        response = api_login(PASSWORD)
    assert statuses == [401, 401, 401, 401, 429]
    assert response.status_code == 429
    assert response.json()["detail"][0]["field"] == "username"
    assert response["Retry-After"] == "900"


def test_failures_on_the_page_and_the_api_count_together(cast):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            page_login("wrong password")
        api_login("wrong password")
        api_login("wrong password")
        assert page_login(PASSWORD)[1].status_code == 429
