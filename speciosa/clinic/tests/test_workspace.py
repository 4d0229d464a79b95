"""The clinician's workspace: problems named in clinical words, new since my last review, sort and filters, a query
count that does not grow with the panel, the patient summary and its tabs within scopes, and the API's summary."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from speciosa.clinic.models import PatientReview
from speciosa.clinic.tests.panel_data import sharing_patient, stored_alert
from speciosa.core.safety.clinical import clinical_line
from speciosa.diary.domain import record_lab
from speciosa.safety.models import EvaluationState, StoredAlert

pytestmark = pytest.mark.django_db

HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)
LIVER = {"x_uln": {"ALP": 1.67, "ALT": 7.42, "AST": 6.35, "TBIL": 2.58}, "pattern": "mixed"}


@pytest.mark.parametrize(("evidence", "line"), [
    pytest.param({"x_uln": 3.0, "draw_x_uln": {"ALT": 10.0, "AST": 7.5, "TBIL": 3.0}},
                 "Liver: ALT 10×ULN, bilirubin 3×, AST 7.5×", id="the draw behind a raised bilirubin"),
    pytest.param({"x_uln": 3.0}, "Liver: bilirubin 3×ULN", id="bilirubin alone"),
    pytest.param({"x_uln": 3.0, "draw_x_uln": {"TBIL": 3.0, "ALT": 0.8}}, "Liver: bilirubin 3×ULN",
                 id="normal enzymes are not listed"),
])
def test_a_raised_bilirubin_reads_with_the_whole_draw(evidence, line):
    assert clinical_line("LIVER_BILIRUBIN_HIGH", evidence, title="T") == line


def test_a_liver_alert_reads_as_one_clinical_line_and_unknown_evidence_falls_back_to_the_title():
    assert clinical_line("LIVER_HYS_LAW", LIVER, title="T") == \
        "Liver: ALT 7.4×ULN, bilirubin 2.6×, AST 6.3× (mixed pattern)"
    assert clinical_line("LIVER_HYS_LAW", {}, title="Liver tests meet Hy's law") == "Liver tests meet Hy's law"
    assert clinical_line("NEW_RULE", LIVER, title="A title") == "A title"
    assert clinical_line("DOSE_ESCALATION", {"earlier_mean_g": 6.67, "recent_mean_g": 8.69, "rise_pct": 30.3},
                         title="T") == "Dose escalation: 6.7 → 8.7 g/day (+30%), no pain relief"


def rows(client, **query):
    response = client.get(reverse("clinic:panel"), query)
    assert response.status_code == 200
    return response.context["rows"]


def test_the_panel_names_the_top_problem_only_to_a_clinician_who_may_read_its_details(cast):
    dave = cast.dave.user
    full = sharing_patient(dave, "full", dosed_ago=HOUR)
    partial = sharing_patient(dave, "partial", scopes=("diary",), dosed_ago=HOUR)
    for patient in (full, partial):
        alert = stored_alert(patient, "urgent", code="LIVER_HYS_LAW")
        StoredAlert.objects.filter(pk=alert.pk).update(evidence=LIVER, title="Liver tests meet Hy's law")
    shown = {row.patient.username: row.top.line for row in rows(cast.dave.client)}
    assert shown == {"full": "Liver: ALT 7.4×ULN, bilirubin 2.6×, AST 6.3× (mixed pattern)",
                     "partial": "Liver tests meet Hy's law"}


def test_new_since_review_counts_alerts_first_seen_after_the_clinician_opened_the_page(cast):
    dave = cast.dave.user
    patient = sharing_patient(dave, "seen", dosed_ago=HOUR)
    stored_alert(patient, "warning")
    assert [row.patient.new_since_review for row in rows(cast.dave.client)] == [1]
    assert cast.dave.client.get(reverse("clinic:patient", args=[patient.pk])).status_code == 200
    assert PatientReview.objects.filter(clinician=dave, patient=patient).count() == 1
    assert [row.patient.new_since_review for row in rows(cast.dave.client)] == [0]
    later = stored_alert(patient, "urgent")
    StoredAlert.objects.filter(pk=later.pk).update(first_seen=timezone.now() + HOUR)
    assert [row.patient.new_since_review for row in rows(cast.dave.client)] == [1]


def test_being_checked_sorts_and_filters_with_the_urgent(cast):
    dave = cast.dave.user
    sharing_patient(dave, "calm", dosed_ago=HOUR)
    warned = sharing_patient(dave, "warned", dosed_ago=2 * HOUR)
    stored_alert(warned, "warning")
    changed = sharing_patient(dave, "changed", dosed_ago=3 * HOUR)
    EvaluationState.objects.filter(patient=changed).update(pending_since=timezone.now())
    # A view re-checks a few marked patients; keep this one marked by marking more than it re-checks.
    for number in range(10):
        other = sharing_patient(dave, f"marked{number}")
        EvaluationState.objects.filter(patient=other).update(pending_since=timezone.now() - DAY)
    names = [row.patient.username for row in rows(cast.dave.client)]
    assert names.index("changed") < names.index("warned") < names.index("calm")
    assert "changed" in [row.patient.username for row in rows(cast.dave.client, urgent="on")]
    assert "calm" not in [row.patient.username for row in rows(cast.dave.client, urgent="on")]


def test_sort_by_name_and_its_reverse_and_the_unacknowledged_filter(cast):
    dave = cast.dave.user
    for name in ("bea", "abe", "cal"):
        sharing_patient(dave, name)
    stored_alert(dave.shares_received.get(patient__username="cal").patient, "urgent", "acknowledged")
    stored_alert(dave.shares_received.get(patient__username="bea").patient, "warning")
    assert [row.patient.username for row in rows(cast.dave.client, sort="name")] == ["abe", "bea", "cal"]
    assert [row.patient.username for row in rows(cast.dave.client, sort="-name")] == ["cal", "bea", "abe"]
    assert [row.patient.username for row in rows(cast.dave.client, unacknowledged="on")] == ["bea"]
    assert [row.patient.username for row in rows(cast.dave.client, sort="nonsense")][0] == "bea"


@pytest.mark.parametrize("size", [3, 30])
def test_the_panel_reads_in_the_same_number_of_queries_for_3_and_30_patients(cast, size,
                                                                             django_assert_num_queries):
    dave = cast.dave.user
    for number in range(size):
        patient = sharing_patient(dave, f"p{number:02d}", dosed_ago=HOUR * (number + 1), checked_in_ago=DAY)
        stored_alert(patient, "urgent" if number % 2 else "warning")
    cast.dave.client.get(reverse("clinic:panel"))  # the session and the first page warm up
    with django_assert_num_queries(QUERIES):
        assert cast.dave.client.get(reverse("clinic:panel")).status_code == 200


QUERIES = 12  # constant: the same for 3 and 30 rows


def test_the_summary_shows_each_part_only_with_its_scope_and_the_api_reads_the_same(cast):
    alice = cast.alice.user
    record_lab(alice, by=alice, code="ALT", value=296, unit="U/L", uln=40,
               collected_at=timezone.now() - dt.timedelta(minutes=5))
    page = cast.bob.client.get(reverse("clinic:patient", args=[alice.pk]))
    assert page.context["summary"].liver[0].code == "ALT"
    assert "7.4×ULN" in page.content.decode()
    assert [tab.key for tab in page.context["tabs"]] == ["overview", "timeline", "labs", "plan", "questionnaires",
                                                          "notes", "report"]
    summary = Client().get(f"/api/v1/clinic/patients/{alice.pk}/summary", headers=cast.bob.bearer()).json()
    assert summary["liver_tests"][0]["x_uln"] == 7.4
    partial = Client().get(f"/api/v1/clinic/patients/{alice.pk}/summary", headers=cast.fay.bearer()).json()  # fay: diary and check-ins
    assert partial["liver_tests"] is None and partial["dose_trend"] is not None
    fay_page = cast.fay.client.get(reverse("clinic:patient", args=[alice.pk]))
    assert "labs" not in [tab.key for tab in fay_page.context["tabs"]]
    assert cast.fay.client.get(reverse("clinic:patient", args=[alice.pk]), {"tab": "labs"}).status_code == 404
