"""Check-ins through the API: record, read, list, change, delete."""

import pytest
from django.http import HttpResponse

from speciosa.diary.models import Checkin
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db

VOLATILE = {"id", "created_at", "updated_at"}


def stable(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in VOLATILE}


def add(persona: Persona, body: dict) -> HttpResponse:
    return persona.client.post("/api/v1/checkins", body, content_type="application/json")


def test_a_check_in_is_recorded_and_read_back(cast):
    response = add(cast.alice, {"at": "2026-06-15T20:00:00+01:00", "pain_now": 4, "pain_avg_24h": 5,
                                    "sleep_quality": 7, "side_effects": {"nausea": 2, "itching": 0},
                                    "withdrawal": {"craving": 1}, "note": "a calm day", "client_id": None})
    assert response.status_code == 201
    expected = {"at": "2026-06-15T19:00:00Z", "pain_now": 4, "pain_avg_24h": 5, "mood": None, "energy": None,
                "sleep_quality": 7, "function": None, "side_effects": {"nausea": 2},
                "withdrawal": {"craving": 1}, "note": "a calm day", "client_id": None}
    assert stable(response.json()) == expected
    again = cast.alice.client.get(f"/api/v1/checkins/{response.json()['id']}")
    assert (again.status_code, stable(again.json())) == (200, expected)


def test_the_list_is_newest_first(cast):
    add(cast.alice, {"at": "2026-06-15T20:00:00Z", "mood": 3})
    add(cast.alice, {"at": "2026-06-16T20:00:00Z", "mood": 4})
    body = cast.alice.client.get("/api/v1/checkins").json()
    assert body["count"] == 3
    # The fixture's check-in is from today, so it comes first.
    assert [c["mood"] for c in body["items"]] == [6, 4, 3]


def test_changing_a_check_in_keeps_what_was_not_sent(cast):
    checkin = Checkin.objects.of(cast.alice.user).get()
    response = cast.alice.client.patch(f"/api/v1/checkins/{checkin.pk}", {"mood": 8},
                                           content_type="application/json")
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("pain_now", "mood", "side_effects")} == {
        "pain_now": 5, "mood": 8, "side_effects": {"nausea": 1}}


def test_a_symptom_outside_the_list_is_refused(cast):
    before = Checkin.objects.count()
    response = add(cast.alice, {"side_effects": {"sneezing": 1}})
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == ["side_effects.sneezing"]
    assert Checkin.objects.count() == before


def test_deleting_a_check_in(cast):
    checkin = Checkin.objects.of(cast.alice.user).get()
    assert cast.alice.client.delete(f"/api/v1/checkins/{checkin.pk}").status_code == 204
    assert cast.alice.client.get(f"/api/v1/checkins/{checkin.pk}").status_code == 404
    assert Checkin.objects.of(cast.alice.user).count() == 0
