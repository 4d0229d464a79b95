"""Logging, changing and deleting a dose through the pages, and reading its history."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.diary.models import Dose

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)  # noon in New York, alice's zone


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


def dose_values(patient):
    return list(Dose.objects.of(patient).order_by("taken_at")
                .values_list("product__name", "amount", "unit", "taken_at", "reason", "note"))


def a_dose(cast, **changes):
    return {"product": cast.alice_product.pk, "amount": "3", "unit": "g", "taken_at": "2026-11-20T08:30",
            "reason": "pain", "note": "", **changes}


def assert_error_beside(response, field, message):
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}</li></ul>', html=True)
    assertContains(response, f'aria-describedby="id_{field}_error"')


def test_the_form_offers_alices_products_and_the_time_now_in_her_zone(cast):
    response = cast.alice.client.get(reverse("diary:dose_new"))
    assertContains(response, f'<option value="{cast.alice_product.pk}" selected>Red vein powder</option>',
                   html=True)
    assertContains(response, 'value="2026-11-20T12:00"')
    assertContains(response, '<label for="id_taken_at">Time taken</label>', html=True)
    assert "Charlie" not in response.content.decode()


def test_a_logged_time_is_read_in_the_patients_time_zone(cast):
    alice = cast.alice.user
    response = cast.alice.client.post(reverse("diary:dose_new"), a_dose(cast, note="with breakfast"))
    assert (response.status_code, response["Location"]) == (302, "/")
    eight_thirty_in_new_york = dt.datetime(2026, 11, 20, 13, 30, tzinfo=dt.UTC)
    assert dose_values(alice) == [
        ("Red vein powder", 3, "g", eight_thirty_in_new_york, "pain", "with breakfast"),
        ("Red vein powder", 2.5, "g", NOW - dt.timedelta(hours=1), "pain", ""),
    ]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"amount": "500"}, "amount",
     "500 g is more than one dose can plausibly be (at most 100 g); check the amount and unit"),
    ({"unit": "ml"}, "unit", "&#x27;ml&#x27; does not fit form &#x27;powder&#x27; (use g, mg)"),
    ({"note": "before\x00after"}, "note", "Null characters are not allowed."),
    ({"amount": "-1"}, "amount", "Amount must be greater than 0"),
    ({"amount": "lots"}, "amount", "Enter a number."),
    ({"taken_at": "2026-11-21T08:30"}, "taken_at", "2026-11-21T08:30:00-05:00 is in the future"),
    ({"taken_at": ""}, "taken_at", "This field is required."),
])
def test_a_refused_dose_shows_the_error_beside_its_field_and_stores_nothing(cast, changes, field, message):
    before = dose_values(cast.alice.user)
    response = cast.alice.client.post(reverse("diary:dose_new"), a_dose(cast, **changes))
    assert response.status_code == 200
    assert_error_beside(response, field, message)
    assert dose_values(cast.alice.user) == before


def test_another_patients_product_cannot_be_chosen(cast):
    response = cast.alice.client.post(reverse("diary:dose_new"),
                                          a_dose(cast, product=cast.charlie_product.pk))
    assert_error_beside(response, "product",
                        "Select a valid choice. That choice is not one of the available choices.")
    assert Dose.objects.count() == 2


def test_changing_a_dose_keeps_the_earlier_values_in_its_history(cast):
    alice = cast.alice.user
    dose = Dose.objects.of(alice).get()
    edit = cast.alice.client.get(reverse("diary:dose_edit", args=[dose.pk]))
    assertContains(edit, 'value="2.5"')
    assertContains(edit, 'value="2026-11-20T11:00"')
    response = cast.alice.client.post(reverse("diary:dose_edit", args=[dose.pk]),
                                          a_dose(cast, amount="4", taken_at="2026-11-20T11:00"))
    assert response.status_code == 302
    assert dose_values(alice) == [("Red vein powder", 4, "g", NOW - dt.timedelta(hours=1), "pain", "")]
    history = cast.alice.client.get(reverse("diary:dose_history", args=[dose.pk]))
    assertContains(history, '<tr><th scope="row">Amount</th><td>2.5</td><td>4</td></tr>', html=True)
    assertContains(history, "<strong>Created</strong>", html=True)


def test_a_dose_is_deleted_only_after_confirming_with_a_post(cast):
    alice = cast.alice.user
    dose = Dose.objects.of(alice).get()
    url = reverse("diary:dose_delete", args=[dose.pk])
    confirm = cast.alice.client.get(url)
    assertContains(confirm, '<button type="submit" class="danger">Delete</button>', html=True)
    assert Dose.objects.of(alice).count() == 1
    response = cast.alice.client.post(url)
    assert (response.status_code, Dose.objects.of(alice).count()) == (302, 0)
    assertContains(cast.alice.client.get("/"), "No doses logged today.")


def test_a_refused_change_leaves_the_dose_as_it_was(cast):
    alice = cast.alice.user
    before = dose_values(alice)
    dose = Dose.objects.of(alice).get()
    response = cast.alice.client.post(reverse("diary:dose_edit", args=[dose.pk]), a_dose(cast, unit="ml"))
    assert_error_beside(response, "unit", "&#x27;ml&#x27; does not fit form &#x27;powder&#x27; (use g, mg)")
    assert dose_values(alice) == before
