"""The clinic API: patients invite, list and revoke; clinicians accept, read their panel, act on alerts and keep
notes. Anyone without an active share gets 404 for the patient, and nothing changes."""

import json

import pytest
from django.core import mail
from django.test import Client

from speciosa.clinic.access import can_access
from speciosa.clinic.domain import invite_clinician
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.clinic.testing import share
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import leaks, open_liver_injury

pytestmark = pytest.mark.django_db


def call(persona, method, path, body=None):  # type: ignore[no-untyped-def]
    client = Client()
    kwargs = {"headers": persona.bearer()}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(f"/api/v1{path}", **kwargs)


def test_a_patient_invites_by_api_and_gets_the_code_once(clinic):
    response = call(clinic.charlie, "post", "/shares", {"scopes": ["diary", "medical"], "email": "gp@example.org"})
    assert response.status_code == 201
    body = response.json()
    assert body["share"]["status"] == "invited" and body["share"]["scopes"] == ["diary", "medical"]
    assert body["accept_url"].endswith(f"/clinic/accept/?code={body['code']}")
    assert body["emailed"] is True and mail.outbox[0].to == ["gp@example.org"]
    listed = call(clinic.charlie, "get", "/shares").json()
    assert [item["id"] for item in listed] == [body["share"]["id"]] and "code" not in listed[0]
    accepted = call(clinic.dana, "post", "/shares/accept", {"code": body["code"]})
    assert (accepted.status_code, accepted.json()["status"], accepted.json()["clinician"]) == (200, "active", "dana")
    assert can_access(clinic.dana.user, clinic.charlie.user, "medical")


@pytest.mark.parametrize(("body", "field"), [
    ({"scopes": []}, "scopes"), ({"scopes": ["diary", "all"]}, "scopes[1]"), ({"scopes": "diary"}, "scopes"),
    ({"scopes": ["diary"], "can_edit_plan": 1}, "can_edit_plan"),
    ({"scopes": ["diary"], "expires_at": "2001-01-01T00:00:00+00:00"}, "expires_at"),
    ({"scopes": ["diary"], "expires_at": "2030-01-01T00:00:00"}, "expires_at"),
    ({"scopes": ["diary"], "email": "a\x00b"}, "email"), ({"scopes": ["diary"], "colour": "red"}, "colour"),
])
def test_a_bad_invitation_is_a_422_naming_the_field(clinic, body, field):
    response = call(clinic.charlie, "post", "/shares", body)
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == [field]
    assert not Share.objects.filter(patient=clinic.charlie.user).exists()


def test_a_patient_revokes_by_api_and_the_next_request_is_refused(clinic):
    assert call(clinic.bob, "get", f"/clinic/patients/{clinic.alice.user.pk}/alerts").status_code == 200
    response = call(clinic.alice, "post", f"/shares/{clinic.bobs_share.pk}/revoke")
    assert (response.status_code, response.json()["status"]) == (200, "revoked")
    assert call(clinic.bob, "get", f"/clinic/patients/{clinic.alice.user.pk}/alerts").status_code == 404
    assert call(clinic.bob, "get", "/clinic/patients").json()["count"] == 0


@pytest.mark.parametrize(("who", "status"), [("charlie", 404), ("bob", 403), ("dana", 403)])
def test_only_the_patient_revokes_their_share(clinic, who, status):
    response = call(clinic.everyone()[who], "post", f"/shares/{clinic.bobs_share.pk}/revoke")
    assert response.status_code == status
    assert Share.objects.get(pk=clinic.bobs_share.pk).revoked_at is None


@pytest.mark.parametrize(("who", "method", "path", "status"), [
    ("bob", "post", "/shares", 403), ("bob", "get", "/shares", 403),
    ("alice", "post", "/shares/accept", 403), ("alice", "get", "/clinic/patients", 403),
])
def test_each_side_keeps_to_its_own_operations(clinic, who, method, path, status):
    body = {"scopes": ["diary"]} if path == "/shares" and method == "post" else {"code": "AAAAA-BBBBB"}
    assert call(clinic.everyone()[who], method, path, body if method == "post" else None).status_code == status


def test_accepting_a_wrong_or_used_code_is_a_422(clinic):
    _, code = invite_clinician(clinic.charlie.user, scopes=["diary"])
    assert call(clinic.dana, "post", "/shares/accept", {"code": code}).status_code == 200
    again = call(clinic.bob, "post", "/shares/accept", {"code": code})
    assert (again.status_code, again.json()["detail"][0]["field"]) == (422, "code")


