"""The Today page: one-tap logging of favourites and today's totals."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.diary.domain import create_product, record_dose
from speciosa.diary.models import Dose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_today_shows_alices_quick_log_button_totals_and_doses(cast):
    response = cast.alice.client.get(reverse("diary:today"))
    assertContains(response, '<button type="submit" class="primary big">Log 3 g of Red vein powder</button>',
                   html=True)
    assertContains(response, """<dl><div><dt>Doses</dt><dd>1</dd></div>
        <div><dt>Leaf</dt><dd>2.5 g leaf-equivalent</dd></div>
        <div><dt>Mitragynine</dt><dd>37.5 mg</dd></div>
        <div><dt>7-OH</dt><dd>0.25 mg</dd></div></dl>""", html=True)
    assertContains(response, "<p><strong>11:00</strong> 2.5 g of Red vein powder · Pain</p>", html=True)
    assertNotContains(response, "documented default")


def test_quick_log_adds_exactly_one_dose_and_todays_total_reflects_it(cast):
    url = reverse("diary:quick_log", args=[cast.alice_product.pk])
    response = cast.alice.client.post(url)
    assert (response.status_code, response["Location"]) == (302, "/")
    doses = list(Dose.objects.of(cast.alice.user).order_by("taken_at").values_list("amount", "unit"))
    assert doses == [(2.5, "g"), (3, "g")]
    page = cast.alice.client.get("/")
    assertContains(page, "Logged 3 g of Red vein powder at 12:00.")
    assertContains(page, "<dd>5.5 g leaf-equivalent</dd>", html=True)


def test_quick_log_takes_posts_only(cast):
    url = reverse("diary:quick_log", args=[cast.alice_product.pk])
    assert cast.alice.client.get(url).status_code == 405
    assert Dose.objects.of(cast.alice.user).count() == 1


def test_a_product_that_is_not_a_favourite_has_no_quick_log(cast):
    alice = cast.alice.user
    plain = create_product(alice, by=alice, name="Plain capsules", form="capsule", unit_mass_g=0.5)
    assertNotContains(cast.alice.client.get("/"), "Plain capsules")
    assert cast.alice.client.post(reverse("diary:quick_log", args=[plain.pk])).status_code == 404


def test_it_says_when_a_figure_rests_on_a_documented_default(cast):
    alice = cast.alice.user
    unlabelled = create_product(alice, by=alice, name="Unlabelled green", form="powder")
    record_dose(alice, product=unlabelled, amount=2, unit="g", by=alice)
    response = cast.alice.client.get("/")
    assertContains(response, "rest on a documented default for the product's form, not on a lab")
    assertContains(response, "<dd>4.5 g leaf-equivalent</dd>", html=True)


def test_a_7oh_product_is_counted_in_7oh_only(cast):
    alice = cast.alice.user
    tablets = create_product(alice, by=alice, name="7-OH tablets", form="7oh_product", unit_mass_g=0.1,
                             mitragynine_content=5, hydroxymitragynine_content=150, content_basis="label")
    record_dose(alice, product=tablets, amount=1, unit="tablet", by=alice)
    response = cast.alice.client.get("/")
    assertContains(response, "Concentrated 7-OH products have no leaf-equivalent")
    assertContains(response, "<dd>2.5 g leaf-equivalent</dd>", html=True)
    assertContains(response, "<dd>15.25 mg</dd>", html=True)


def test_a_clinician_landing_on_today_is_sent_to_their_panel(cast):
    response = cast.bob.client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/clinic/")
