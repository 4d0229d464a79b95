"""Liver test results through the API: record, read, list, change, delete."""

import pytest
from django.http import HttpResponse

from speciosa.diary.models import LabResult
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db

VOLATILE = {"id", "created_at", "updated_at"}


def stable(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in VOLATILE}


def add(persona: Persona, body: dict) -> HttpResponse:
    return persona.client.post("/api/v1/labs", body, content_type="application/json")


def test_a_result_is_recorded_with_its_multiple_of_normal(cast):
    response = add(cast.alice, {"code": "AST", "value": 80, "uln": 40,
                                    "collected_at": "2026-06-15T09:30:00-04:00"})
    assert response.status_code == 201
    expected = {"code": "AST", "value": 80.0, "unit": "U/L", "uln": 40.0, "times_uln": 2.0,
                "collected_at": "2026-06-15T13:30:00Z"}
    assert stable(response.json()) == expected
    again = cast.alice.client.get(f"/api/v1/labs/{response.json()['id']}")
    assert (again.status_code, stable(again.json())) == (200, expected)


def test_an_inr_needs_no_upper_limit(cast):
    response = add(cast.alice, {"code": "INR", "value": 1.1, "collected_at": "2026-06-15T09:30:00Z"})
    assert (response.status_code, response.json()["uln"], response.json()["unit"]) == (201, None, "ratio")


def test_the_list_is_newest_first(cast):
    add(cast.alice, {"code": "ALT", "value": 30, "uln": 40, "collected_at": "2026-01-15T09:30:00Z"})
    add(cast.alice, {"code": "ALT", "value": 31, "uln": 40, "collected_at": "2026-02-15T09:30:00Z"})
    body = cast.alice.client.get("/api/v1/labs").json()
    assert [lab["value"] for lab in body["items"]] == [35.0, 31.0, 30.0]


def test_correcting_a_value(cast):
    lab = LabResult.objects.of(cast.alice.user).get()
    response = cast.alice.client.patch(f"/api/v1/labs/{lab.pk}", {"value": 120},
                                           content_type="application/json")
    assert (response.status_code, response.json()["value"], response.json()["times_uln"]) == (200, 120.0, 3.0)


def test_deleting_a_result(cast):
    lab = LabResult.objects.of(cast.alice.user).get()
    assert cast.alice.client.delete(f"/api/v1/labs/{lab.pk}").status_code == 204
    assert cast.alice.client.get(f"/api/v1/labs/{lab.pk}").status_code == 404
