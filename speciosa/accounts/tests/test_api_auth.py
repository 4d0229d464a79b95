"""How API callers sign in: a bearer token from POST /auth/token, or the browser's session with CSRF."""

import pytest
from django.test import Client

from speciosa.accounts.models import ApiToken
from speciosa.diary.models import Dose
from speciosa.testing import PASSWORD, Cast

pytestmark = pytest.mark.django_db

CSRF_SECRET = "k" * 32  # a well-formed CSRF secret, sent as both cookie and header, as the pages' script does


def test_a_token_from_username_and_password_opens_the_api(cast):
    credentials = {"username": "alice", "password": PASSWORD, "label": "phone"}
    response = Client().post("/api/v1/auth/token", credentials, content_type="application/json")
    assert response.status_code == 201
    token = response.json()["token"]
    stored = ApiToken.objects.filter(user=cast.alice.user, label="phone").count()
    assert (response.json()["token_type"], stored) == ("Bearer", 1)
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert (me.status_code, me.json()["username"]) == (200, "alice")


def test_only_the_tokens_digest_is_stored(cast):
    token = Client().post("/api/v1/auth/token", {"username": "alice", "password": PASSWORD},
                          content_type="application/json").json()["token"]
    assert ApiToken.objects.filter(digest=token).count() == 0
    assert ApiToken.objects.filter(digest=ApiToken.digest_of(token)).count() == 1


@pytest.mark.parametrize(("username", "password"), [("alice", "wrong password"), ("nobody", PASSWORD)])
def test_wrong_credentials_get_no_token(cast, username, password):
    before = ApiToken.objects.count()
    response = Client().post("/api/v1/auth/token", {"username": username, "password": password},
                             content_type="application/json")
    assert (response.status_code, response.json()) == (
        401, {"detail": [{"field": "password", "message": "username or password is wrong"}]})
    assert ApiToken.objects.count() == before


def test_a_nul_in_the_credentials_is_refused_naming_the_field(cast):
    response = Client().post("/api/v1/auth/token", {"username": "ali\x00ce", "password": PASSWORD},
                             content_type="application/json")
    assert (response.status_code, response.json()) == (
        422, {"detail": [{"field": "username",
                          "message": "contains a NUL character, which cannot be stored"}]})


def test_malformed_json_for_a_token_is_a_400(cast):
    response = Client().post("/api/v1/auth/token", "{username", content_type="application/json")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (400, ["body"])


@pytest.mark.parametrize("authorization",
                         ["Bearer nonsense", "Bearer ", "Basic YWxpY2U6eA==", "Bearer a\x00b"])
def test_a_bad_authorization_header_is_a_401(cast, authorization):
    response = Client().get("/api/v1/me", headers={"Authorization": authorization})
    assert response.status_code == 401


def test_a_deactivated_accounts_token_stops_working(cast):
    cast.alice.user.is_active = False
    cast.alice.user.save()
    assert Client().get("/api/v1/me", headers=cast.alice.bearer()).status_code == 401


def dose_body(cast: Cast) -> dict:
    return {"product": cast.alice_product.pk, "amount": 1, "unit": "g"}


def csrf_client(cast: Cast) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice.user)
    client.cookies["csrftoken"] = CSRF_SECRET
    return client


def test_a_session_write_without_the_csrf_token_is_refused(cast):
    before = Dose.objects.count()
    response = csrf_client(cast).post("/api/v1/doses", dose_body(cast),
                                          content_type="application/json")
    fields = [item["field"] for item in response.json()["detail"]]
    assert (response.status_code, fields) == (403, ["X-CSRFToken"])
    assert Dose.objects.count() == before


def test_a_session_write_with_the_csrf_token_is_accepted(cast):
    client = csrf_client(cast)
    response = client.post("/api/v1/doses", dose_body(cast), content_type="application/json",
                           headers={"X-CSRFToken": CSRF_SECRET})
    assert response.status_code == 201


def test_a_session_read_needs_no_csrf_token(cast):
    assert csrf_client(cast).get("/api/v1/doses").status_code == 200


def test_a_bearer_token_needs_no_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/doses", dose_body(cast), content_type="application/json",
                           headers=cast.alice.bearer())
    assert response.status_code == 201


def test_a_write_with_no_session_at_all_is_unauthenticated_not_forged(cast):
    before = Dose.objects.count()
    response = Client(enforce_csrf_checks=True).post("/api/v1/doses", dose_body(cast),
                                                     content_type="application/json")
    assert response.status_code == 401
    assert Dose.objects.count() == before


def test_a_tokens_last_use_is_noted_to_within_five_minutes(cast):
    import datetime as dt

    import time_machine

    token = Client().post("/api/v1/auth/token", {"username": "alice", "password": PASSWORD},
                          content_type="application/json").json()["token"]
    stored = ApiToken.objects.get(digest=ApiToken.digest_of(token))
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    seen = []
    for minutes in (0, 4, 6):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        stored.refresh_from_db()
        seen.append(stored.last_used_at)
    assert seen == [start, start, start + dt.timedelta(minutes=6)]
