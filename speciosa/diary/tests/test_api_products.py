"""A patient's products through the API: the shelf, its changes, and the one-tap log of a usual dose."""

import pytest
from django.http import HttpResponse

from speciosa.diary.models import Dose, Product, Revision
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db

VOLATILE = {"id", "created_at", "updated_at"}
CAPSULES = {"name": "Green capsules", "form": "capsule", "unit_mass_g": 0.5, "vendor": "Example Botanicals",
            "favourite": True, "usual_amount": 4, "usual_unit": "capsule"}


def stable(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in VOLATILE}


def add(persona: Persona, body: dict) -> HttpResponse:
    return persona.client.post("/api/v1/products", body, content_type="application/json")


def test_a_patient_adds_a_product_and_reads_it_back(cast):
    response = add(cast.alice, CAPSULES)
    assert response.status_code == 201
    expected = {
        "name": "Green capsules", "form": "capsule", "strain": "", "vein": "", "vendor": "Example Botanicals",
        "batch": "", "unit_mass_g": 0.5, "unit_volume_ml": None, "mitragynine_content": None,
        "hydroxymitragynine_content": None, "content_basis": "default", "lab_tested": False, "lab_name": "",
        "lab_date": None, "lab_batch": "", "favourite": True, "usual_amount": 4.0, "usual_unit": "capsule",
    }
    assert stable(response.json()) == expected
    again = cast.alice.client.get(f"/api/v1/products/{response.json()['id']}")
    assert (again.status_code, stable(again.json())) == (200, expected)


def test_the_shelf_lists_newest_first(cast):
    add(cast.alice, CAPSULES)
    response = cast.alice.client.get("/api/v1/products")
    assert response.status_code == 200
    assert ([p["name"] for p in response.json()["items"]], response.json()["count"]) == (
        ["Green capsules", "Red vein powder"], 2)


def test_changing_the_content_renormalises_the_logged_doses(cast):
    product = cast.alice_product
    response = cast.alice.client.patch(f"/api/v1/products/{product.pk}", {"mitragynine_content": 20},
                                           content_type="application/json")
    assert (response.status_code, response.json()["mitragynine_content"]) == (200, 20.0)
    dose = Dose.objects.of(cast.alice.user).get()
    assert dose.mitragynine_mg == 50.0  # 2.5 g at 20 mg/g


def test_a_form_change_that_no_logged_dose_fits_is_refused_whole(cast):
    product = cast.alice_product
    response = cast.alice.client.patch(f"/api/v1/products/{product.pk}",
                                           {"form": "shot", "mitragynine_content": 5, "usual_amount": None,
                                            "usual_unit": ""}, content_type="application/json")
    assert response.status_code == 422
    assert Product.objects.get(pk=product.pk).form == "powder"


def test_deleting_a_product_takes_it_off_the_shelf_and_keeps_its_doses(cast):
    product = cast.alice_product
    response = cast.alice.client.delete(f"/api/v1/products/{product.pk}")
    assert (response.status_code, response.content) == (204, b"")
    assert cast.alice.client.get(f"/api/v1/products/{product.pk}").status_code == 404
    assert cast.alice.client.get("/api/v1/products").json() == {"items": [], "count": 0}
    assert cast.alice.client.get("/api/v1/doses").json()["items"][0]["product_name"] == "Red vein powder"


def test_quick_log_logs_the_usual_dose(cast):
    product = cast.alice_product
    response = cast.alice.client.post(f"/api/v1/products/{product.pk}/quick-log",
                                          content_type="application/json")
    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("product", "amount", "unit", "leaf_equivalent_g")} == {
        "product": product.pk, "amount": 3.0, "unit": "g", "leaf_equivalent_g": 3.0}


def test_quick_log_takes_an_earlier_time(cast):
    response = cast.alice.client.post(f"/api/v1/products/{cast.alice_product.pk}/quick-log",
                                           {"taken_at": "2026-06-15T08:00:00-04:00"},
                                           content_type="application/json")
    assert (response.status_code, response.json()["taken_at"]) == (201, "2026-06-15T12:00:00Z")


def test_quick_log_of_a_product_without_a_usual_dose_is_refused(cast):
    plain = add(cast.alice, {"name": "Plain leaf", "form": "powder"}).json()
    before = Dose.objects.count()
    response = cast.alice.client.post(f"/api/v1/products/{plain['id']}/quick-log",
                                          content_type="application/json")
    assert (response.status_code, response.json()) == (
        422, {"detail": [{"field": "product", "message": "Plain leaf has no usual dose set"}]})
    assert Dose.objects.count() == before


def test_an_empty_change_writes_no_revision(cast):
    before = Revision.objects.count()
    response = cast.alice.client.patch(f"/api/v1/products/{cast.alice_product.pk}", {},
                                           content_type="application/json")
    assert (response.status_code, Revision.objects.count()) == (200, before)
