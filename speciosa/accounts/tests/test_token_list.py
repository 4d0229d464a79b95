"""Listing and ending one's own bearer tokens, through the API and on the tokens page."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.accounts.models import ApiToken
from speciosa.accounts.tokens import issue

pytestmark = pytest.mark.django_db


def status(token: str) -> int:
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def test_a_person_lists_their_own_live_tokens_never_the_tokens_themselves(cast):
    raw, phone = issue(cast.alice.user, label="phone")
    issue(cast.bob.user, label="bob's script")
    response = Client().get("/api/v1/tokens", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    listed = response.json()
    assert [(item["label"], item["current"]) for item in listed] == [("phone", True), ("test", False)]
    assert set(listed[0]) == {"id", "label", "created_at", "last_used_at", "expires_at", "current"}
    assert raw not in response.content.decode() and phone.digest not in response.content.decode()


def test_the_session_lists_tokens_with_none_current(cast):
    response = cast.alice.client.get("/api/v1/tokens")
    assert [(item["label"], item["current"]) for item in response.json()] == [("test", False)]


def test_ending_a_token_through_the_api(cast):
    raw, token = issue(cast.alice.user, label="old phone")
    response = Client().delete(f"/api/v1/tokens/{token.pk}", headers=cast.alice.bearer())
    assert (response.status_code, status(raw), status(cast.alice.token)) == (204, 401, 200)


def test_a_client_signs_out_by_ending_its_own_token(cast):
    token_id = ApiToken.objects.get(digest=ApiToken.digest_of(cast.alice.token)).pk
    response = Client().delete(f"/api/v1/tokens/{token_id}", headers=cast.alice.bearer())
    assert (response.status_code, status(cast.alice.token)) == (204, 401)


def test_someone_elses_token_is_not_found_and_keeps_working(cast):
    token_id = ApiToken.objects.get(digest=ApiToken.digest_of(cast.alice.token)).pk
    for persona in (cast.bob, cast.dave, cast.adam):
        response = Client().delete(f"/api/v1/tokens/{token_id}", headers=persona.bearer())
        assert (response.status_code, response.json()["detail"][0]["field"]) == (404, "token_id")
    missing = Client().delete("/api/v1/tokens/999999", headers=cast.bob.bearer())
    assert missing.status_code == 404
    assert status(cast.alice.token) == 200


def test_the_tokens_page_is_linked_from_the_account_pages(cast):
    for persona, page in ((cast.alice, "accounts:two_factor"), (cast.bob, "accounts:two_factor"),
                          (cast.alice, "accounts:privacy"), (cast.alice, "accounts:password_change")):
        assertContains(persona.client.get(reverse(page)), f'href="{reverse("accounts:tokens")}"')


def test_the_tokens_page_lists_and_ends_a_token(cast):
    raw, token = issue(cast.alice.user, label="kitchen tablet")
    page = cast.alice.client.get(reverse("accounts:tokens"))
    assertContains(page, "kitchen tablet")
    assertContains(page, "after 30 days without use, and 180 days after it was")
    assertNotContains(page, raw)
    response = cast.alice.client.post(reverse("accounts:tokens"), {"revoke": str(token.pk)}, follow=True)
    assertContains(response, "The token is ended.")
    assertNotContains(response, "kitchen tablet")
    assert (status(raw), status(cast.alice.token)) == (401, 200)


def test_the_page_ends_nothing_of_someone_elses(cast):
    token_id = ApiToken.objects.get(digest=ApiToken.digest_of(cast.alice.token)).pk
    response = cast.bob.client.post(reverse("accounts:tokens"), {"revoke": str(token_id)}, follow=True)
    assertContains(response, "That token was already ended.")
    assert status(cast.alice.token) == 200


def test_a_clinicians_page_names_the_short_lifetime_and_ends_all(cast):
    other, _ = issue(cast.bob.user, label="script")
    page = cast.bob.client.get(reverse("accounts:tokens"))
    assertContains(page, "after 30 minutes without use, and 12 hours after it was")
    response = cast.bob.client.post(reverse("accounts:tokens"), {"revoke_all": "1"}, follow=True)
    assertContains(response, "Ended 2 tokens.")
    assert (status(other), status(cast.bob.token), status(cast.alice.token)) == (401, 401, 200)
