"""Who may read and who may change a plan: the patient reads and acknowledges; a clinician reads with a diary share
and publishes only with the patient's "may edit the plan"; nobody else sees anything."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from speciosa.audit.models import AuditEntry
from speciosa.plans.domain import publish_plan
from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY, publish_on
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db

NEW_VERSION = {"max_daily_leaf_g": "7", "max_doses_per_day": "3"}


@pytest.fixture
def alices_plan(cast: Cast) -> PlanVersion:
    return publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, note="alice's private plan note")


def test_only_a_clinician_allowed_to_edit_may_publish(cast):
    assert publish_plan(cast.alice.user, by=cast.bob.user, max_daily_leaf_g=8).version == 1
    for someone in (cast.fay.user, cast.dave.user, cast.alice.user, cast.charlie.user):
        with pytest.raises(PermissionDenied):
            publish_plan(cast.alice.user, by=someone, max_daily_leaf_g=20)
    with pytest.raises(PermissionDenied):  # bob's share is alice's, not charlie's
        publish_plan(cast.charlie.user, by=cast.bob.user, max_daily_leaf_g=8)
    assert PlanVersion.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("bob", 200), ("fay", 200), ("dave", 403), ("charlie", 403)])
def test_the_editor_page_opens_only_for_clinicians_alice_shared_with(cast, alices_plan, who, status):
    response = getattr(cast, who).client.get(reverse("plans:patient", args=[cast.alice.user.pk]))
    assert response.status_code == status
    assert ("alice&#x27;s private plan note" in response.content.decode()) == (status == 200)


def test_the_editor_shows_the_form_only_to_a_clinician_allowed_to_edit(cast, alices_plan):
    url = reverse("plans:patient", args=[cast.alice.user.pk])
    assert "Publish this version" in cast.bob.client.get(url).content.decode()
    page = cast.fay.client.get(url).content.decode()
    assert "Publish this version" not in page and "have not allowed you to edit their plan" in page


@pytest.mark.parametrize(("who", "status"), [("fay", 403), ("dave", 403), ("charlie", 403)])
def test_posting_a_version_is_refused_to_everyone_else(cast, alices_plan, who, status):
    response = getattr(cast, who).client.post(reverse("plans:patient", args=[cast.alice.user.pk]), NEW_VERSION)
    assert response.status_code == status
    assert PlanVersion.objects.count() == 1


def test_the_editor_is_for_clinicians_alice_reads_her_plan_on_her_own_page(cast, alices_plan):
    assert cast.alice.client.get(reverse("plans:patient", args=[cast.alice.user.pk])).status_code == 403


def test_a_clinician_publishing_from_the_editor_makes_a_new_version_and_an_audit_entry(cast, alices_plan):
    response = cast.bob.client.post(reverse("plans:patient", args=[cast.alice.user.pk]), NEW_VERSION)
    assert response.status_code == 302
    assert list(PlanVersion.objects.values_list("version", "max_daily_leaf_g")) == [(2, 7), (1, 8)]
    entries = list(AuditEntry.objects.filter(patient=cast.alice.user).values_list("actor__username", "action", "what"))
    assert ("bob", "write", "treatment plan version 2") in entries


def test_a_clinician_reading_the_plan_is_in_the_audit_log(cast, alices_plan):
    cast.fay.client.get(reverse("plans:patient", args=[cast.alice.user.pk]))
    cast.fay.client.get(f"/api/v1/patients/{cast.alice.user.pk}/plan", headers=cast.fay.bearer())
    entries = list(AuditEntry.objects.filter(actor=cast.fay.user).values_list("action", "what"))
    assert entries == [("read", "treatment plan"), ("read", "treatment plan")]


def test_a_refused_version_still_logs_the_read_of_the_plan_the_page_shows_again(cast, alices_plan):
    response = cast.bob.client.post(reverse("plans:patient", args=[cast.alice.user.pk]), {"max_daily_leaf_g": "-1"})
    assert response.status_code == 200 and "alice&#x27;s private plan note" in response.content.decode()
    entries = list(AuditEntry.objects.filter(actor=cast.bob.user).order_by("id").values_list("action", "what"))
    assert entries == [("write", "treatment plan version 1"), ("read", "treatment plan")]  # version 1: alices_plan


def test_the_patient_page_is_alices_own(cast, alices_plan):
    assert "alice&#x27;s private plan note" in cast.alice.client.get(reverse("plans:mine")).content.decode()
    charlie_page = cast.charlie.client.get(reverse("plans:mine")).content.decode()
    assert "private plan note" not in charlie_page and "No plan yet" in charlie_page
    assert cast.bob.client.get(reverse("plans:mine")).status_code == 403


@pytest.mark.parametrize(("who", "status"), [("bob", 200), ("fay", 200), ("dave", 404), ("charlie", 403),
                                             ("alice", 403)])
def test_the_api_gives_a_patients_plan_only_to_those_she_shared_with(cast, alices_plan, who, status):
    response = getattr(cast, who).client.get(f"/api/v1/patients/{cast.alice.user.pk}/plan",
                                             headers=getattr(cast, who).bearer())
    assert response.status_code == status
    assert ("private plan note" in response.content.decode()) == (status == 200)


@pytest.mark.parametrize(("who", "status"), [("bob", 201), ("fay", 403), ("dave", 404), ("charlie", 403),
                                             ("alice", 403)])
def test_the_api_publishes_only_for_a_clinician_allowed_to_edit(cast, alices_plan, who, status):
    response = getattr(cast, who).client.post(
        f"/api/v1/patients/{cast.alice.user.pk}/plan", data=json.dumps({"max_daily_leaf_g": 7}),
        content_type="application/json", headers=getattr(cast, who).bearer())
    assert response.status_code == status, response.content
    assert PlanVersion.objects.count() == (2 if status == 201 else 1)


def test_the_api_names_the_bad_field(cast):
    response = cast.bob.client.post(
        f"/api/v1/patients/{cast.alice.user.pk}/plan", content_type="application/json",
        data=json.dumps({"max_daily_leaf_g": 8, "titration": {"start_g": 2, "step_g": 1, "interval_days": 7,
                                                              "ceiling_g": 9, "starts_on": TODAY.isoformat()}}),
        headers=cast.bob.bearer())
    assert (response.status_code, response.json()) == (422, {"detail": [
        {"field": "titration.ceiling_g", "message": "must be at most the plan's maximum daily amount (8 g)"}]})
    response = cast.bob.client.post(f"/api/v1/patients/{cast.alice.user.pk}/plan", content_type="application/json",
                                    data=json.dumps({"max_daily_leaf_g": True}), headers=cast.bob.bearer())
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "max_daily_leaf_g"


def test_a_patient_reads_her_plan_and_today_limit_through_the_api(cast, alices_plan):
    body = cast.alice.client.get("/api/v1/plan", headers=cast.alice.bearer()).json()
    assert (body["today"], body["today_limit_g"], body["current"]["version"], len(body["versions"])) == (
        TODAY.isoformat(), 8.0, 1, 1)
    charlie = cast.charlie.client.get("/api/v1/plan", headers=cast.charlie.bearer()).json()
    assert (charlie["current"], charlie["versions"]) == (None, [])
    assert cast.bob.client.get("/api/v1/plan", headers=cast.bob.bearer()).status_code == 403
