"""Two-factor authentication: required for clinicians and admins, optional for patients, and for bearer tokens."""

import datetime as dt

import pytest
import time_machine
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains

from speciosa.accounts import twofactor
from speciosa.accounts.domain import create_user
from speciosa.accounts.enums import Role
from speciosa.accounts.tokens import issue_token
from speciosa.testing import PASSWORD, current_code, enrol_authenticator, make_clinician, verified_login

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/verify/"


def signed_in_through_the_form(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.ADMIN])
def test_a_clinician_or_admin_without_an_authenticator_is_sent_to_set_one_up_before_anything_else(role):
    create_user("dana", password=PASSWORD, role=role, check_password=False)
    client = signed_in_through_the_form("dana")
    response = client.get("/safety/rules/")
    assert (response.status_code, response["Location"]) == (302, f"{SETUP}?next=%2Fsafety%2Frules%2F")
    api = client.get("/api/v1/me")
    assert (api.status_code, api.json()["detail"][0]["field"]) == (403, "otp")


def test_setting_up_shows_a_qr_code_and_key_and_a_right_code_turns_it_on_with_backup_codes():
    dana = make_clinician("dana")
    client = signed_in_through_the_form("dana")
    page = client.get(SETUP)
    assertContains(page, "<svg")
    device = TOTPDevice.objects.get(user=dana, confirmed=False)
    assertContains(page, twofactor.manual_key(device))
    wrong = client.post(SETUP, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assertContains(wrong, "That code does not match")
    done = client.post(SETUP, {"code": current_code(device), "next": "/safety/rules/"})
    assertContains(done, "Backup codes")
    assert StaticToken.objects.filter(device__user=dana).count() == twofactor.BACKUP_CODES
    assert client.get("/safety/rules/").status_code == 200


def test_after_the_password_an_enrolled_clinician_gives_a_code_and_then_reaches_the_page(cast):
    device = TOTPDevice.objects.get(user=cast.bob.user, confirmed=True)
    client = signed_in_through_the_form("bob")
    first = client.get("/safety/rules/")
    assert (first.status_code, first["Location"]) == (302, f"{VERIFY}?next=%2Fsafety%2Frules%2F")
    response = client.post(VERIFY, {"code": current_code(device), "next": "/safety/rules/"})
    assert (response.status_code, response["Location"]) == (302, "/safety/rules/")
    assert client.get("/safety/rules/").status_code == 200


def test_a_backup_code_works_once(cast):
    codes = twofactor.new_backup_codes(cast.bob.user)
    first, second = signed_in_through_the_form("bob"), signed_in_through_the_form("bob")
    assert first.post(VERIFY, {"code": codes[0]}).status_code == 302
    assertContains(second.post(VERIFY, {"code": codes[0]}), "That code does not match")


@pytest.mark.parametrize("code", ["12345", "abcdefgh1", "12 34 5x", "\x00"])
def test_a_malformed_code_is_refused_beside_the_field(cast, code):
    response = signed_in_through_the_form("bob").post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert 'id="id_code_error"' in response.content.decode()


def test_a_password_alone_cannot_replace_an_existing_authenticator(cast):
    client = signed_in_through_the_form("bob")
    response = client.get(SETUP)
    assert (response.status_code, response["Location"]) == (302, VERIFY)
    assert TOTPDevice.objects.filter(user=cast.bob.user, confirmed=False).count() == 0


def test_wrong_codes_are_throttled_so_guessing_is_slow(cast):
    device = TOTPDevice.objects.get(user=cast.bob.user)
    client = signed_in_through_the_form("bob")
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False):
        right = current_code(device)
        client.post(VERIFY, {"code": "000000" if right != "000000" else "111111"})
        assertContains(client.post(VERIFY, {"code": right}), "too many wrong codes")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), tick=False):
        device.refresh_from_db()
        assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302


def test_sign_out_stays_open_before_the_second_factor(cast):
    client = signed_in_through_the_form("bob")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/safety/rules/")["Location"].startswith("/accounts/login/")


