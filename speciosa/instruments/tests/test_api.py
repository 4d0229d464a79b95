"""The instruments API: reference data for any signed-in user, responses for their patient (and a clinician the
patient shared check-ins with), and the patient's schedule."""

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import Client

from speciosa.audit.models import AuditEntry
from speciosa.clinic.testing import share
from speciosa.instruments.domain import record_response
from speciosa.instruments.models import Response
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client: Client, path: str, body: object, method: str = "post") -> HttpResponse:
    return getattr(client, method)(API + path, body, content_type="application/json")


@pytest.fixture
def alice_response(cast: Cast) -> Response:
    alice = cast.alice.user
    charlie = cast.charlie.user
    record_response(charlie, instrument="nrs", answers=[9], by=charlie)
    return record_response(alice, instrument="phq4", answers=[1, 2, 0, 1], by=alice)


def test_any_signed_in_user_reads_the_instruments_and_no_one_else(cast):
    listed = cast.bob.client.get(f"{API}/instruments")
    assert [i["id"] for i in listed.json()] == ["nrs", "peg", "phq4", "sows", "dsm5-kud"]
    one = cast.alice.client.get(f"{API}/instruments/phq4").json()
    assert (one["items"][0]["options"][3], one["bands"][1]["name"], one["subscales"][0]["id"]) == (
        {"value": 3, "label": "Nearly every day"}, "mild", "gad2")
    assert one["licence"] and one["sources"][0]["url"].startswith("https://")
    assert [Client().get(f"{API}/instruments").status_code,
            cast.alice.client.get(f"{API}/instruments/bdi").status_code] == [401, 404]


def test_a_patient_stores_a_response_and_gets_its_score(cast):
    response = post(cast.alice.client, "/questionnaires",
                    {"instrument": "peg", "answers": [6, 7, 4], "at": "2026-03-01T09:00:00-05:00"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert {key: body[key] for key in ("instrument", "version", "at", "answers", "score", "band", "subscores")} == {
        "instrument": "peg", "version": "1", "at": "2026-03-01T14:00:00Z", "answers": [6, 7, 4], "score": 5.67,
        "band": None, "subscores": {}}


@pytest.mark.parametrize(("body", "field"), [
    ({"instrument": "phq4", "answers": [1, 2, 0]}, "answers[3]"),
    ({"instrument": "phq4", "answers": [1, 2, 0, 4]}, "answers[3]"),
    ({"instrument": "phq4", "answers": [1, True, 0, 0]}, "answers[1]"),
    ({"instrument": "phq4", "answers": [1, "2", 0, 0]}, "answers[1]"),
    ({"instrument": "phq4", "answers": [1, 2, 0, 0.5]}, "answers[3]"),
    ({"instrument": "bdi", "answers": [1]}, "instrument"),
    ({"instrument": "nrs", "answers": [1], "at": "2026-03-01T09:00:00"}, "at"),
    ({"instrument": "nrs", "answers": [1], "extra": 1}, "extra"),
    ({"instrument": "nrs", "answers": [0] * 101}, "answers"),
    ({"instrument": "nrs\x00", "answers": [1]}, "instrument"),
])
def test_bad_input_is_a_422_naming_the_field_and_stores_nothing(cast, body, field):
    response = post(cast.alice.client, "/questionnaires", body)
    assert (response.status_code, response.json()["detail"][0]["field"]) == (422, field)
    assert not Response.objects.exists()


def test_only_the_patient_reads_their_responses(cast, alice_response):
    own = cast.alice.client.get(f"{API}/questionnaires").json()["items"]
    assert [(r["instrument"], r["score"], r["band"]) for r in own] == [("phq4", 4.0, "mild")]
    charlie = cast.charlie.client
    assert [r["instrument"] for r in charlie.get(f"{API}/questionnaires").json()["items"]] == ["nrs"]
    assert charlie.get(f"{API}/questionnaires/{alice_response.pk}").status_code == 404
    assert charlie.delete(f"{API}/questionnaires/{alice_response.pk}").status_code == 404
    assert cast.bob.client.get(f"{API}/questionnaires").status_code == 403
    assert post(cast.bob.client, "/questionnaires", {"instrument": "nrs", "answers": [1]}).status_code == 403
    assert Client().get(f"{API}/questionnaires").status_code == 401
    assert Response.objects.live().count() == 2


def test_a_clinician_reads_a_patients_responses_only_with_a_check_in_share(cast, alice_response):
    alice, bob, dave = cast.alice.user, cast.bob, cast.dave
    url = f"{API}/questionnaires?patient={alice.pk}"
    assert [dave.client.get(url).status_code, cast.erin.client.get(url).status_code] == [404, 404]
    share(alice, dave.user, scopes=["diary", "medical"])
    assert dave.client.get(url).status_code == 404
    items = bob.client.get(url).json()["items"]
    assert [(r["instrument"], r["answers"]) for r in items] == [("phq4", [1, 2, 0, 1])]
    assert bob.client.get(f"{API}/questionnaires?patient={cast.charlie.user.pk}").status_code == 404
    assert bob.client.get(f"{url}&instrument=bdi").status_code == 422  # refused before anything is read
    assert list(AuditEntry.objects.filter(patient=alice).values_list("actor", "action", "what")) == [
        (bob.user.pk, "read", "questionnaire responses")]


def test_the_owner_filters_by_instrument_reads_one_and_deletes_it(cast, alice_response):
    client = cast.alice.client
    assert client.get(f"{API}/questionnaires?instrument=nrs").json()["items"] == []
    assert client.get(f"{API}/questionnaires?instrument=bdi").status_code == 422
    assert client.get(f"{API}/questionnaires/{alice_response.pk}").json()["score"] == 4.0
    assert client.delete(f"{API}/questionnaires/{alice_response.pk}").status_code == 204
    assert client.get(f"{API}/questionnaires/{alice_response.pk}").status_code == 404


def test_the_patient_reads_and_replaces_their_schedule(cast):
    client = cast.alice.client
    assert client.get(f"{API}/me/schedule").json() == {"source": "patient", "entries": [], "own": [], "due": []}
    body = {"entries": [{"instrument": "peg", "frequency": "weekly"}, {"instrument": "phq4", "frequency": "biweekly"}]}
    answer = post(client, "/me/schedule", body, method="put")
    assert answer.status_code == 200, answer.content
    schedule = answer.json()
    assert (schedule["source"], schedule["entries"], [d["instrument"] for d in schedule["due"]]) == (
        "patient", body["entries"], ["peg", "phq4"])
    assert dt.date.fromisoformat(schedule["due"][0]["next_due"])
    bad = post(client, "/me/schedule", {"entries": [{"instrument": "peg", "frequency": "hourly"}]}, method="put")
    assert (bad.status_code, bad.json()["detail"][0]["field"]) == (422, "entries[0].frequency")
    assert cast.bob.client.get(f"{API}/me/schedule").status_code == 403
