"""A patient answers the PEG on a phone by tapping its radio groups, sees the score (on the results page and on the
chart page), and the pages pass axe."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from speciosa.instruments.domain import set_schedule
from speciosa.testing import PASSWORD, make_patient

from .signing_in import sign_in
from .test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_patient_answers_the_peg_from_the_today_page_and_sees_the_score(tab: Page) -> None:
    tab.set_viewport_size({"width": 390, "height": 844})
    alice = make_patient("alice")
    set_schedule(alice, entries={"peg": "weekly"})
    sign_in(tab, "alice", PASSWORD)
    tab.goto("/")
    tab.get_by_test_id("questionnaires-due").get_by_role("link", name="PEG").click()
    for question, answer in (("pain on average", "6"), ("enjoyment of life", "7"), ("general activity", "4")):
        group = tab.get_by_role("group", name=question)
        group.get_by_role("radio", name=answer, exact=True).check()
    tab.get_by_role("button", name="Save answers").click()
    tab.wait_for_url("**/questionnaires/results/")
    assert "Your score: 5.67" in tab.get_by_role("status").inner_text()
    assert "5.67" in tab.get_by_test_id("score-history").inner_text()
    tab.goto("/")
    assert tab.get_by_test_id("questionnaires-due").count() == 0
    tab.get_by_role("link", name="Charts").click()
    scores = tab.get_by_test_id("chart-scores")
    assert "PEG" in scores.inner_text() and "PEG: 1 answered, latest 5.7" in scores.inner_text()
    assert scores.locator("svg").count() == 1


def test_the_questionnaire_pages_have_no_serious_or_critical_accessibility_violation(tab: Page) -> None:
    make_patient("alice")
    sign_in(tab, "alice", PASSWORD)
    axe = Axe()
    found: list[str] = []
    for path in ("/questionnaires/", "/questionnaires/peg/", "/questionnaires/phq4/", "/questionnaires/dsm5-kud/",
                 "/questionnaires/results/", "/questionnaires/settings/", "/questionnaires/support/",
                 "/safety/rules/"):
        response = tab.goto(path)
        assert response is not None and response.ok, path
        found += blocking_violations(tab, axe, path)
    assert found == [], "\n".join(found)
