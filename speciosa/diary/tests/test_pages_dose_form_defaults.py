"""The dose form starts from the last product used with its unit, keeps the unit in step with the product, and asks
before logging the same dose twice within two minutes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.diary.domain import create_product, record_dose
from speciosa.diary.models import Dose

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def capsules(cast):
    alice = cast.alice.user
    return create_product(alice, by=alice, name="Amber capsules", form="capsule", unit_mass_g=0.5,
                          usual_amount=4, usual_unit="capsule")


def test_the_form_starts_from_the_product_used_last_not_the_first_by_name(cast, capsules):
    alice = cast.alice.user
    record_dose(alice, product=capsules, amount=2, unit="capsule", taken_at=NOW - dt.timedelta(minutes=5), by=alice)
    response = cast.alice.client.get(reverse("diary:dose_new"))
    assertContains(response, f'<option value="{capsules.pk}" selected>Amber capsules</option>', html=True)
    assertContains(response, '<option value="capsule" selected>capsules</option>', html=True)
    assertContains(response, 'name="amount" value="4"')


def test_the_page_tells_its_script_the_units_of_each_product(cast, capsules):
    page = cast.alice.client.get(reverse("diary:dose_new")).content.decode()
    assert (f'&quot;{capsules.pk}&quot;:{{&quot;units&quot;:[&quot;capsule&quot;,&quot;g&quot;,&quot;mg&quot;],&quot;usual_unit&quot;:'
            f'&quot;capsule&quot;,&quot;usual_amount&quot;:&quot;4&quot;}}') in page
    assert '<script src="/static/speciosa/dose-form.js" defer></script>' in page


def test_a_unit_left_from_another_product_is_refused_and_the_form_comes_back_in_the_products_unit(cast, capsules):
    response = cast.alice.client.post(reverse("diary:dose_new"), {
        "product": cast.alice_product.pk, "amount": "3", "unit": "capsule", "taken_at": "2026-11-20T11:55"})
    assert response.status_code == 200
    assertContains(response, "&#x27;capsule&#x27; does not fit form &#x27;powder&#x27; (use g, mg)")
    assertContains(response, '<option value="g" selected>g</option>', html=True)
    assert Dose.objects.of(cast.alice.user).count() == 1


def test_the_same_dose_again_within_two_minutes_asks_first(cast):
    alice = cast.alice.user
    dose = {"product": cast.alice_product.pk, "amount": "3", "unit": "g", "taken_at": "2026-11-20T11:59"}
    cast.alice.client.post(reverse("diary:dose_new"), dose)
    with time_machine.travel(NOW + dt.timedelta(seconds=60), tick=False):
        asked = cast.alice.client.post(reverse("diary:dose_new"), dose)
        assertContains(asked, "<strong>You logged this 1 minute ago</strong>", html=True)
        assertContains(asked, '<input type="hidden" name="confirmed" value="1">', html=True)
        assert Dose.objects.of(alice).count() == 2
        again = cast.alice.client.post(reverse("diary:dose_new"), {**dose, "confirmed": "1"})
    assert (again.status_code, Dose.objects.of(alice).count()) == (302, 3)


def test_a_different_amount_is_not_a_repeat(cast):
    dose = {"product": cast.alice_product.pk, "amount": "3", "unit": "g", "taken_at": "2026-11-20T11:59"}
    cast.alice.client.post(reverse("diary:dose_new"), dose)
    response = cast.alice.client.post(reverse("diary:dose_new"), {**dose, "amount": "1"})
    assert (response.status_code, Dose.objects.of(cast.alice.user).count()) == (302, 3)
