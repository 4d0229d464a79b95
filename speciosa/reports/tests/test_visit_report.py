"""The visit report holds the figures analytics computed, fits 2-4 pages, and shows notes only when chosen."""

import datetime as dt
import shutil
import subprocess

import pytest
import time_machine

from speciosa.accounts.models import User
from speciosa.plans.domain import publish_plan
from speciosa.reports.access import Visible
from speciosa.reports.tests.story import FIRST_DAY, LAST_DAY, NOW, PRIVATE_NOTE, Expected, seed_four_weeks
from speciosa.reports.visit import ALERT_DETAILS_HIDDEN, VisitReport, build_visit_report
from speciosa.safety.queries import current_alerts
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def story(cast: Cast) -> Expected:
    return seed_four_weeks(cast.alice.user, cast.alice_product)


def visit_report(patient: User, *, include_notes: bool = False, visible: Visible | None = None) -> VisitReport:
    return build_visit_report(patient, start=FIRST_DAY, end=LAST_DAY, visible=visible or Visible.everything(),
                              generated_at=NOW, include_notes=include_notes)


def test_the_report_states_the_mean_daily_dose_the_immpact_category_the_alerts_and_the_alt_times_uln(cast, story):
    alice = cast.alice.user
    report = visit_report(alice)
    text = "\n".join(report.text)
    assert (f"Used on 28 of 28 days (56 doses). Mean daily dose {story.mean_daily_g} g leaf-equivalent on days with "
            f"leaf doses; most 6 g. Mitragynine about {story.mitragynine_mg} mg a day on days used.") in report.text
    assert ("A moderately important improvement (30% or more) by the IMMPACT benchmarks. 5 in the first week "
            "(23–29 Oct 2026), 3 in the latest (13–19 Nov 2026): 40% better") in text
    titles = [alert.clinical_title or alert.title for alert in current_alerts(alice)]
    assert titles  # gabapentin with kratom: an interaction alert
    for title in titles:
        assert title in text
    assert story.alt_times_uln in report.text
    assert "supports decisions; not medical advice" in text or "This report supports decisions" in text


def test_the_report_fills_two_to_four_a4_pages(cast, story):
    report = visit_report(cast.alice.user, include_notes=True)
    assert 2 <= report.pages <= 4
    assert report.pdf.startswith(b"%PDF-")
    assert report.filename == "visit-report-alice-2026-10-23-to-2026-11-19.pdf"


def test_notes_appear_only_when_the_patient_chooses_to_include_them(cast, story):
    alice = cast.alice.user
    assert PRIVATE_NOTE not in visit_report(alice).text
    assert PRIVATE_NOTE in visit_report(alice, include_notes=True).text


def test_a_viewer_without_the_medical_scope_gets_no_labs_or_medicines(cast, story):
    report = visit_report(cast.alice.user, visible=Visible(checkins=True, medical=False, notes=False,
                                                           alert_details=False), include_notes=True)
    words = "\n".join(report.text)  # searched as one text: an alert's message or evidence may quote them
    assert "6.25×" not in words
    assert "Gabapentin" not in words
    assert PRIVATE_NOTE not in words
    assert ALERT_DETAILS_HIDDEN in words
    assert "Not shared with you, so not shown: medicines and labs." in report.text


def test_a_patient_with_no_records_in_the_period_still_gets_a_readable_report(cast):
    report = visit_report(cast.alice.user)
    assert 1 <= report.pages <= 4
    assert "No doses recorded in the 28 days." in report.text
    assert "No liver tests recorded in this period." in report.text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_itself_holds_the_same_words(cast, story, tmp_path):
    report = visit_report(cast.alice.user)
    path = tmp_path / "report.pdf"
    path.write_bytes(report.pdf)
    extracted = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
    flat = " ".join(extracted.split())
    assert "Mean daily dose 6 g leaf-equivalent" in flat
    assert "A moderately important improvement (30% or more) by the IMMPACT benchmarks" in flat
    assert "6.25×" in flat
    assert "Red flags" in flat
    assert "INTERACTION" not in flat  # rule codes are the app's, not the reader's
    assert f"Page 1 of {report.pages}" in flat


def test_adherence_counts_the_days_over_each_days_plan_limit_and_names_the_plan_in_force(cast, story):
    alice, bob = cast.alice.user, cast.bob.user  # bob may edit alice's plan
    for published, leaf_g in ((dt.datetime(2026, 10, 22, 16, tzinfo=dt.UTC), 5),
                              (dt.datetime(2026, 11, 10, 16, tzinfo=dt.UTC), 8)):
        with time_machine.travel(published, tick=False):
            publish_plan(alice, by=bob, max_daily_leaf_g=leaf_g, max_doses_per_day=3)
    report = visit_report(alice)
    plan_row = next(text for text in report.text if text.startswith("In force"))
    assert plan_row.startswith("In force since 10 Nov 2026 (version 2): at most 8 g leaf-equivalent a day, 3 doses a "
                               "day. Over the day's limit on 18 of 28 days with a limit: 23 Oct 2026 6 g (limit 5 g),")
    assert plan_row.endswith("and 13 more.")
    assert any(text.endswith("The plan changed on 10 Nov 2026.") for text in report.text)


def test_one_liver_problem_is_one_card_with_its_advice_said_once(cast, story):
    """Several liver findings from one draw print under one heading, and the advice (which ends with the withdrawal
    warning) once, not once per finding."""
    from speciosa.core.safety.wording import STOPPING_NOTE
    from speciosa.diary.domain import record_lab
    from speciosa.safety.cards import cards_of
    from speciosa.safety.domain import evaluate_if_pending

    alice = cast.alice.user
    drawn = NOW - dt.timedelta(minutes=30)  # the latest draw: ALT 10x, bilirubin 3x, ALP normal
    record_lab(alice, by=alice, code="ALT", value=400, unit="U/L", uln=40, collected_at=drawn)
    record_lab(alice, by=alice, code="TBIL", value=3.6, unit="mg/dL", uln=1.2, collected_at=drawn)
    record_lab(alice, by=alice, code="ALP", value=100, unit="U/L", uln=120, collected_at=drawn)
    evaluate_if_pending(alice.pk)
    liver = [card for card in cards_of(current_alerts(alice)) if card.is_group]
    assert liver and len(liver[0].parts) >= 2
    text = " ".join(visit_report(alice).text)
    assert f"Possible liver injury ({len(liver[0].parts)} related findings)" in text
    assert text.count(STOPPING_NOTE) == 1
