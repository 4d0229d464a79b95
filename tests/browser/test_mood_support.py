"""A PHQ-4 of 12 on a phone lands on the supportive page: next steps and the crisis line of the patient's place, and
the clinician they share with is told by the mood alert."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from speciosa.safety.domain import reevaluate
from speciosa.safety.models import StoredAlert
from speciosa.testing import PASSWORD, make_clinician, make_patient, share

from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = ("Feeling nervous, anxious or on edge", "Not being able to stop or control worrying",
         "Little interest or pleasure in doing things", "Feeling down, depressed or hopeless")


def _answer_phq4(tab: Page, answer: str) -> None:
    tab.goto("/questionnaires/phq4/")
    for item in ITEMS:
        tab.get_by_role("group", name=item).get_by_role("radio", name=answer, exact=True).check()
    tab.get_by_role("button", name="Save answers").click()


def test_a_phq4_of_12_on_a_phone_shows_the_crisis_line_of_the_patients_place(tab: Page) -> None:
    tab.set_viewport_size({"width": 390, "height": 844})
    alice = make_patient("alice", jurisdiction="US-FL")
    share(alice, make_clinician("dr_bob"))
    sign_in(tab, "alice", PASSWORD)
    _answer_phq4(tab, "Nearly every day")

    tab.wait_for_url("**/questionnaires/support/")
    assert "a lot of worry and low mood" in tab.get_by_test_id("mood-result").inner_text()
    crisis = tab.get_by_test_id("crisis-resources")
    assert "988 Suicide & Crisis Lifeline" in crisis.inner_text()
    call = crisis.get_by_role("link", name="Call 988")
    assert call.get_attribute("href") == "tel:988"
    box = call.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390  # on the phone's screen, not cut off
    assert crisis.get_by_role("link", name="Text 988").get_attribute("href") == "sms:988"
    assert "Contact your clinician today" in tab.get_by_role("heading", name="What to do next").locator(
        "xpath=..").inner_text()
    assert "will see an alert" in tab.get_by_test_id("clinician-told").inner_text()

    reevaluate(alice)  # the queue ran it at commit already; once more is harmless and makes the read certain
    [alert] = StoredAlert.objects.filter(patient=alice, code="MOOD_SCREEN_POSITIVE")
    assert (alert.severity, "total 12 of 12" in alert.clinical_message) == ("urgent", True)


def test_a_negative_phq4_keeps_the_score_message_and_goes_to_the_results(tab: Page) -> None:
    make_patient("alice", jurisdiction="GB")
    sign_in(tab, "alice", PASSWORD)
    _answer_phq4(tab, "Not at all")
    tab.wait_for_url("**/questionnaires/results/")
    assert "Your score: 0" in tab.get_by_role("status").inner_text()
