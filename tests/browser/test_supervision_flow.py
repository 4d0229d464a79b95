"""Supervision end to end in Chromium: a patient invites, a clinician accepts behind two-factor sign-in, finds the
patient at the top of the panel because of an urgent alert, acknowledges it with a note; the patient revokes and the
clinician's next request for that patient is refused; the patient reads the clinician's note on her alert and answers,
and cannot change his words. And the demo's clinician signs in with the key the demo prints, finds the urgent patient
first with the problem named, opens the summary and edits the plan: a bad submission shows every error at once, and
a changed limit keeps the questionnaire schedule it did not touch."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, expect

from speciosa.accounts.models import User
from speciosa.clinic.testing import share
from speciosa.demo import CLINICIAN, DEMO_PASSWORD, load_demo
from speciosa.diary.domain import record_dose, record_lab
from speciosa.plans.models import PlanVersion
from speciosa.safety.models import StoredAlert
from speciosa.testing import (
    PASSWORD,
    current_code,
    enrol_authenticator,
    make_clinician,
    make_patient,
    make_powder,
)

from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_accept_with_two_factor_triage_acknowledge_then_revoke(tab: Page, chromium: Browser,
                                                                      live_server) -> None:
    alice = make_patient("alice")
    product = make_powder(alice)
    now = timezone.now()
    record_dose(alice, product=product, amount=4, unit="g", taken_at=now - dt.timedelta(days=2), by=alice)
    record_lab(alice, by=alice, code="ALT", value=400, unit="U/L", uln=40, collected_at=now - dt.timedelta(days=1))
    bob = make_clinician("bob")
    device = enrol_authenticator(bob)
    calm = make_patient("charlie")  # shared earlier, no alert: alice must come first because of hers
    share(calm, bob, scopes=["diary"])

    # The patient invites, sharing everything read-only, and reads the one-time code.
    sign_in(tab, "alice", PASSWORD)
    tab.goto("/clinic/sharing/new/")
    tab.get_by_role("button", name="Create the invitation").click()
    code = tab.get_by_test_id("invite-code").inner_text().strip()

    # The clinician signs in with password and authenticator code, then accepts.
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    clinician = context.new_page()
    sign_in(clinician, "bob", PASSWORD)
    clinician.get_by_label("Code").fill(current_code(device))
    clinician.get_by_role("button", name="Continue").click()
    clinician.wait_for_url(lambda url: "two-factor" not in url and "verify" not in url)
    clinician.goto("/clinic/accept/")
    clinician.get_by_label("Invitation code").fill(code)
    clinician.get_by_role("button", name="Accept").click()

    # The panel puts alice first because of her urgent alert.
    clinician.goto("/clinic/")
    rows = clinician.locator("table.panel tbody tr")
    assert rows.first.get_attribute("data-testid") == "panel-row-alice"
    assert "Urgent" in rows.first.inner_text() and "Liver: ALT 10×ULN" in rows.first.inner_text()
    # On a phone each patient is a card: every figure is on the screen, none off to the right.
    clinician.set_viewport_size({"width": 390, "height": 844})
    assert clinician.evaluate("document.documentElement.scrollWidth") <= 390
    for cell in rows.first.locator("td").all():
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert clinician.evaluate("getComputedStyle(document.querySelector('table.panel td[data-label]'), '::before')"
                              ".content") == '"New since your review: "'
    clinician.set_viewport_size({"width": 1280, "height": 800})
    rows.first.get_by_role("link", name="alice").click()
    patient_url = clinician.url
    alert = clinician.get_by_test_id("alert-LIVER_INJURY")
    alert.get_by_role("link", name="Evidence, acknowledge or resolve").click()
    clinician.get_by_label("Note").fill("Called alice: stopped kratom, repeat LFTs on Friday.")
    clinician.get_by_role("button", name="Acknowledge").click()
    clinician.wait_for_load_state()
    stored = StoredAlert.objects.get(patient=alice, code="LIVER_INJURY")
    assert stored.status == "acknowledged"
    assert stored.acknowledged_by_id == bob.pk
    assert stored.entries.filter(author=bob, kind="acknowledged", text__contains="repeat LFTs").exists()

    # The patient reads the clinician's words on her alert page and answers; she cannot change what he wrote.
    tab.goto(f"/safety/alerts/{stored.pk}/")
    entries = tab.get_by_test_id("alert-entry")
    assert "repeat LFTs on Friday" in entries.first.inner_text() and "(clinician)" in entries.first.inner_text()
    assert tab.get_by_text("Change your note").count() == 0
    tab.get_by_role("form", name="Add a comment").get_by_role("textbox").fill("ok")
    tab.get_by_role("button", name="Add comment").click()
    tab.wait_for_load_state()
    texts = [entry.inner_text() for entry in tab.get_by_test_id("alert-entry").all()]
    assert len(texts) == 2 and "repeat LFTs on Friday" in texts[0] and texts[1].startswith("You")
    assert stored.entries.get(author=bob).text == "Called alice: stopped kratom, repeat LFTs on Friday."
    # ...and the clinician sees both, his own first, with his attribution intact.
    clinician.goto(f"{patient_url}alerts/{stored.pk}/")
    both = [entry.inner_text() for entry in clinician.get_by_test_id("alert-entry").all()]
    assert len(both) == 2 and both[0].startswith("You") and "repeat LFTs" in both[0] and "ok" in both[1]

    # The patient stops sharing; the clinician's next request for her is refused.
    tab.goto("/clinic/sharing/")
    tab.get_by_role("link", name="Stop sharing with bob").click()
    tab.get_by_role("button", name="Stop sharing").click()
    response = clinician.goto(patient_url)
    assert response is not None and response.status == 403
    assert "Liver" not in clinician.content()
    clinician.goto("/clinic/")
    assert clinician.get_by_test_id("panel-row-alice").count() == 0
    context.close()


def test_the_demo_clinician_signs_in_with_the_printed_key_and_finds_the_urgent_patient_first(tab: Page) -> None:
    summary = load_demo(patients=16, min_days=30, max_days=40)
    key = summary.authenticator_key.replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))

    sign_in(tab, CLINICIAN, DEMO_PASSWORD)
    tab.get_by_label("Code").fill(str(totp(secret)).zfill(6))
    tab.get_by_role("button", name="Continue").click()
    tab.wait_for_url(lambda url: "two-factor" not in url and "verify" not in url)

    tab.goto("/clinic/")
    first = tab.locator("table.panel tbody tr").first
    assert first.get_attribute("data-testid") == "panel-row-patient02"
    problem = first.get_by_test_id("top-problem").inner_text()
    assert "Urgent" in problem and "Liver: ALT" in problem and "×ULN" in problem
    name = User.objects.get(username="patient02").get_full_name()  # the demo's patients have (invented) names
    assert name and name in first.inner_text()
    first.get_by_role("link", name=name).click()
    tab.wait_for_url("**/clinic/patients/*/**")
    assert tab.get_by_role("heading", level=1).inner_text().startswith(name)
    summary_box = tab.get_by_test_id("patient-summary")
    assert "Liver: ALT" in summary_box.get_by_test_id("summary-problems").inner_text()
    assert "×ULN" in summary_box.inner_text() and "leaf-equivalent" in summary_box.inner_text()
    assert tab.get_by_test_id("tab-plan").is_visible() and tab.get_by_test_id("tab-report").is_visible()
    tab.get_by_test_id("tab-plan").click()  # a link: the Plan tab is a new page, so wait for it
    tab.wait_for_url("**tab=plan*")
    expect(tab.get_by_role("link", name="Open the plan editor")).to_be_visible()

    # The plan editor: a bad submission shows every error at once, and nothing is saved.
    patient = User.objects.get(username="patient02")
    before = PlanVersion.objects.filter(patient=patient).order_by("-version").first()
    assert before is not None and before.instrument_schedule.get("phq4") == "biweekly"
    tab.get_by_role("link", name="Open the plan editor").click()
    tab.get_by_label("Most leaf-equivalent a day (g)").fill("-1")
    tab.get_by_label("Liver tests every (days)").fill("0")
    tab.get_by_label("Review the plan on").fill((dt.date.today() - dt.timedelta(days=3)).isoformat())
    tab.get_by_role("button", name="Publish this version").click()
    errors = tab.get_by_test_id("error-summary")
    expect(errors).to_be_visible()  # the answer to the submission has arrived (count() alone does not wait)
    assert errors.get_by_role("link").count() >= 3
    assert PlanVersion.objects.filter(patient=patient).count() == before.version

    # Then one limit changed: the new version keeps the questionnaire schedule the clinician did not touch.
    tab.get_by_label("Most leaf-equivalent a day (g)").fill("8")
    tab.get_by_label("Liver tests every (days)").fill("30")
    tab.get_by_label("Review the plan on").fill((dt.date.today() + dt.timedelta(days=28)).isoformat())
    tab.get_by_role("button", name="Publish this version").click()
    tab.wait_for_load_state()
    after = PlanVersion.objects.filter(patient=patient).order_by("-version").first()
    assert after is not None and after.version == before.version + 1 and float(after.max_daily_leaf_g) == 8
    assert after.instrument_schedule == before.instrument_schedule
