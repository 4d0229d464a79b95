"""Logging, reading, changing and deleting doses through the API, and a dose's revision trail."""

import datetime as dt

import pytest
import time_machine
from django.http import HttpResponse
from django.test import Client

from speciosa.diary.models import Dose, Revision
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db

VOLATILE = {"id", "created_at", "updated_at"}
NOON_IN_NEW_YORK = dt.datetime(2026, 6, 15, 16, 0, tzinfo=dt.UTC)


def stable(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in VOLATILE}


def log(persona: Persona, **body: object) -> HttpResponse:
    return persona.client.post("/api/v1/doses", body, content_type="application/json")


def test_a_logged_dose_comes_back_normalised(cast):
    response = log(cast.alice, product=cast.alice_product.pk, amount=3, unit="g",
                   taken_at="2026-06-15T08:00:00-04:00", reason="pain", note="after breakfast")
    assert response.status_code == 201
    assert stable(response.json()) == {
        "product": cast.alice_product.pk, "product_name": "Red vein powder", "amount": 3.0, "unit": "g",
        "taken_at": "2026-06-15T12:00:00Z", "reason": "pain", "note": "after breakfast",
        "leaf_equivalent_g": 3.0, "mitragynine_mg": 45.0, "hydroxymitragynine_mg": 0.3,
        "mitragynine_basis": "lab", "hydroxymitragynine_basis": "lab", "client_id": None,
    }
    assert Dose.objects.get(pk=response.json()["id"]).patient == cast.alice.user


def test_a_dose_without_a_time_is_logged_now(cast):
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        response = log(cast.alice, product=cast.alice_product.pk, amount=2, unit="g")
    assert (response.status_code, response.json()["taken_at"]) == (201, "2026-06-15T16:00:00Z")


def test_a_bearer_token_logs_a_dose_too(cast):
    body = {"product": cast.alice_product.pk, "amount": 1, "unit": "g"}
    response = Client().post("/api/v1/doses", body, content_type="application/json",
                             headers=cast.alice.bearer())
    assert (response.status_code, response.json()["leaf_equivalent_g"]) == (201, 1.0)


def test_reading_one_dose(cast):
    dose = Dose.objects.of(cast.alice.user).get()
    response = cast.alice.client.get(f"/api/v1/doses/{dose.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["amount"], body["reason"]) == (dose.pk, 2.5, "pain")


def test_the_list_is_newest_first_and_filters_by_span(cast):
    alice = cast.alice
    for hour in (8, 12, 10):
        log(alice, product=cast.alice_product.pk, amount=hour / 4, unit="g",
            taken_at=f"2026-06-15T{hour:02d}:00:00+00:00")
    response = alice.client.get("/api/v1/doses", {"start": "2026-06-15T09:00:00+00:00",
                                                  "end": "2026-06-15T13:00:00+00:00"})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], [dose["taken_at"] for dose in body["items"]]) == (
        2, ["2026-06-15T12:00:00Z", "2026-06-15T10:00:00Z"])


def test_the_list_is_paginated(cast):
    alice = cast.alice
    for hour in (8, 9, 10):
        log(alice, product=cast.alice_product.pk, amount=1, unit="g",
            taken_at=f"2026-06-15T{hour:02d}:00:00Z")
    first = alice.client.get("/api/v1/doses", {"page": 1, "page_size": 2}).json()
    second = alice.client.get("/api/v1/doses", {"page": 2, "page_size": 2}).json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (4, 2, 2)
    assert [d["taken_at"] for d in second["items"]] == ["2026-06-15T09:00:00Z", "2026-06-15T08:00:00Z"]


def test_a_span_that_ends_before_it_starts_is_refused(cast):
    response = cast.alice.client.get("/api/v1/doses", {"start": "2026-06-15T12:00:00Z",
                                                           "end": "2026-06-15T08:00:00Z"})
    assert (response.status_code, response.json()) == (
        422, {"detail": [{"field": "end", "message": "must be after start"}]})


def test_changing_a_dose_renormalises_it(cast):
    dose = Dose.objects.of(cast.alice.user).get()
    response = cast.alice.client.patch(f"/api/v1/doses/{dose.pk}", {"amount": 4, "note": "more"},
                                           content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["amount"], response.json()["leaf_equivalent_g"], response.json()["note"]) == (
        4.0, 4.0, "more")
    assert float(Dose.objects.get(pk=dose.pk).amount) == 4.0


def test_an_empty_change_writes_no_revision(cast):
    dose = Dose.objects.of(cast.alice.user).get()
    before = Revision.objects.count()
    response = cast.alice.client.patch(f"/api/v1/doses/{dose.pk}", {}, content_type="application/json")
    assert (response.status_code, response.json()["amount"], Revision.objects.count()) == (200, 2.5, before)


def test_deleting_a_dose_hides_it_but_keeps_its_history(cast):
    dose = Dose.objects.of(cast.alice.user).get()
    response = cast.alice.client.delete(f"/api/v1/doses/{dose.pk}")
    assert (response.status_code, response.content) == (204, b"")
    assert cast.alice.client.get(f"/api/v1/doses/{dose.pk}").status_code == 404
    assert cast.alice.client.get("/api/v1/doses").json() == {"items": [], "count": 0}
    history = cast.alice.client.get(f"/api/v1/doses/{dose.pk}/history").json()
    assert [entry["action"] for entry in history] == ["create", "delete"]


def test_the_history_says_who_changed_what_and_when(cast):
    alice = cast.alice
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        created = log(alice, product=cast.alice_product.pk, amount=3, unit="g").json()
    with time_machine.travel(NOON_IN_NEW_YORK + dt.timedelta(minutes=5), tick=False):
        alice.client.patch(f"/api/v1/doses/{created['id']}", {"amount": 4}, content_type="application/json")
    response = alice.client.get(f"/api/v1/doses/{created['id']}/history")
    assert response.status_code == 200
    history = response.json()
    assert [(e["action"], e["changed_at"], e["changed_by"]) for e in history] == [
        ("create", "2026-06-15T16:00:00Z", "alice"), ("update", "2026-06-15T16:05:00Z", "alice")]
    created, updated = history
    assert (created["before"], updated["before"]["amount"], updated["after"]["amount"]) == (None, 3.0, 4.0)
    assert updated["after"]["leaf_equivalent_g"] == 4.0
