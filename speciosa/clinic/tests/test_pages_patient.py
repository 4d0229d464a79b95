"""The clinician's view of a patient: sections by scope, alerts with evidence, acknowledging or resolving with a
note, clinical notes; and who may open it."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.audit.models import AuditEntry
from speciosa.clinic.domain import revoke_share
from speciosa.clinic.models import ClinicalNote
from speciosa.clinic.testing import share
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import leaks, open_liver_injury

pytestmark = pytest.mark.django_db


def patient_url(patient) -> str:  # type: ignore[no-untyped-def]
    return reverse("clinic:patient", args=[patient.pk])


def alert_url(alert) -> str:  # type: ignore[no-untyped-def]
    return reverse("clinic:alert", args=[alert.patient_id, alert.pk])


@pytest.mark.parametrize(("who", "status"), [
    ("bob", 200), ("dana", 403), ("erin", 403), ("alice", 403), ("charlie", 403),
])
def test_who_opens_alices_page_and_her_alert(clinic, who, status):
    alert = open_liver_injury(clinic.alice.user)
    client = clinic.everyone()[who].client
    assert (client.get(patient_url(clinic.alice.user)).status_code,
            client.get(alert_url(alert)).status_code) == (status, status)


def test_refusals_do_not_reveal_the_patient(clinic):
    pages = [patient_url(clinic.alice.user), reverse("clinic:patient", args=[999_999])]
    for url in pages:
        page = clinic.dana.client.get(url)
        assert page.status_code == 403
        assertNotContains(page, "alice", status_code=403)
        assert not leaks(page.content.decode())


def test_a_refused_write_changes_nothing(clinic):
    alert = open_liver_injury(clinic.alice.user)
    for who in ("dana", "erin", "charlie"):
        client = clinic.everyone()[who].client
        client.post(alert_url(alert), {"note": "x", "action": "resolve"})
        client.post(patient_url(clinic.alice.user), {"text": "a note"})
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
    assert not ClinicalNote.objects.exists()


def test_the_next_request_after_revocation_is_refused(clinic):
    url = patient_url(clinic.alice.user)
    assert clinic.bob.client.get(url).status_code == 200
    revoke_share(clinic.bobs_share, by=clinic.alice.user)
    assert clinic.bob.client.get(url).status_code == 403


def test_with_every_scope_the_page_shows_every_section(clinic):
    page = clinic.bob.client.get(patient_url(clinic.alice.user))
    for text in ("Profile", "Alerts", "Timeline", "2.5 g of Red vein powder", "Check-in · pain 5/10",
                 "alice&#x27;s private note", "Medicines", "Gabapentin", "Latest lab results", "Your clinical notes",
                 f"/reports/patients/{clinic.alice.user.pk}/charts/"):
        assertContains(page, text)


@pytest.mark.parametrize(("scopes", "shown", "hidden"), [
    (["diary"], ["Red vein powder"], ["pain 5/10", "Gabapentin", "private note", "Latest lab results"]),
    (["checkins"], ["pain 5/10"], ["Red vein powder", "Gabapentin", "private note"]),
    (["medical"], ["Gabapentin", "ALT"], ["Red vein powder", "pain 5/10", "private note"]),
    (["checkins", "notes"], ["pain 5/10", "private note"], ["Red vein powder", "Gabapentin"]),
    (["notes"], ["Your clinical notes"], ["Timeline", "Red vein powder", "pain 5/10", "Gabapentin"]),
])
def test_each_section_appears_only_with_its_scope(clinic, scopes, shown, hidden):
    share(clinic.alice.user, clinic.dana.user, scopes=scopes)
    page = clinic.dana.client.get(patient_url(clinic.alice.user)).content.decode()
    assert [text for text in shown if text not in page] == []
    assert [text for text in hidden if text in page] == []


def test_an_alert_shows_its_evidence_when_every_data_scope_is_shared(clinic):
    alert = open_liver_injury(clinic.alice.user)
    page = clinic.bob.client.get(alert_url(alert))
    assert leaks(page.content.decode()) == ["987.5", "24.09"]
    assertContains(page, "Sources")
    share(clinic.alice.user, clinic.dana.user, scopes=["diary"])
    partial = clinic.dana.client.get(alert_url(alert)).content.decode()
    assert leaks(partial) == []
    assert "figures behind it, are hidden" in partial
    assert alert.message not in partial


def test_a_clinician_acknowledges_an_alert_with_a_note(clinic):
    alert = open_liver_injury(clinic.alice.user)
    response = clinic.bob.client.post(alert_url(alert), {"note": "Called her; repeat LFTs Monday",
                                                         "action": "acknowledge"})
    assert response.status_code == 302
    stored = StoredAlert.objects.get(pk=alert.pk)
    assert (stored.status, stored.acknowledged_by, stored.note) == (
        AlertStatus.ACKNOWLEDGED, clinic.bob.user, "Called her; repeat LFTs Monday")
    assertContains(clinic.alice.client.get(reverse("safety:alert_detail", args=[alert.pk])),
                   "Called her; repeat LFTs Monday")


def test_a_resolved_alert_opens_again_if_its_condition_still_holds_at_the_next_change(clinic):
    alice = clinic.alice.user
    alert = open_liver_injury(alice)
    clinic.bob.client.post(alert_url(alert), {"note": "Reviewed", "action": "resolve"})
    resolved = StoredAlert.objects.get(pk=alert.pk)
    assert (resolved.status, resolved.note, resolved.acknowledged_by) == (AlertStatus.RESOLVED, "Reviewed",
                                                                          clinic.bob.user)
    open_liver_injury(alice)  # another draw with the same figures: the condition still holds
    again = StoredAlert.objects.filter(patient=alice, code="LIVER_INJURY").exclude(pk=alert.pk).get()
    assert again.status == AlertStatus.OPEN


def test_a_note_with_a_nul_character_is_refused_on_the_alert(clinic):
    alert = open_liver_injury(clinic.alice.user)
    response = clinic.bob.client.post(alert_url(alert), {"note": "bad\x00note", "action": "acknowledge"})
    assert response.status_code == 200
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN


def test_a_clinician_writes_notes_and_sees_only_their_own(clinic):
    share(clinic.alice.user, clinic.dana.user, scopes=["diary"])
    clinic.bob.client.post(patient_url(clinic.alice.user), {"text": "Bob's plan: taper over 4 weeks"})
    response = clinic.dana.client.post(patient_url(clinic.alice.user), {"text": "Dana saw her for physio"})
    assert response.status_code == 302
    bobs_page = clinic.bob.client.get(patient_url(clinic.alice.user))
    assertContains(bobs_page, "taper over 4 weeks")
    assertNotContains(bobs_page, "physio")


@pytest.mark.parametrize(("text", "message"), [
    ("", "This field is required"), ("x" * 10_001, "at most 10000 characters"), ("nul\x00", "Null characters"),
])
def test_a_bad_clinical_note_is_refused_and_kept_in_the_form(clinic, text, message):
    response = clinic.bob.client.post(patient_url(clinic.alice.user), {"text": text})
    assert response.status_code == 200
    assertContains(response, message)
    assert not ClinicalNote.objects.exists()


def test_every_clinician_read_and_write_is_audited(clinic):
    alert = open_liver_injury(clinic.alice.user)
    clinic.bob.client.get(patient_url(clinic.alice.user))
    clinic.bob.client.get(alert_url(alert))
    clinic.bob.client.post(alert_url(alert), {"note": "", "action": "acknowledge"})
    clinic.bob.client.post(patient_url(clinic.alice.user), {"text": "Seen"})
    assert clinic.bob.client.get(reverse("clinic:panel")).status_code == 200
    entries = [(entry.action, entry.what.split(":")[0]) for entry in
               AuditEntry.objects.filter(actor=clinic.bob.user, patient=clinic.alice.user).order_by("at", "id")]
    assert entries == [("read", "patient page"), ("read", f"alert {alert.pk}"), ("write", f"alert {alert.pk}"),
                       ("write", "clinical note"), ("read", "panel")]
