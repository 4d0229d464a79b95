"""Signing up, in and out through the pages."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.accounts.models import PatientProfile, User
from speciosa.testing import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PATIENT = {"username": "dana", "email": "dana@example.org", "password1": "a quiet walk by the river",
               "password2": "a quiet walk by the river"}


def test_the_sign_in_page_has_the_agreed_fields_and_button():
    response = Client().get("/accounts/login/")
    assertContains(response, '<label for="id_username">Username</label>', html=True)
    assertContains(response, '<label for="id_password">Password</label>', html=True)
    assertContains(response, '<button type="submit" class="primary">Sign in</button>', html=True)
    assert reverse("accounts:login") == "/accounts/login/"


def test_signing_up_creates_a_patient_with_a_profile_and_signs_them_in():
    client = Client()
    response = client.post(reverse("accounts:signup"), NEW_PATIENT)
    assert (response.status_code, response["Location"]) == (302, reverse("diary:welcome"))
    dana = User.objects.get(username="dana")
    assert (dana.role, dana.email, dana.check_password(NEW_PATIENT["password1"])) == (
        "patient", "dana@example.org", True)
    assert PatientProfile.objects.filter(user=dana).exists()
    assert client.session[SESSION_KEY] == str(dana.pk)
    assert client.get("/").status_code == 200


def test_a_new_account_starts_in_the_time_zone_the_browser_reported():
    Client().post(reverse("accounts:signup"), {**NEW_PATIENT, "time_zone": "America/New_York"})
    assert PatientProfile.objects.get(user__username="dana").time_zone == "America/New_York"


def test_a_time_zone_that_does_not_exist_is_ignored_and_the_welcome_page_asks():
    client = Client()
    response = client.post(reverse("accounts:signup"), {**NEW_PATIENT, "time_zone": "Mars/Olympus"})
    assert (response.status_code, response["Location"]) == (302, reverse("diary:welcome"))
    assert PatientProfile.objects.get(user__username="dana").time_zone == "UTC"


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"password1": "password123", "password2": "password123"}, "password1", "This password is too common."),
    ({"password1": "48151623", "password2": "48151623"}, "password1",
     "This password is too short. It must contain at least 10 characters. This password is entirely numeric."),
    ({"password2": "something else entirely"}, "password2", "The two passwords differ."),
    ({"username": "dana smith"}, "username", "Use 2-150 letters, digits and . @ + - _ only"),
    ({"username": "alice"}, "username", "Username is already taken"),
    ({"username": "da\x00na"}, "username", "Null characters are not allowed."),
])
def test_a_refused_sign_up_shows_the_error_beside_its_field_and_creates_nobody(cast, changes, field, message):
    response = Client().post(reverse("accounts:signup"), {**NEW_PATIENT, **changes})
    assert response.status_code == 200
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}</li></ul>', html=True)
    assert sorted(User.objects.values_list("username", flat=True)) == sorted(cast.everyone())


def test_signing_in_leads_to_today_and_a_wrong_password_does_not(cast):
    client = Client()
    wrong = client.post("/accounts/login/", {"username": "alice", "password": "not the password"})
    assertContains(wrong, "Please enter a correct username and password.")
    assert SESSION_KEY not in client.session
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/")
    assertContains(client.get("/"), "Log 3 g of Red vein powder")


def test_signing_out_takes_a_post_and_ends_the_session(cast):
    client = cast.alice.client
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert client.get("/").status_code == 302


def test_signing_in_is_protected_against_forged_requests(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
