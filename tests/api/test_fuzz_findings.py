"""What the live-server fuzz run (test_live_fuzzing.py) found, each kept as a plain regression test."""

from __future__ import annotations

import json

import pytest

from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


def _post(cast: Cast, path: str, body: dict, method: str = "post"):
    return getattr(cast.alice.client, method)(f"/api/v1{path}", json.dumps(body), content_type="application/json")


def _fields(response) -> list[str]:
    return [item["field"] for item in response.json()["detail"]]


def test_a_dose_too_small_to_keep_is_refused_and_the_alerts_stay_readable(cast: Cast):
    # 0.0004 g passed the check (more than 0) and was stored rounded to 0.000 g: a dose of nothing, which the safety
    # snapshot then refused, so every alert endpoint of the patient answered 422 from then on.
    response = _post(cast, "/doses", {"product": cast.alice_product.pk, "amount": 0.0004, "unit": "g"})
    assert response.status_code == 422 and _fields(response) == ["amount"]
    dose = cast.alice.client.get("/api/v1/doses").json()["items"][0]
    edited = _post(cast, f"/doses/{dose['id']}", {"amount": 0.0001}, method="patch")
    assert edited.status_code == 422 and _fields(edited) == ["amount"]
    assert cast.alice.client.get("/api/v1/alerts").status_code == 200


@pytest.mark.parametrize(("path", "body"), [
    ("/medications", {"name": "Gabapentin", "start": 0}),
    ("/medications", {"name": "Gabapentin", "start": "20261120"}),
    ("/products", {"name": "Tea", "form": "tea", "lab_date": 0}),
])
def test_a_date_sent_as_a_number_is_refused_not_read_as_1970(cast: Cast, path: str, body: dict):
    response = _post(cast, path, body)
    assert response.status_code == 422, response.content
    assert "not a number" in response.json()["detail"][0]["message"]


@pytest.mark.parametrize("url", ["/api/v1/doses?start=0.5", "/api/v1/days/0", "/api/v1/days/20261120"])
def test_a_day_or_moment_in_the_address_is_written_out(cast: Cast, url: str):
    assert cast.alice.client.get(url).status_code == 422


def test_null_for_what_a_change_cannot_clear_is_refused_naming_the_field(cast: Cast):
    dose = cast.alice.client.get("/api/v1/doses").json()["items"][0]
    response = _post(cast, f"/doses/{dose['id']}", {"unit": None}, method="patch")
    assert response.status_code == 422 and _fields(response) == ["unit"]
    profile = _post(cast, "/me/profile", {"pregnant": None}, method="patch")
    assert profile.status_code == 422 and _fields(profile) == ["pregnant"]
