"""Bearer tokens end: a sliding expiry with a hard limit (short for clinicians and admins), and a new password or
second factor ends every token of the account."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from speciosa.accounts import twofactor
from speciosa.accounts.models import ApiToken, User
from speciosa.accounts.tokens import issue_token
from speciosa.testing import PASSWORD, current_code, enrol_authenticator

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a quiet walk by the river"


def status(token: str) -> int:
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def at(moment: dt.datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


def test_a_patients_token_ends_after_the_idle_window_without_use(cast):
    start = timezone.now()
    with at(start + dt.timedelta(days=29, hours=23)):
        assert status(cast.alice.token) == 200
    token = issue_token(cast.alice.user)
    with at(start + dt.timedelta(days=30, minutes=1)):
        assert status(token) == 401


def test_each_use_extends_a_patients_token_up_to_its_limit(cast):
    start = timezone.now()
    seen = []
    for day in range(20, 200, 20):  # used every 20 days, so never idle for 30
        with at(start + dt.timedelta(days=day)):
            seen.append((day, status(cast.alice.token)))
    assert seen == [(day, 200 if day < 180 else 401) for day in range(20, 200, 20)]


def test_a_clinicians_token_ends_with_the_sessions_idle_timeout(cast, settings):
    assert settings.SPECIOSA_IDLE_MINUTES == 30
    start = timezone.now()
    with at(start + dt.timedelta(minutes=25)):
        assert status(cast.bob.token) == 200
    with at(start + dt.timedelta(minutes=25 + 31)):
        assert status(cast.bob.token) == 401


def test_a_busy_clinicians_token_ends_after_twelve_hours(cast):
    start = timezone.now()
    seen = []
    for minutes in range(20, 13 * 60, 20):
        with at(start + dt.timedelta(minutes=minutes)):
            seen.append(status(cast.bob.token))
    assert seen == [200 if minutes < 12 * 60 else 401 for minutes in range(20, 13 * 60, 20)]


def test_the_lifetimes_come_from_the_settings(cast, settings):
    settings.SPECIOSA_TOKEN_IDLE_DAYS = 2
    settings.SPECIOSA_IDLE_MINUTES = 5
    patient, clinician = issue_token(cast.alice.user), issue_token(cast.bob.user)
    start = timezone.now()
    with at(start + dt.timedelta(minutes=6)):
        assert (status(patient), status(clinician)) == (200, 401)
    with at(start + dt.timedelta(days=2, minutes=7)):  # two days after its last use
        assert status(patient) == 401


def test_a_new_token_says_when_it_ends(cast):
    before = timezone.now()
    response = Client().post("/api/v1/auth/token", {"username": "alice", "password": PASSWORD},
                             content_type="application/json")
    body = response.json()
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert before + dt.timedelta(days=30) <= expires <= timezone.now() + dt.timedelta(days=30)
    assert ApiToken.objects.get(pk=body["id"]).digest == ApiToken.digest_of(body["token"])


def test_changing_the_password_ends_every_token(cast):
    other = issue_token(cast.bob.user)
    response = cast.bob.client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert (status(cast.bob.token), status(other), status(cast.alice.token)) == (401, 401, 200)


def test_resetting_the_password_ends_every_token(cast, mailoutbox):
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert (status(cast.alice.token), status(cast.bob.token)) == (401, 200)


def test_a_password_set_by_an_administrator_ends_every_token(cast):
    user = User.objects.get(pk=cast.alice.user.pk)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert status(cast.alice.token) == 401


def test_signing_in_or_saving_the_account_otherwise_leaves_tokens_alone(cast):
    user = User.objects.get(pk=cast.alice.user.pk)
    user.first_name = "Alice"
    user.save()
    response = Client().post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert status(cast.alice.token) == 200


def test_turning_on_two_factor_ends_a_patients_tokens(cast):
    device = twofactor.start_setup(cast.alice.user)
    twofactor.confirm_setup(cast.alice.user, device=device, code=current_code(device))
    assert status(cast.alice.token) == 401


def test_turning_off_two_factor_ends_a_patients_tokens(cast):
    enrol_authenticator(cast.alice.user)
    token = issue_token(cast.alice.user)
    twofactor.turn_off(cast.alice.user, password=PASSWORD)
    assert status(token) == 401


def test_new_backup_codes_end_every_token(cast):
    twofactor.new_backup_codes(cast.bob.user)
    assert (status(cast.bob.token), status(cast.alice.token)) == (401, 200)
