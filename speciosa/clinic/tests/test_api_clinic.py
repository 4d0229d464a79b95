"""The clinic API: patients invite, list and revoke; clinicians accept, read their panel, act on alerts and keep
notes. Anyone without an active share gets 404 for the patient, and nothing changes."""

import json

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client

from speciosa.clinic.access import can_access
from speciosa.clinic.domain import EMAILED_INVITATIONS_PER_HOUR, invite_clinician
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import leaks, open_liver_injury
from speciosa.testing import Persona

pytestmark = pytest.mark.django_db


def call(persona: Persona, method: str, path: str, body: object = None) -> HttpResponse:
    client = Client()
    kwargs = {"headers": persona.bearer()}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(f"/api/v1{path}", **kwargs)


def test_a_patient_invites_by_api_and_gets_the_code_once(cast):
    response = call(cast.charlie, "post", "/shares", {"scopes": ["diary", "medical"], "email": "gp@example.org"})
    assert response.status_code == 201
    body = response.json()
    assert body["share"]["status"] == "invited" and body["share"]["scopes"] == ["diary", "medical"]
    assert body["accept_url"].endswith(f"/clinic/accept/?code={body['code']}")
    assert body["emailed"] is True and mail.outbox[0].to == ["gp@example.org"]
    listed = call(cast.charlie, "get", "/shares").json()
    assert [item["id"] for item in listed] == [body["share"]["id"]] and "code" not in listed[0]
    accepted = call(cast.dave, "post", "/shares/accept", {"code": body["code"]})
    assert (accepted.status_code, accepted.json()["status"], accepted.json()["clinician"]) == (200, "active", "dave")
    assert can_access(cast.dave.user, cast.charlie.user, "medical")


@pytest.mark.parametrize(("body", "field"), [
    ({"scopes": []}, "scopes"), ({"scopes": ["diary", "all"]}, "scopes[1]"), ({"scopes": "diary"}, "scopes"),
    ({"scopes": ["diary"], "can_edit_plan": 1}, "can_edit_plan"),
    ({"scopes": ["diary"], "expires_at": "2001-01-01T00:00:00+00:00"}, "expires_at"),
    ({"scopes": ["diary"], "expires_at": "2030-01-01T00:00:00"}, "expires_at"),
    ({"scopes": ["diary"], "email": "a\x00b"}, "email"), ({"scopes": ["diary"], "colour": "red"}, "colour"),
])
def test_a_bad_invitation_is_a_422_naming_the_field(cast, body, field):
    response = call(cast.charlie, "post", "/shares", body)
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == [field]
    assert not Share.objects.filter(patient=cast.charlie.user).exists()


@pytest.mark.parametrize("email", ["a@example.org\r\nBcc: b@example.org", "a@example.org, b@example.org",
                                   "a@example.org;b@example.org", "not-an-email", "Alice <a@example.org>"])
def test_an_invitation_goes_to_one_plain_address_or_is_refused_whole(cast, email):
    response = call(cast.charlie, "post", "/shares", {"scopes": ["diary"], "email": email})
    assert response.status_code == 422 and [item["field"] for item in response.json()["detail"]] == ["email"]
    assert (Share.objects.filter(patient=cast.charlie.user).count(), mail.outbox) == (0, [])


def test_emailed_invitations_are_limited_per_patient_per_hour(cast):
    for number in range(EMAILED_INVITATIONS_PER_HOUR):
        assert call(cast.charlie, "post", "/shares", {"scopes": ["diary"], "email": f"gp{number}@example.org"}
                    ).status_code == 201
    refused = call(cast.charlie, "post", "/shares", {"scopes": ["diary"], "email": "one-more@example.org"})
    assert refused.status_code == 422 and [item["field"] for item in refused.json()["detail"]] == ["email"]
    assert len(mail.outbox) == EMAILED_INVITATIONS_PER_HOUR
    assert Share.objects.filter(patient=cast.charlie.user).count() == EMAILED_INVITATIONS_PER_HOUR
    assert call(cast.charlie, "post", "/shares", {"scopes": ["diary"]}).status_code == 201  # the code, by hand
    assert call(cast.alice, "post", "/shares", {"scopes": ["diary"], "email": "gp@example.org"}).status_code == 201


def test_a_patient_revokes_by_api_and_the_next_request_is_refused(cast):
    assert call(cast.bob, "get", f"/clinic/patients/{cast.alice.user.pk}/alerts").status_code == 200
    response = call(cast.alice, "post", f"/shares/{cast.bob_share.pk}/revoke")
    assert (response.status_code, response.json()["status"]) == (200, "revoked")
    assert call(cast.bob, "get", f"/clinic/patients/{cast.alice.user.pk}/alerts").status_code == 404
    assert call(cast.bob, "get", "/clinic/patients").json()["count"] == 0


@pytest.mark.parametrize(("who", "status"), [("charlie", 404), ("bob", 403), ("dave", 403)])
def test_only_the_patient_revokes_their_share(cast, who, status):
    response = call(cast.everyone()[who], "post", f"/shares/{cast.bob_share.pk}/revoke")
    assert response.status_code == status
    assert Share.objects.get(pk=cast.bob_share.pk).revoked_at is None


