"""The products pages: every field of a product, its content basis, and favourites with usual doses."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.diary.domain.products import PRODUCT_FIELDS
from speciosa.diary.models import Product

pytestmark = pytest.mark.django_db
CAPSULES = {"name": "Green capsules", "form": "capsule", "strain": "Green Malay", "vein": "green",
            "vendor": "Example Vendor", "batch": "B-17", "unit_mass_g": "0.5", "unit_volume_ml": "",
            "mitragynine_content": "14.5", "hydroxymitragynine_content": "0.2", "content_basis": "lab",
            "lab_name": "Example Labs", "lab_date": "2026-10-01", "lab_batch": "B-17", "favourite": "on",
            "usual_amount": "4", "usual_unit": "capsule"}


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC), tick=False):
        yield


def stored(name):
    product = Product.objects.get(name=name, deleted_at__isnull=True)
    return {field: getattr(product, field) for field in PRODUCT_FIELDS}


def assert_error_beside(response, field, message):
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}</li></ul>', html=True)


def test_the_list_shows_alices_products_only(cast):
    response = cast.alice.client.get(reverse("diary:products"))
    assertContains(response, "<strong>Red vein powder</strong>", html=True)
    assertContains(response, "Usual dose: 3 g")
    assertNotContains(response, "Charlie")


def test_a_product_is_added_with_every_field(cast):
    response = cast.alice.client.post(reverse("diary:product_new"), CAPSULES)
    assert (response.status_code, response["Location"]) == (302, reverse("diary:products"))
    assert stored("Green capsules") == {
        "name": "Green capsules", "form": "capsule", "strain": "Green Malay", "vein": "green",
        "vendor": "Example Vendor", "batch": "B-17", "unit_mass_g": Decimal("0.5"), "unit_volume_ml": None,
        "mitragynine_content": Decimal("14.5"), "hydroxymitragynine_content": Decimal("0.2"), "content_basis": "lab",
        "lab_name": "Example Labs", "lab_date": dt.date(2026, 10, 1), "lab_batch": "B-17", "favourite": True,
        "usual_amount": Decimal(4), "usual_unit": "capsule"}
    assertContains(cast.alice.client.get("/"), ">Log 4 capsules of Green capsules</button>")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"lab_name": ""}, "lab_name", "A lab-tested content needs the laboratory&#x27;s name (from the certificate); "
                                   "without the certificate, choose the self-reported lab result basis"),
    ({"unit_mass_g": ""}, "unit_mass_g", "Grams of powder per capsule are needed"),
    ({"usual_unit": "ml"}, "usual_unit", "&#x27;ml&#x27; does not fit form &#x27;capsule&#x27; (use capsule, g, mg)"),
    ({"usual_amount": "400"}, "usual_amount",
     "400 capsules is more than one dose can plausibly be (at most 100); check the amount"),
    ({"name": "Green\x00capsules"}, "name", "Null characters are not allowed."),
    ({"name": "x" * 121}, "name", "Ensure this value has at most 120 characters (it has 121)."),
    ({"lab_date": "2027-01-01"}, "lab_date", "Date of the lab test is in the future"),
])
def test_a_refused_product_shows_the_error_beside_its_field_and_stores_nothing(cast, changes, field, message):
    response = cast.alice.client.post(reverse("diary:product_new"), {**CAPSULES, **changes})
    assert response.status_code == 200
    assert_error_beside(response, field, message)
    assert Product.objects.filter(patient=cast.alice.user).count() == 1


def test_changing_a_product_shows_its_values_and_saves_the_change(cast):
    url = reverse("diary:product_edit", args=[cast.alice_product.pk])
    form = cast.alice.client.get(url)
    assertContains(form, '<input type="text" name="lab_name" value="Example Labs" maxlength="120" '
                         'aria-describedby="id_lab_name_helptext" id="id_lab_name">', html=True)
    assertContains(form, 'name="mitragynine_content" value="15"')
    values = {field: value for field, value in form.context["form"].initial.items() if value is not None}
    response = cast.alice.client.post(url, {**values, "favourite": "on", "usual_amount": "2.5"})
    assert response.status_code == 302
    assert (stored("Red vein powder")["usual_amount"], stored("Red vein powder")["favourite"]) == (2.5, True)


def test_removing_a_product_asks_first_and_keeps_its_logged_doses(cast):
    url = reverse("diary:product_delete", args=[cast.alice_product.pk])
    assertContains(cast.alice.client.get(url), "<h1>Delete Red vein powder?</h1>", html=True)
    assert cast.alice.client.post(url).status_code == 302
    shelf = cast.alice.client.get(reverse("diary:products"))
    assertContains(shelf, "Red vein powder removed from your products. Doses already logged keep it.")
    assertNotContains(shelf, "<strong>Red vein powder</strong>", html=True)
    assertContains(cast.alice.client.get("/"), "2.5 g of Red vein powder")
