"""Changing a password, and resetting a forgotten one by email."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.accounts.models import User
from speciosa.testing import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a quiet walk by the river"


def test_a_signed_in_person_changes_their_password(cast):
    response = cast.bob.client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_change_done"))
    assert User.objects.get(username="bob").check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_refused_beside_its_field(cast):
    response = cast.alice.client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"})
    assertContains(response, '<ul class="errors" id="id_new_password2_error"><li>This password is too common.</li>'
                             '</ul>', html=True)
    assert User.objects.get(username="alice").check_password(PASSWORD)


def test_a_forgotten_password_is_reset_through_the_emailed_link(cast, mailoutbox):
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_reset_done"))
    assert [(mail.subject, mail.to) for mail in mailoutbox] == [("Choose a new Speciosa password",
                                                                 ["alice@example.org"])]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker first
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_reset_complete"))
    assert User.objects.get(username="alice").check_password(NEW_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_email(cast, mailoutbox):
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_reset_done"))
    assert mailoutbox == []
