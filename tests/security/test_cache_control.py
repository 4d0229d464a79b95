"""Every answer to a signed-in person (page, API JSON, the data archive, the audit CSV) says `Cache-Control:
no-store`: it carries health data that neither a shared cache nor the browser's history may keep."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [
    "/",  # the diary's today page
    "/audit/",
    "/audit/export.csv",
    "/accounts/privacy/all-my-data.zip",
    "/api/v1/me/audit",
    "/api/v1/me/snapshot",
    "/no-such-page/",  # even a 404 tells who is signed in
])
def test_a_signed_in_patients_answers_are_not_stored(cast, path):
    response = cast.alice.client.get(path)
    assert response["Cache-Control"] == "no-store", (path, response.status_code)


@pytest.mark.parametrize("path", ["/api/v1/me/audit", "/api/v1/me/snapshot"])
def test_answers_to_a_bearer_token_are_not_stored(cast, path):
    response = Client().get(path, headers=cast.alice.bearer())
    assert (response.status_code, response["Cache-Control"]) == (200, "no-store")


def test_a_clinicians_view_of_a_patient_and_the_audit_csv_for_an_admin_are_not_stored(cast):
    assert cast.bob.client.get(f"/clinic/patients/{cast.alice.user.pk}/")["Cache-Control"] == "no-store"
    assert cast.adam.client.get("/audit/all/export.csv")["Cache-Control"] == "no-store"


def test_a_public_answer_to_no_one_signed_in_is_left_to_the_view():
    response = Client().get("/api/v1/evidence")
    assert (response.status_code, response.headers.get("Cache-Control")) == (200, None)
