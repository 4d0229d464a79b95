"""Issue 14, item 6: the visit report reads as a clinician needs it before a visit.

Red flags first, in clinical words, with no internal codes; the patient named; the baseline inside the period; no
category from too few ratings; sources a reader can follow; and the same file from the patient page and the API.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.accounts.models import User
from speciosa.audit.models import AuditEntry
from speciosa.diary.domain import record_checkin, record_lab
from speciosa.reports.access import Visible
from speciosa.reports.tests.story import FIRST_DAY, LAST_DAY, NOW, at, seed_four_weeks
from speciosa.reports.visit import FLAGS_PENDING, VisitReport, build_visit_report
from speciosa.safety.domain import evaluate_if_pending, mark_pending
from speciosa.safety.queries import current_alerts
from speciosa.testing import Cast, make_patient

pytestmark = pytest.mark.django_db

RULE_CODE = re.compile(r"\b[A-Z][A-Z0-9]+_[A-Z0-9_]{2,}\b")  # LIVER_BILIRUBIN_HIGH, INTERACTION_CYP3A
SNAKE_ID = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")  # chronic_low_back_pain, alert_details
CODE_ID = re.compile(r"\b(?:peg|phq4|phq2|gad2|tbil|alt|ast):?(?=\s|$)")  # instrument and lab ids in lower case
KEY_VALUE_DUMP = re.compile(r"(?:\b[A-Z][\w ×%]{0,30}: [^;:]{1,60}; ){2,}")  # "Age days: 4; Isolated: no; ..."
ADDRESS = re.compile(r"(?:https?://|doi:)\S+")  # citations' addresses may hold anything


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def alice(cast: Cast) -> User:
    seed_four_weeks(cast.alice.user, cast.alice_product)
    return cast.alice.user


def with_liver_injury(patient: User) -> None:
    """A draw the day before the report is printed: ALT 10×, bilirubin 3×: several urgent liver alerts, one card."""
    drawn = NOW - dt.timedelta(hours=20)
    record_lab(patient, by=patient, code="ALT", value=400, unit="U/L", uln=40, collected_at=drawn)
    record_lab(patient, by=patient, code="AST", value=300, unit="U/L", uln=40, collected_at=drawn)
    record_lab(patient, by=patient, code="TBIL", value=3.6, unit="mg/dL", uln=1.2, collected_at=drawn)
    evaluate_if_pending(patient.pk)


def urgent_liver(patient: User) -> list:
    return [alert for alert in current_alerts(patient) if alert.code.startswith("LIVER_")]


def report_of(patient: User, *, visible: Visible | None = None, **options) -> VisitReport:
    return build_visit_report(patient, start=FIRST_DAY, end=LAST_DAY, visible=visible or Visible.everything(),
                              generated_at=NOW, **options)


def codes_in(texts) -> list[str]:
    found = []
    for text in texts:
        plain = ADDRESS.sub("", text)
        found += RULE_CODE.findall(plain) + SNAKE_ID.findall(plain) + CODE_ID.findall(plain)
        found += KEY_VALUE_DUMP.findall(plain)
    return found


def test_the_first_page_starts_with_the_red_flags_and_holds_no_internal_code(cast, alice):
    with_liver_injury(alice)
    assert len(urgent_liver(alice)) >= 2  # several liver rules fire on one draw
    report = report_of(alice, printed_by=cast.bob.user)
    first_page = report.on_page(1)
    flags = first_page.index("Red flags")
    body = first_page.index("Doses and the plan")
    assert flags <= 5  # under the header: title, name, profile line, period
    lines = [line for line in first_page[flags + 1:body] if line.startswith(("Urgent", "Warning"))]
    assert lines == sorted(lines, key=lambda line: not line.startswith("Urgent"))  # urgent first
    liver = [line for line in lines if line.startswith("Urgent · Possible liver injury: ")]
    # The title, then the lead finding's figures (the cast's own later ALT, 0.88×, is the latest the rules read).
    assert liver == [f"Urgent · Possible liver injury: bilirubin 3×ULN, AST 7.5× "
                     f"({len(urgent_liver(alice))} related findings) · first seen 20 Nov 2026"]
    assert codes_in(first_page) == []
    assert all(alert.code not in " ".join(report.text) for alert in current_alerts(alice))


def test_no_internal_code_snake_case_id_or_key_value_dump_appears_anywhere_in_the_report(cast, alice):
    with_liver_injury(alice)
    profile = alice.profile
    profile.conditions = ["chronic_low_back_pain"]
    profile.save()
    report = report_of(alice, include_notes=True, printed_by=cast.bob.user)
    assert codes_in(report.text) == []
    assert not any("[1]" in text for text in report.text)


@pytest.mark.parametrize("text", [
    pytest.param("Urgent · LIVER_BILIRUBIN_HIGH (open)", id="a rule code"),
    pytest.param("Conditions: chronic_low_back_pain", id="a snake-case id"),
    pytest.param("peg: 5", id="an instrument id"),
    pytest.param("Evidence: Age days: 4; Isolated: no; R kind: R; Pattern: mixed", id="a key-value dump"),
])
def test_the_code_check_itself_catches_each_kind(text):
    assert codes_in([text])


def test_the_header_names_the_patient_the_record_number_the_period_and_who_printed_it(cast, alice):
    alice.first_name, alice.last_name = "Alice", "Moreno"
    alice.save()
    profile = alice.profile
    profile.birth_year, profile.sex, profile.conditions = 1971, "female", ["chronic_low_back_pain"]
    profile.save()
    cast.bob.user.first_name, cast.bob.user.last_name = "Robert", "Chen"
    report = report_of(alice, printed_by=cast.bob.user, record_number="  A-1234 ")
    assert report.on_page(1)[:4] == (
        "Visit report", "Alice Moreno", "Born 1971 · Female · Chronic low back pain · Record no. A-1234",
        "Period: 23 Oct to 19 Nov 2026 (28 days). Printed 20 Nov 2026 at 12:00 by Robert Chen. Times are the "
        "patient's local time (America/New_York).")


def test_without_a_name_the_report_says_so_rather_than_passing_the_account_name_off_as_one(alice):
    assert report_of(alice).on_page(1)[1] == "alice (no name on record)"


def test_with_no_urgent_or_warning_alert_the_box_says_so_on_the_day_printed(db):
    report = report_of(make_patient("gina", time_zone="America/New_York"))
    first_page = report.on_page(1)
    assert first_page[first_page.index("Red flags") + 1] == "No open urgent or warning alerts on 20 Nov 2026."


def test_while_alerts_are_being_rechecked_the_box_says_the_list_may_be_incomplete(cast, alice):
    with_liver_injury(alice)
    mark_pending(alice)
    first_page = report_of(alice).on_page(1)
    assert FLAGS_PENDING in first_page
    assert first_page.index(FLAGS_PENDING) < first_page.index("Doses and the plan")


def test_the_baseline_is_the_first_week_with_ratings_inside_the_period_not_a_year_before(cast, alice):
    year_before = FIRST_DAY - dt.timedelta(days=365)
    for offset in range(7):  # a week of severe pain a year earlier: as a baseline it would make 3 look "substantial"
        record_checkin(alice, by=alice, at=at(year_before + dt.timedelta(days=offset), 20), pain_avg_24h=9)
    text = report_of(alice).text
    assert ("Baseline: first week with ratings in this period (23–29 Oct 2026), against the latest week "
            "(13–19 Nov 2026).") in " ".join(text)
    pain = text[text.index("Pain (0-10)") + 1]
    assert pain.startswith("A moderately important improvement (30% or more) by the IMMPACT benchmarks. 5 in the "
                           "first week (23–29 Oct 2026), 3 in the latest (13–19 Nov 2026)")


def test_too_few_days_rated_give_the_counts_and_never_a_category(cast):
    alice = cast.alice.user
    for day, pain in ((FIRST_DAY, 8), (FIRST_DAY + dt.timedelta(days=2), 8), (LAST_DAY, 2)):
        record_checkin(alice, by=alice, at=at(day, 20), pain_avg_24h=pain)
    text = report_of(alice).text
    pain = text[text.index("Pain (0-10)") + 1]
    assert pain == ("Too few days rated to judge a change (2 and 1 days): the first week with ratings (23–29 Oct "
                    "2026) against the latest (13–19 Nov 2026).")
    assert "improvement" not in pain and "worsening" not in pain


def test_alert_details_are_whole_and_cite_their_sources_by_author_and_year(cast, alice):
    with_liver_injury(alice)
    report = report_of(alice)
    for alert in current_alerts(alice):
        if alert.severity != "info":
            assert alert.clinical_message in report.text  # wrapped on the page, never cut
    assert not any(text.endswith("…") for text in report.text)
    cited = [text for text in report.text if text.startswith("Sources: ")]
    assert cited and all(re.search(r"\b(?:19|20)\d{2}\b", text) for text in cited)
    assert "Sources" in report.text  # the full list at the end
    assert 2 <= report.pages <= 4


def test_the_clinicians_patient_page_has_the_visit_report_one_click_away(cast, alice):
    page = cast.bob.client.get(reverse("clinic:patient", args=[alice.pk]))
    url = f"{reverse('reports:patient_visit_pdf', args=[alice.pk])}?from=2026-08-23&amp;to=2026-11-20"
    assertContains(page, f'<a class="button" href="{url}" download data-testid="visit-report-pdf">'
                         'Visit report (PDF)</a>', html=False)
    response = cast.bob.client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    tab = cast.bob.client.get(reverse("clinic:patient", args=[alice.pk]), {"tab": "report"})
    assertContains(tab, 'name="record"')


def test_the_api_gives_the_clinician_the_report_with_the_record_number_and_audits_it(cast, alice):
    url = f"/api/v1/clinic/patients/{alice.pk}/report.pdf"
    response = cast.bob.client.get(url, {"from": "2026-10-23", "to": "2026-11-19", "record": "A-1234"},
                                   headers=cast.bob.bearer())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert list(AuditEntry.objects.filter(patient=alice).values_list("action", "what")) == [
        ("export", "visit report (PDF)")]
    refused = cast.bob.client.get(url, {"from": "2026-10-23", "to": "2026-11-19", "record": "x\x01y"},
                                  headers=cast.bob.bearer())
    assert refused.status_code == 422


def test_the_record_number_reaches_the_report_from_the_page_form(cast, alice):
    response = cast.bob.client.get(reverse("reports:patient_visit_pdf", args=[alice.pk]),
                                   {"from": "2026-10-23", "to": "2026-11-19", "record": "A" * 41})
    assertContains(response, "Ensure this value has at most 40 characters", status_code=400)
