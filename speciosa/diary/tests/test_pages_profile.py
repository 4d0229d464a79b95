"""The profile page: the facts the safety engine needs, saved through accounts.domain."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.accounts.models import PatientProfile

pytestmark = pytest.mark.django_db
PROFILE = {"birth_year": "1975", "sex": "female", "weight_kg": "68", "time_zone": "America/New_York",
           "jurisdiction": "us-fl", "conditions": ["fibromyalgia", "arthritis"],
           "comorbidities": ["seizure_disorder"], "goals": "Walk the dog every day", "pregnant": "on"}


def stored(user):
    return PatientProfile.objects.filter(user=user).values(
        "birth_year", "sex", "weight_kg", "pregnant", "breastfeeding", "time_zone", "jurisdiction", "conditions",
        "comorbidities", "goals").get()


def test_it_shows_alices_profile_with_conditions_as_checkboxes(cast):
    response = cast.alice.client.get(reverse("diary:profile"))
    assertContains(response, '<option value="America/New_York" selected>America/New_York</option>', html=True)
    assertContains(response, 'name="jurisdiction" value="Florida, United States"')
    assertContains(response, "<legend>Pain conditions</legend>", html=True)
    assertContains(response, '<label class="choice" for="id_conditions_0"><input type="checkbox" name="conditions" '
                             'value="fibromyalgia" id="id_conditions_0"> <span>Fibromyalgia</span></label>', html=True)


def test_saving_the_profile_stores_every_field(cast):
    response = cast.alice.client.post(reverse("diary:profile"), PROFILE)
    assert (response.status_code, response["Location"]) == (302, reverse("diary:profile"))
    profile = stored(cast.alice.user)
    assert {**profile, "weight_kg": float(profile["weight_kg"])} == {
        "birth_year": 1975, "sex": "female", "weight_kg": 68.0, "pregnant": True, "breastfeeding": False,
        "time_zone": "America/New_York", "jurisdiction": "US-FL", "conditions": ["arthritis", "fibromyalgia"],
        "comorbidities": ["seizure_disorder"], "goals": "Walk the dog every day"}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"jurisdiction": "Atlantis"}, "jurisdiction", "No place called “Atlantis” in the list. Type a few letters of "
     "your country, state or city and pick it from the suggestions."),
    ({"weight_kg": "5"}, "weight_kg", "Weight in kg must be at least 20"),
    ({"birth_year": "1850"}, "birth_year", "Expected a year such as 1975"),
    ({"time_zone": "Mars/Olympus"}, "time_zone",
     "Select a valid choice. Mars/Olympus is not one of the available choices."),
    ({"goals": "a\x00b"}, "goals", "Null characters are not allowed."),
])
def test_a_refused_profile_shows_the_error_beside_its_field_and_saves_nothing(cast, changes, field, message):
    before = stored(cast.alice.user)
    response = cast.alice.client.post(reverse("diary:profile"), {**PROFILE, **changes})
    assert response.status_code == 200
    # The start of the message: the domain's wording may grow (jurisdiction codes gained cities and counties).
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}')
    assert stored(cast.alice.user) == before


def _switch(response) -> str:
    return response.content.decode().split('name="urgent_alert_emails"')[1].split(">")[0]


def test_the_urgent_alert_email_switch_is_off_until_the_patient_turns_it_on_and_says_what_it_sends(cast):
    page = cast.alice.client.get(reverse("diary:profile"))
    assertContains(page, '<label for="id_urgent_alert_emails">E-mail me when one of my alerts is urgent</label>',
                   html=True)
    assertContains(page, "The e-mail says only that there is an urgent alert, with a link — no health details. "
                         "It goes to alice@example.org.")
    assert "checked" not in _switch(page)
    saved = cast.alice.client.post(reverse("diary:profile"), {**PROFILE, "urgent_alert_emails": "on"})
    assert saved.status_code == 302
    assert PatientProfile.objects.get(user=cast.alice.user).urgent_alert_emails is True
    assert "checked" in _switch(cast.alice.client.get(reverse("diary:profile")))
    cast.alice.client.post(reverse("diary:profile"), PROFILE)  # saved with the rest: unticked is off
    assert PatientProfile.objects.get(user=cast.alice.user).urgent_alert_emails is False


def test_a_patient_without_an_address_is_told_that_no_email_can_be_sent(cast):
    cast.alice.user.email = ""
    cast.alice.user.save(update_fields=["email"])
    assertContains(cast.alice.client.get(reverse("diary:profile")),
                   "Your account has no e-mail address, so no e-mail can be sent yet.")
