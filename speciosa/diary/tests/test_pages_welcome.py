"""Welcome after sign-up, in three steps: where you are (time zone and place by name), what you take (a preset with
your usual amount), and your clinician (or later)."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.accounts.models import PatientProfile
from speciosa.diary.models import Product

pytestmark = pytest.mark.django_db
NEW_PATIENT = {"username": "dana", "email": "", "password1": "a quiet walk by the river",
               "password2": "a quiet walk by the river"}


@pytest.fixture
def dana() -> Client:
    client = Client()
    client.post(reverse("accounts:signup"), {**NEW_PATIENT, "time_zone": "America/Chicago"})
    return client


def test_step_one_shows_the_zone_the_browser_gave_and_saves_a_place_chosen_by_name(dana):
    page = dana.get(reverse("diary:welcome"))
    assertContains(page, "Step 1 of 3")
    assertContains(page, 'value="America/Chicago"')
    assertContains(page, '<option value="Florida, United States"></option>', html=True)
    response = dana.post(reverse("diary:welcome"), {"time_zone": "America/New_York",
                                                    "jurisdiction": "florida, united states"})
    assert (response.status_code, response["Location"]) == (302, reverse("diary:welcome_take"))
    profile = PatientProfile.objects.get(user__username="dana")
    assert (profile.time_zone, profile.jurisdiction) == ("America/New_York", "US-FL")


def test_step_one_refuses_a_zone_that_does_not_exist_beside_the_field(dana):
    response = dana.post(reverse("diary:welcome"), {"time_zone": "Mars/Olympus", "jurisdiction": ""})
    assertContains(response, "“Mars/Olympus” is not a time zone in the list.")
    assert PatientProfile.objects.get(user__username="dana").time_zone == "America/Chicago"


def test_step_two_adds_a_favourite_from_a_preset_with_the_patients_own_amount(dana):
    response = dana.post(reverse("diary:welcome_take"), {"preset": "capsules", "usual_amount": "4",
                                                         "capsule_g": "0.5"})
    assert (response.status_code, response["Location"]) == (302, reverse("diary:welcome_clinician"))
    product = Product.objects.get(patient__username="dana")
    assert (product.name, product.form, float(product.unit_mass_g), product.favourite, float(product.usual_amount),
            product.usual_unit) == ("Kratom capsules", "capsule", 0.5, True, 4.0, "capsule")
    assertContains(dana.get("/"), "Log 4 capsules of Kratom capsules")


def test_step_two_has_no_seventeen_field_form_and_suggests_no_amount(dana):
    page = dana.get(reverse("diary:welcome_take")).content.decode()
    assert page.count("<input") - page.count('type="radio"') - page.count('type="hidden"') == 2
    assert 'name="usual_amount" step="any"' in page and 'name="usual_amount" value=' not in page


def test_step_three_offers_the_invitation_or_later(dana):
    page = dana.get(reverse("diary:welcome_clinician"))
    assertContains(page, f'<a class="button primary" href="{reverse("clinic:invite")}">Invite your clinician</a>',
                   html=True)
    assertContains(page, f'<a class="button" href="{reverse("diary:today")}">Later: go to Today</a>', html=True)


def test_today_points_a_patient_without_products_to_the_presets(dana):
    assertContains(dana.get("/"), f'<a href="{reverse("diary:welcome_take")}">Add what you take</a>', html=True)
    dana.post(reverse("diary:welcome_take"), {"preset": "powder", "usual_amount": "2"})
    page = dana.get("/").content.decode()
    assert "Add what you take" not in page and "Log 2 g of Kratom leaf powder" in page
