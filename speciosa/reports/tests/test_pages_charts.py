"""The charts page and the visit report download: the patient's own, and a clinician's with the patient's share."""

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.audit.models import AuditEntry
from speciosa.clinic.testing import share
from speciosa.reports.tests.story import NOW, PRIVATE_NOTE, seed_four_weeks
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db
VISIT = {"from": "2026-10-23", "to": "2026-11-19"}


@pytest.fixture(autouse=True)
def frozen_time() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def alice_id(cast: Cast) -> int:
    seed_four_weeks(cast.alice.user, cast.alice_product)
    return cast.alice.user.pk


def charts_of(patient_id: int) -> str:
    return reverse("reports:patient_charts", args=[patient_id])


def pdf_of(patient_id: int) -> str:
    return reverse("reports:patient_visit_pdf", args=[patient_id])


def test_the_patient_sees_every_chart_with_its_summary_and_the_visit_report_button(cast, alice_id):
    response = cast.alice.client.get(reverse("reports:charts"))
    for key in ("pain", "mood", "dose", "side-effects", "liver", "scores"):
        assertContains(response, f'data-testid="chart-{key}"')
    assertContains(response, 'role="img" aria-labelledby="pain-title pain-desc"')
    assertContains(response, "23 Aug 2026 to 20 Nov 2026 (90 days)")
    assertContains(response, '<button type="submit" class="primary">Visit report (PDF)</button>', html=True)
    assertContains(response, f'<a href="{reverse("reports:charts")}" class="tab tab-charts" aria-current="page">'
                             'Charts</a>', html=True)  # the patient's Charts tab, marked as the page they are on
    assertContains(response, 'data-testid="change-pain"')


@pytest.mark.parametrize(("query", "shown"), [
    ("?days=30", "22 Oct 2026 to 20 Nov 2026 (30 days)"),
    ("?days=365", "21 Nov 2025 to 20 Nov 2026 (365 days)"),
    ("?days=7", "23 Aug 2026 to 20 Nov 2026 (90 days)"),  # not a period on offer: the default
    ("?days=%00", "23 Aug 2026 to 20 Nov 2026 (90 days)"),
])
def test_the_patient_chooses_the_period(cast, alice_id, query, shown):
    assertContains(cast.alice.client.get(reverse("reports:charts") + query), shown)


def test_a_clinician_has_no_charts_of_their_own(cast):
    assert cast.bob.client.get(reverse("reports:charts")).status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(alice_id):
    for url in (reverse("reports:charts"), charts_of(alice_id), reverse("reports:visit_pdf"), pdf_of(alice_id)):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["dave", "erin", "charlie", "rita", "adam"])
def test_without_a_share_nobody_else_sees_the_charts_or_the_report(cast, alice_id, who):
    client = getattr(cast, who).client
    assert client.get(charts_of(alice_id)).status_code == 403
    assert client.get(pdf_of(alice_id), VISIT).status_code == 403
    assert not AuditEntry.objects.filter(patient=cast.alice.user).exists()


def test_a_patient_that_does_not_exist_is_refused_like_one_not_shared(cast):
    assert cast.dave.client.get(charts_of(999999)).status_code == 403
    assert cast.dave.client.get(charts_of(cast.dave.user.pk)).status_code == 403


def test_a_clinician_with_a_share_sees_the_charts_and_the_read_is_audited(cast, alice_id):
    response = cast.bob.client.get(charts_of(alice_id))
    assertContains(response, "<h1>Charts: alice</h1>", html=True)
    assertContains(response, 'data-testid="chart-liver"')
    assertContains(response, f'action="{pdf_of(alice_id)}"')
    assert list(AuditEntry.objects.filter(patient=cast.alice.user).values_list("actor__username", "action",
                                                                                    "what")) == [
        ("bob", "read", "charts")]


def test_a_share_without_medical_scope_hides_the_liver_chart(cast, alice_id):
    response = cast.fay.client.get(charts_of(alice_id))  # fay: diary and check-ins
    assertContains(response, 'data-testid="chart-pain"')
    assertNotContains(response, 'data-testid="chart-liver"')
    assertContains(response, "not shared with you")
    assertNotContains(response, 'name="notes"')  # no notes scope: no offer to include them


def test_a_share_without_the_diary_scope_opens_no_charts(cast, alice_id):
    share(cast.alice.user, cast.dave.user, scopes=["medical"])
    assert cast.dave.client.get(charts_of(alice_id)).status_code == 403


def test_the_patient_downloads_the_visit_report(cast, alice_id):
    response = cast.alice.client.get(reverse("reports:visit_pdf"), VISIT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="visit-report-alice-2026-10-23-to-2026-11-19.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(("query", "error"), [
    ({"from": "2026-11-19", "to": "2026-10-23"}, "must not be before the start of the period"),
    ({"from": "2027-01-01", "to": "2027-01-31"}, "is in the future"),
    ({"from": "soon", "to": "2026-10-23"}, "Enter a valid date."),
    ({}, "This field is required."),
])
def test_bad_dates_give_the_form_back_with_the_reason(cast, query, error):
    response = cast.alice.client.get(reverse("reports:visit_pdf"), query)
    assert response.status_code == 400
    assertContains(response, error, status_code=400)


def test_a_clinician_with_a_share_downloads_the_report_and_the_export_is_audited(cast, alice_id):
    response = cast.bob.client.get(pdf_of(alice_id), {**VISIT, "notes": "on"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert list(AuditEntry.objects.filter(patient=cast.alice.user).values_list("action", "what")) == [
        ("export", "visit report (PDF)")]


def test_the_patients_own_notes_are_offered_to_the_patient(cast, alice_id):
    response = cast.alice.client.get(reverse("reports:charts"))
    assertContains(response, "Include my own notes")
    assertNotContains(response, PRIVATE_NOTE)
