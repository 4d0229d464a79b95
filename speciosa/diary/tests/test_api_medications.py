"""Other medicines through the API: record, read, list, change, delete."""

import pytest
from django.http import HttpResponse

from speciosa.diary.models import Medication
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db

VOLATILE = {"id", "created_at", "updated_at"}


def stable(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in VOLATILE}


def add(persona: Persona, body: dict) -> HttpResponse:
    return persona.client.post("/api/v1/medications", body, content_type="application/json")


def test_a_medicine_is_recorded_and_read_back(cast):
    response = add(cast.alice, {"name": "Oxycodone HCl", "rxnorm": "7804", "dose_text": "5 mg as needed",
                                    "start": "2026-01-10"})
    assert response.status_code == 201
    expected = {"name": "Oxycodone HCl", "rxnorm": "7804", "dose_text": "5 mg as needed",
                "start": "2026-01-10", "stop": None}
    assert stable(response.json()) == expected
    again = cast.alice.client.get(f"/api/v1/medications/{response.json()['id']}")
    assert (again.status_code, stable(again.json())) == (200, expected)


def test_the_list_is_newest_first(cast):
    add(cast.alice, {"name": "Sertraline"})
    body = cast.alice.client.get("/api/v1/medications").json()
    assert ([m["name"] for m in body["items"]], body["count"]) == (["Sertraline", "Gabapentin"], 2)


def test_stopping_a_medicine(cast):
    medication = Medication.objects.of(cast.alice.user).get()
    response = cast.alice.client.patch(f"/api/v1/medications/{medication.pk}",
                                           {"start": "2026-01-01", "stop": "2026-03-01"},
                                           content_type="application/json")
    assert (response.status_code, response.json()["name"], response.json()["stop"]) == (
        200, "Gabapentin", "2026-03-01")


def test_a_stop_before_the_start_is_refused_and_nothing_changes(cast):
    medication = Medication.objects.of(cast.alice.user).get()
    response = cast.alice.client.patch(f"/api/v1/medications/{medication.pk}",
                                           {"start": "2026-03-01", "stop": "2026-01-01"},
                                           content_type="application/json")
    assert (response.status_code, response.json()) == (
        422, {"detail": [{"field": "stop", "message": "is before the start date"}]})
    assert Medication.objects.get(pk=medication.pk).start is None


def test_deleting_a_medicine(cast):
    medication = Medication.objects.of(cast.alice.user).get()
    assert cast.alice.client.delete(f"/api/v1/medications/{medication.pk}").status_code == 204
    assert cast.alice.client.get("/api/v1/medications").json() == {"items": [], "count": 0}
