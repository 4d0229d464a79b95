"""The password a signed-in person re-enters is throttled, and every change that weakens the account asks for it.

A stolen session (a phone left unlocked, a hijacked cookie) must not turn into the password by guessing on the
account-deletion or password-change pages, nor into a second factor of the thief's own.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains

from speciosa.accounts import twofactor
from speciosa.accounts.models import User
from speciosa.accounts.rate_limits import PASSWORD_REENTRY
from speciosa.testing import PASSWORD, Cast, current_code, enrol_authenticator

pytestmark = pytest.mark.django_db

DELETE = "/accounts/privacy/delete/"
MANAGE = "/accounts/two-factor/"
SETUP = "/accounts/two-factor/setup/"
WRONG = "not my password"


def guess_wrong_until_the_limit(post) -> None:
    for _ in range(PASSWORD_REENTRY.attempts):
        assert post(WRONG).status_code == 200


def test_account_deletion_refuses_even_the_right_password_after_five_wrong_ones(cast: Cast):
    def post(password: str):
        return cast.alice.client.post(DELETE, {"password": password, "understood": "on"})

    guess_wrong_until_the_limit(post)
    refused = post(PASSWORD)
    assert refused.status_code == 429
    assertContains(refused, "try again in 15 minutes", status_code=429)
    assert User.objects.filter(username="alice").exists()


def test_the_api_deletion_answers_429_after_five_wrong_passwords(cast: Cast):
    def post(password: str):
        return Client().post("/api/v1/me/delete", {"password": password}, content_type="application/json",
                             headers=cast.alice.bearer())

    for _ in range(PASSWORD_REENTRY.attempts):
        assert post(WRONG).status_code == 422
    refused = post(PASSWORD)
    assert refused.status_code == 429
    assert refused.json()["detail"][0]["field"] == "password"
    assert User.objects.filter(username="alice").exists()


def test_the_password_change_page_is_throttled_too(cast: Cast):
    url = reverse("accounts:password_change")

    def post(old: str):
        return cast.alice.client.post(url, {"old_password": old, "new_password1": "a brand new passphrase",
                                            "new_password2": "a brand new passphrase"})

    guess_wrong_until_the_limit(post)
    refused = post(PASSWORD)
    assertContains(refused, "try again in 15 minutes", status_code=429)
    cast.alice.user.refresh_from_db()
    assert cast.alice.user.check_password(PASSWORD)


def test_the_limit_is_per_person_and_a_right_password_clears_it(cast: Cast):
    url = reverse("accounts:password_change")

    def post(client: Client, old: str):
        return client.post(url, {"old_password": old, "new_password1": "a brand new passphrase",
                                 "new_password2": "a brand new passphrase"})

    guess_wrong_until_the_limit(lambda old: post(cast.alice.client, old))
    assert post(cast.charlie.client, PASSWORD).status_code == 302  # charlie is not alice
    for _ in range(PASSWORD_REENTRY.attempts - 1):
        post(cast.charlie.client, WRONG)
    assert post(cast.charlie.client, "a brand new passphrase").status_code == 302  # the count starts again
    for _ in range(PASSWORD_REENTRY.attempts - 1):
        post(cast.charlie.client, WRONG)
    assert post(cast.charlie.client, PASSWORD.replace("correct", "wrong")).status_code == 200


def test_wrong_passwords_on_different_pages_share_one_count(cast: Cast):
    enrol_authenticator(cast.alice.user)
    for _ in range(PASSWORD_REENTRY.attempts):
        cast.alice.client.post(DELETE, {"password": WRONG, "understood": "on"})
    refused = cast.alice.client.post(MANAGE, {"action": "turn_off", "password": PASSWORD})
    assertContains(refused, "try again in 15 minutes", status_code=429)
    assert twofactor.uses_two_factor(cast.alice.user)


def test_new_backup_codes_need_the_password(cast: Cast):
    twofactor.new_backup_codes(cast.bob.user)
    before = set(StaticToken.objects.filter(device__user=cast.bob.user).values_list("token", flat=True))
    for posted in ({"action": "new_codes"}, {"action": "new_codes", "codes-password": WRONG}):
        response = cast.bob.client.post(MANAGE, posted)
        assert response.status_code == 200
        assert "Your password" in response.content.decode()
        assert set(StaticToken.objects.filter(device__user=cast.bob.user).values_list("token", flat=True)) == before
    made = cast.bob.client.post(MANAGE, {"action": "new_codes", "codes-password": PASSWORD})
    after = set(StaticToken.objects.filter(device__user=cast.bob.user).values_list("token", flat=True))
    assert after and not after & before
    for code in after:
        assertContains(made, code)


def test_replacing_the_authenticator_needs_the_password(cast: Cast):
    old = TOTPDevice.objects.get(user=cast.bob.user, confirmed=True)
    form = cast.bob.client.get(SETUP)
    assertContains(form, 'name="password"')
    new = TOTPDevice.objects.get(user=cast.bob.user, confirmed=False)
    for password in ("", WRONG):
        response = cast.bob.client.post(SETUP, {"code": current_code(new), "password": password})
        assert response.status_code == 200
        assert list(TOTPDevice.objects.filter(user=cast.bob.user, confirmed=True)) == [old]
    cast.bob.client.post(SETUP, {"code": current_code(new), "password": PASSWORD})
    assert list(TOTPDevice.objects.filter(user=cast.bob.user, confirmed=True)) == [new]


def test_a_first_authenticator_needs_no_password_beyond_the_sign_in(cast: Cast):
    form = cast.alice.client.get(SETUP)
    assert 'name="password"' not in form.content.decode()
    device = TOTPDevice.objects.get(user=cast.alice.user, confirmed=False)
    cast.alice.client.post(SETUP, {"code": current_code(device)})
    assert twofactor.uses_two_factor(cast.alice.user)
