"""A calendar day through the API: its totals and its doses, counted in the patient's own time zone."""

import datetime as dt

import pytest
import time_machine

from speciosa.diary.models import Product
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db

NOON_IN_NEW_YORK = dt.datetime(2026, 6, 15, 16, 0, tzinfo=dt.UTC)  # 12:00 EDT


def log(persona: Persona, product: Product, amount: float, taken_at: str) -> dict:
    response = persona.client.post("/api/v1/doses", {"product": product.pk, "amount": amount, "unit": "g",
                                                     "taken_at": taken_at}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_today_gives_the_totals_and_the_doses_of_the_local_day(cast):
    alice, product = cast.alice, cast.alice_product
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        log(alice, product, 3, "2026-06-15T08:00:00-04:00")
        log(alice, product, 2, "2026-06-15T11:00:00-04:00")
        log(alice, product, 4, "2026-06-14T22:00:00-04:00")  # yesterday evening: not today
        response = alice.client.get("/api/v1/today")
    assert response.status_code == 200
    body = response.json()
    assert (body["time_zone"], body["totals"]) == ("America/New_York", {
        "day": "2026-06-15", "doses": 2, "leaf_equivalent_g": 5.0, "mitragynine_mg": 75.0,
        "hydroxymitragynine_mg": 0.5, "any_default_content": False})
    assert [(d["taken_at"], d["amount"]) for d in body["doses"]] == [
        ("2026-06-15T15:00:00Z", 2.0), ("2026-06-15T12:00:00Z", 3.0)]


def test_a_dose_after_midnight_utc_belongs_to_the_local_evening(cast):
    alice, product = cast.alice, cast.alice_product
    with time_machine.travel(NOON_IN_NEW_YORK + dt.timedelta(days=2), tick=False):
        log(alice, product, 3, "2026-06-16T03:00:00Z")  # 23:00 on the 15th in New York
        evening = alice.client.get("/api/v1/days/2026-06-15").json()
        next_day = alice.client.get("/api/v1/days/2026-06-16").json()
    assert (evening["totals"]["doses"], evening["totals"]["leaf_equivalent_g"]) == (1, 3.0)
    assert (next_day["totals"]["doses"], next_day["doses"]) == (0, [])


def test_a_day_with_a_default_content_product_says_so(cast):
    alice = cast.alice
    plain = alice.client.post("/api/v1/products", {"name": "Plain leaf", "form": "powder"},
                              content_type="application/json").json()
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        alice.client.post("/api/v1/doses", {"product": plain["id"], "amount": 2, "unit": "g"},
                          content_type="application/json")
        totals = alice.client.get("/api/v1/today").json()["totals"]
    assert (totals["doses"], totals["any_default_content"]) == (1, True)


@pytest.mark.parametrize(("day", "message"), [
    ("2199-01-01", "is in the future"),
    ("2999-01-01", "must be between the years 1900 and 2200"),
    ("1850-01-01", "must be between the years 1900 and 2200"),
])
def test_a_day_out_of_reach_is_refused(cast, day, message):
    response = cast.alice.client.get(f"/api/v1/days/{day}")
    expected = {"detail": [{"field": "day", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)


def test_a_day_that_is_not_a_date_is_refused(cast):
    response = cast.alice.client.get("/api/v1/days/2026-02-30")
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == ["day"]
