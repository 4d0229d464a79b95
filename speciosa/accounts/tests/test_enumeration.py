"""No page tells who has an account or which patient ids exist faster than a person could ask by hand.

Sign-up says when a username is taken (people need to know), so it is rate-limited per network. Password reset
gives the same answer, in the same time, for an address with an account and one without, and is rate-limited per
network and per address. A patient id that does not exist answers like one that is not shared with you.
"""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.accounts import views
from speciosa.accounts.models import User
from speciosa.accounts.rate_limits import PASSWORD_RESET_CLIENT, PASSWORD_RESET_EMAIL, SIGNUP
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
RESET_URL = "/accounts/password/reset/"
MISSING = 999999


@pytest.fixture
def quick_reset(monkeypatch: pytest.MonkeyPatch) -> float:
    """A shorter floor for the reset answer, so these tests do not wait a second a request."""
    monkeypatch.setattr(views, "RESET_ANSWER_SECONDS", 0.25)
    return 0.25


def sign_up(client: Client, username: str):
    return client.post(SIGNUP_URL, {"username": username, "email": "", "password1": "a long enough passphrase",
                                    "password2": "a long enough passphrase"})


def test_sign_up_is_limited_per_network_before_it_says_a_name_is_taken(cast: Cast):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(SIGNUP.attempts):
        assertContains(sign_up(client, "alice"), "Username is already taken")
    refused = sign_up(client, "alice")
    assertContains(refused, "Too many sign-up attempts", status_code=429)
    assert "already taken" not in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert not User.objects.filter(username="newcomer").exists()
    assert sign_up(Client(REMOTE_ADDR="203.0.113.6"), "newcomer").status_code == 302  # another network


def test_password_reset_is_limited_per_network_with_the_same_answer_for_any_address(cast: Cast, quick_reset,
                                                                                     mailoutbox):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(PASSWORD_RESET_CLIENT.attempts):
        address = f"nobody{number}@example.org"
        assert client.post(RESET_URL, {"email": address})["Location"] == reverse("accounts:password_reset_done")
    existing = client.post(RESET_URL, {"email": "alice@example.org"})
    missing = client.post(RESET_URL, {"email": "nobody@example.org"})
    assert existing.status_code == missing.status_code == 429
    assertContains(existing, "Too many password-reset requests", status_code=429)
    assert mailoutbox == []


def test_one_address_gets_at_most_three_reset_mails_an_hour(cast: Cast, quick_reset, mailoutbox):
    for number in range(PASSWORD_RESET_EMAIL.attempts + 2):
        response = Client(REMOTE_ADDR=f"198.51.100.{number + 1}").post(RESET_URL, {"email": "Alice@Example.org"})
        assert response["Location"] == reverse("accounts:password_reset_done")  # the usual answer throughout
    assert len(mailoutbox) == PASSWORD_RESET_EMAIL.attempts


def test_password_reset_takes_as_long_for_a_missing_account_as_for_an_existing_one(cast: Cast, quick_reset,
                                                                                     mailoutbox):
    def timed(address: str) -> tuple[float, int, str]:
        started = time.monotonic()
        response = Client().post(RESET_URL, {"email": address})
        return time.monotonic() - started, response.status_code, response["Location"]

    existing, missing = timed("alice@example.org"), timed("nobody@example.org")
    assert existing[1:] == missing[1:]
    assert len(mailoutbox) == 1  # the existing account did get its e-mail
    assert existing[0] >= quick_reset and missing[0] >= quick_reset  # both wait out the floor


def _without_tokens(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


@pytest.mark.parametrize("route", ["clinic:patient", "plans:patient", "instruments:patient_results",
                                   "reports:patient_charts", "reports:patient_visit_pdf"])
def test_a_missing_patient_answers_like_one_not_shared(cast: Cast, route: str):
    answers = []
    for patient_id in (MISSING, cast.alice.user.pk, cast.bob.user.pk):  # missing, not shared, not a patient
        response = cast.dave.client.get(reverse(route, kwargs={"patient_id": patient_id}))
        answers.append((response.status_code, _without_tokens(response.content)))
    assert answers[0][0] == 403
    assert answers[0] == answers[1] == answers[2]