@pytest.mark.parametrize(("who", "method", "path", "status"), [
    ("bob", "post", "/shares", 403), ("bob", "get", "/shares", 403),
    ("alice", "post", "/shares/accept", 403), ("alice", "get", "/clinic/patients", 403),
])
def test_each_side_keeps_to_its_own_operations(cast, who, method, path, status):
    body = {"scopes": ["diary"]} if path == "/shares" and method == "post" else {"code": "AAAAA-BBBBB"}
    assert call(cast.everyone()[who], method, path, body if method == "post" else None).status_code == status


def test_accepting_a_wrong_or_used_code_is_a_422(cast):
    _, code = invite_clinician(cast.charlie.user, scopes=["diary"])
    assert call(cast.dave, "post", "/shares/accept", {"code": code}).status_code == 200
    again = call(cast.bob, "post", "/shares/accept", {"code": code})
    assert (again.status_code, again.json()["detail"][0]["field"]) == (422, "code")


def test_the_panel_as_json(cast):
    open_liver_injury(cast.alice.user)
    body = call(cast.bob, "get", "/clinic/patients?urgent=true").json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    row = body["items"][0]
    assert (row["username"], row["urgent_open"] > 0, row["being_rechecked"], row["adherence"]["has_plan"]) == (
        "alice", True, False, False)
    assert row["last_dose"] is not None
    assert call(cast.bob, "get", "/clinic/patients?q=nobody").json()["items"] == []
    assert call(cast.dave, "get", "/clinic/patients").json()["count"] == 0
    assert call(cast.bob, "get", "/clinic/patients?page=0").status_code == 422


@pytest.mark.parametrize("who", ["dave", "erin"])
def test_a_clinician_without_an_active_share_gets_404_for_everything_about_alice(cast, who):
    alert = open_liver_injury(cast.alice.user)
    persona, base = cast.everyone()[who], f"/clinic/patients/{cast.alice.user.pk}"
    answers = [call(persona, "get", f"{base}/alerts"), call(persona, "get", f"{base}/notes"),
               call(persona, "post", f"{base}/notes", {"text": "x"}),
               call(persona, "post", f"{base}/alerts/{alert.pk}/acknowledge", {"note": "x"}),
               call(persona, "post", f"{base}/alerts/{alert.pk}/resolve", {"note": "x"})]
    assert [answer.status_code for answer in answers] == [404] * 5
    assert not [answer for answer in answers if leaks(answer.content.decode())]
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
    assert not ClinicalNote.objects.exists()


def test_a_clinician_acknowledges_and_resolves_by_api(cast):
    alert = open_liver_injury(cast.alice.user)
    base = f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}"
    acknowledged = call(cast.bob, "post", f"{base}/acknowledge", {"note": "Seen"}).json()
    assert (acknowledged["status"], acknowledged["acknowledged_by"]) == ("acknowledged", "bob")
    resolved = call(cast.bob, "post", f"{base}/resolve", {"note": "Repeat labs normal"}).json()
    assert resolved["status"] == "resolved"
    entries = call(cast.bob, "get", f"{base}/entries").json()
    assert [(e["kind"], e["author"], e["text"]) for e in entries] == [
        ("acknowledged", "bob", "Seen"), ("resolved", "bob", "Repeat labs normal")]
    again = call(cast.bob, "post", f"{base}/resolve", {"note": ""})
    assert (again.status_code, again.json()["detail"][0]["field"]) == (422, "status")


def test_with_a_partial_share_an_alert_comes_without_its_wording(cast):
    open_liver_injury(cast.alice.user)
    alerts = call(cast.fay, "get", f"/clinic/patients/{cast.alice.user.pk}/alerts")  # fay: diary and check-ins
    assert alerts.status_code == 200
    assert "LIVER_INJURY" in [alert["code"] for alert in alerts.json()]
    assert leaks(alerts.content.decode()) == []
    assert {alert["message"] for alert in alerts.json()} == {
        "(hidden: shown only when doses, check-ins, and medicines and labs are all shared)"}


def test_clinical_notes_by_api(cast):
    base = f"/clinic/patients/{cast.alice.user.pk}/notes"
    created = call(cast.bob, "post", base, {"text": "Plan reviewed with the patient"})
    assert created.status_code == 201 and created.json()["author"] == "bob"
    call(cast.fay, "post", base, {"text": "Physio referral"})
    assert [note["text"] for note in call(cast.bob, "get", base).json()] == ["Plan reviewed with the patient"]
    assert [note["text"] for note in call(cast.alice, "get", base).json()] == [
        "Physio referral", "Plan reviewed with the patient"]
    assert call(cast.charlie, "get", base).status_code == 403


@pytest.mark.parametrize(("text", "status"), [("", 422), ("x" * 10_001, 422), ("a\x00b", 422), (12, 422)])
def test_a_bad_note_is_refused_by_api(cast, text, status):
    response = call(cast.bob, "post", f"/clinic/patients/{cast.alice.user.pk}/notes", {"text": text})
    assert response.status_code == status
    assert response.json()["detail"][0]["field"] == "text"
    assert not ClinicalNote.objects.exists()
