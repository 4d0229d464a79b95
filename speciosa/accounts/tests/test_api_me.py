"""GET /me and PATCH /me/profile: the signed-in person and their own clinical profile."""

import pytest
from django.test import Client

from speciosa.accounts.models import PatientProfile

pytestmark = pytest.mark.django_db


def test_me_describes_the_signed_in_patient(cast):
    response = cast.alice.client.get("/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("username", "email", "role")} == {
        "username": "alice", "email": "alice@example.org", "role": "patient"}
    assert (body["profile"]["time_zone"], body["profile"]["jurisdiction"]) == ("America/New_York", "US-FL")


def test_me_describes_a_clinician_without_a_profile(cast):
    response = cast.bob.client.get("/api/v1/me")
    body = response.json()
    assert (response.status_code, body["role"], body["profile"]) == (200, "clinician", None)


def test_a_patient_changes_only_the_fields_sent(cast):
    change = {"birth_year": 1975, "conditions": ["arthritis"]}
    response = cast.alice.client.patch("/api/v1/me/profile", change, content_type="application/json")
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("birth_year", "conditions", "time_zone")} == {
        "birth_year": 1975, "conditions": ["arthritis"], "time_zone": "America/New_York"}


def test_a_clinician_has_no_clinical_profile_to_change(cast):
    response = cast.bob.client.patch("/api/v1/me/profile", {"birth_year": 1975},
                                         content_type="application/json")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (403, ["role"])
    assert PatientProfile.objects.filter(user=cast.bob.user).count() == 0


@pytest.mark.parametrize(("change", "field"), [
    ({"birth_year": True}, "birth_year"),
    ({"birth_year": 3000}, "birth_year"),
    ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ({"goals": "walk\x00"}, "goals"),
    ({"goals": "x" * 100_000}, "goals"),
    ({"weight_kg": False}, "weight_kg"),
    ({"conditions": ["hiccups"]}, "conditions[0]"),
])
def test_a_bad_profile_change_is_refused_and_nothing_changes(cast, change, field):
    response = cast.alice.client.patch("/api/v1/me/profile", change, content_type="application/json")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (422, [field])
    profile = PatientProfile.objects.get(user=cast.alice.user)
    assert (profile.birth_year, profile.time_zone, profile.goals, profile.conditions) == (
        None, "America/New_York", "", [])


def test_no_one_signed_in_has_no_me(cast):
    assert Client().get("/api/v1/me").status_code == 401
    assert Client().patch("/api/v1/me/profile", {}, content_type="application/json").status_code == 401
