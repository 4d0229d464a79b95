"""The clinician's word reaches Today: a card for a note written since the patient last read their notes, and one
for a plan version the patient has not read."""

import pytest
from django.urls import reverse

from speciosa.clinic.domain import write_note
from speciosa.plans.domain import acknowledge_plan, publish_plan

pytestmark = pytest.mark.django_db


def test_a_new_note_shows_on_today_until_the_patient_opens_their_notes(cast):
    alice = cast.alice.user
    assert 'data-testid="new-note"' not in cast.alice.client.get("/").content.decode()
    write_note(alice, author=cast.bob.user, text="Please repeat the liver tests on Friday.")
    page = cast.alice.client.get("/").content.decode()
    card = page[page.find('data-testid="new-note"'):]
    assert "A new note from your clinician" in card and "Please repeat the liver tests on Friday." in card
    assert f'href="{reverse("clinic:sharing")}#notes-heading"' in card

    cast.alice.client.get(reverse("clinic:sharing"))
    assert 'data-testid="new-note"' not in cast.alice.client.get("/").content.decode()


def test_a_note_on_alice_never_shows_on_another_patients_today(cast):
    write_note(cast.alice.user, author=cast.bob.user, text="Alice only: repeat the liver tests.")
    page = cast.charlie.client.get("/").content.decode()
    assert ("Alice only" not in page, 'data-testid="new-note"' not in page) == (True, True)


def test_a_new_plan_version_has_its_own_card_until_the_patient_reads_it(cast):
    version = publish_plan(cast.alice.user, by=cast.bob.user, max_daily_leaf_g=8)
    page = cast.alice.client.get("/").content.decode()
    assert 'data-testid="new-plan-version"' in page and "Your clinician changed your plan" in page
    acknowledge_plan(version, by=cast.alice.user)
    assert 'data-testid="new-plan-version"' not in cast.alice.client.get("/").content.decode()