def test_the_panel_as_json(clinic):
    open_liver_injury(clinic.alice.user)
    body = call(clinic.bob, "get", "/clinic/patients?urgent=true").json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    row = body["items"][0]
    assert (row["username"], row["urgent_open"] > 0, row["being_rechecked"], row["adherence"]["has_plan"]) == (
        "alice", True, False, False)
    assert row["last_dose"] is not None
    assert call(clinic.bob, "get", "/clinic/patients?q=nobody").json()["items"] == []
    assert call(clinic.dana, "get", "/clinic/patients").json()["count"] == 0
    assert call(clinic.bob, "get", "/clinic/patients?page=0").status_code == 422


@pytest.mark.parametrize("who", ["dana", "erin"])
def test_a_clinician_without_an_active_share_gets_404_for_everything_about_alice(clinic, who):
    alert = open_liver_injury(clinic.alice.user)
    persona, base = clinic.everyone()[who], f"/clinic/patients/{clinic.alice.user.pk}"
    answers = [call(persona, "get", f"{base}/alerts"), call(persona, "get", f"{base}/notes"),
               call(persona, "post", f"{base}/notes", {"text": "x"}),
               call(persona, "post", f"{base}/alerts/{alert.pk}/acknowledge", {"note": "x"}),
               call(persona, "post", f"{base}/alerts/{alert.pk}/resolve", {"note": "x"})]
    assert [answer.status_code for answer in answers] == [404] * 5
    assert not [answer for answer in answers if leaks(answer.content.decode())]
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
    assert not ClinicalNote.objects.exists()


def test_a_clinician_acknowledges_and_resolves_by_api(clinic):
    alert = open_liver_injury(clinic.alice.user)
    base = f"/clinic/patients/{clinic.alice.user.pk}/alerts/{alert.pk}"
    acknowledged = call(clinic.bob, "post", f"{base}/acknowledge", {"note": "Seen"}).json()
    assert (acknowledged["status"], acknowledged["acknowledged_by"], acknowledged["note"]) == (
        "acknowledged", "bob", "Seen")
    resolved = call(clinic.bob, "post", f"{base}/resolve", {"note": "Repeat labs normal"}).json()
    assert (resolved["status"], resolved["note"]) == ("resolved", "Repeat labs normal")
    again = call(clinic.bob, "post", f"{base}/resolve", {"note": ""})
    assert (again.status_code, again.json()["detail"][0]["field"]) == (422, "status")


def test_with_a_partial_share_an_alert_comes_without_its_wording(clinic):
    open_liver_injury(clinic.alice.user)
    share(clinic.alice.user, clinic.dana.user, scopes=["diary"])
    alerts = call(clinic.dana, "get", f"/clinic/patients/{clinic.alice.user.pk}/alerts")
    assert alerts.status_code == 200
    assert "LIVER_INJURY" in [alert["code"] for alert in alerts.json()]
    assert leaks(alerts.content.decode()) == []
    assert {alert["message"] for alert in alerts.json()} == {
        "(hidden: shown only when doses, check-ins, and medicines and labs are all shared)"}


def test_clinical_notes_by_api(clinic):
    base = f"/clinic/patients/{clinic.alice.user.pk}/notes"
    created = call(clinic.bob, "post", base, {"text": "Plan reviewed with the patient"})
    assert created.status_code == 201 and created.json()["author"] == "bob"
    share(clinic.alice.user, clinic.dana.user, scopes=["notes"])
    call(clinic.dana, "post", base, {"text": "Physio referral"})
    assert [note["text"] for note in call(clinic.bob, "get", base).json()] == ["Plan reviewed with the patient"]
    assert [note["text"] for note in call(clinic.alice, "get", base).json()] == [
        "Physio referral", "Plan reviewed with the patient"]
    assert call(clinic.charlie, "get", base).status_code == 403


@pytest.mark.parametrize(("text", "status"), [("", 422), ("x" * 10_001, 422), ("a\x00b", 422), (12, 422)])
def test_a_bad_note_is_refused_by_api(clinic, text, status):
    response = call(clinic.bob, "post", f"/clinic/patients/{clinic.alice.user.pk}/notes", {"text": text})
    assert response.status_code == status
    assert response.json()["detail"][0]["field"] == "text"
    assert not ClinicalNote.objects.exists()