def test_two_factor_is_optional_for_patients_but_asked_for_once_turned_on(cast):
    assert signed_in_through_the_form("alice").get("/").status_code == 200
    enrol_authenticator(cast.alice.user)
    client = signed_in_through_the_form("alice")
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"
    assert client.get("/api/v1/me").status_code == 403


def test_a_patient_turns_it_off_with_their_password_but_a_clinician_cannot(cast):
    client = cast.alice.client
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=cast.alice.user, confirmed=False)
    client.post(SETUP, {"code": current_code(device)})
    assert twofactor.uses_two_factor(cast.alice.user)
    refused = client.post("/accounts/two-factor/", {"action": "turn_off", "password": "not it"})
    assertContains(refused, "Your password is wrong")
    client.post("/accounts/two-factor/", {"action": "turn_off", "password": PASSWORD})
    assert not twofactor.uses_two_factor(cast.alice.user)
    bob = cast.bob.client.post("/accounts/two-factor/", {"action": "turn_off", "password": PASSWORD})
    assert twofactor.uses_two_factor(cast.bob.user)
    assert "Turn off two-factor" not in bob.content.decode()


def test_the_fixture_signs_clinicians_in_with_the_second_factor(cast):
    assert DEVICE_ID_SESSION_KEY in cast.bob.client.session
    assert cast.bob.client.get("/api/v1/me").status_code == 200
    dana = make_clinician("dana")
    assert verified_login(Client(), dana).get("/safety/rules/").status_code == 200


def token_request(username: str, **extra: str) -> HttpResponse:
    return Client().post("/api/v1/auth/token", {"username": username, "password": PASSWORD, **extra},
                         content_type="application/json")


def test_a_clinician_gets_a_token_only_with_a_current_code(cast):
    device = TOTPDevice.objects.get(user=cast.bob.user)
    without = token_request("bob")
    assert (without.status_code, without.json()["detail"][0]["field"]) == (401, "otp")
    right = current_code(device)
    wrong = token_request("bob", otp="000000" if right != "000000" else "111111")
    assert (wrong.status_code, wrong.json()["detail"][0]["field"]) == (401, "otp")
    device.throttle_reset()
    response = token_request("bob", otp=right)
    assert response.status_code == 201
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {response.json()['token']}"})
    assert (me.status_code, me.json()["username"]) == (200, "bob")


def test_a_clinician_without_an_authenticator_gets_no_token():
    make_clinician("dana")
    response = token_request("dana", otp="123456")
    assert (response.status_code, response.json()["detail"][0]["field"]) == (401, "otp")


def test_a_patient_without_two_factor_needs_no_code_for_a_token(cast):
    assert token_request("alice").status_code == 201


def test_a_clinicians_token_issued_before_two_factor_was_set_up_does_not_work():
    dana = make_clinician("dana")
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        old_token = issue_token(dana)
    with time_machine.travel(dt.datetime(2026, 1, 2, tzinfo=dt.UTC)):
        enrol_authenticator(dana)
        new_token = issue_token(dana)
        old = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {old_token}"})
        new = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {new_token}"})
    assert (old.status_code, new.status_code) == (401, 200)


def test_replacing_the_authenticator_retires_the_clinicians_older_tokens(cast):
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)):
        device = twofactor.start_setup(cast.bob.user)
        twofactor.confirm_setup(cast.bob.user, device=device, code=current_code(device))
        assert Client().get("/api/v1/me", headers=cast.bob.bearer()).status_code == 401


def test_the_two_factor_page_is_in_everyones_navigation(cast):
    # A patient's tab bar holds the daily tasks; two-factor sign-in is on the More page.
    assertContains(cast.alice.client.get(reverse("diary:more")), f'href="{reverse("accounts:two_factor")}"')
    assertContains(cast.bob.client.get("/safety/rules/"), f'href="{reverse("accounts:two_factor")}"')
