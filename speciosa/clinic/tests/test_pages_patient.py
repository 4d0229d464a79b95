"""The clinician's view of a patient: sections by scope, alerts with evidence, acknowledging or resolving with a
note, clinical notes; and who may open it."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.accounts.models import User
from speciosa.audit.models import AuditEntry
from speciosa.clinic.domain import revoke_share
from speciosa.clinic.models import ClinicalNote
from speciosa.clinic.testing import share
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import leaks, open_liver_injury
from speciosa.testing import make_clinician, signed_in

pytestmark = pytest.mark.django_db


def patient_url(patient: User) -> str:
    return reverse("clinic:patient", args=[patient.pk])


def alert_url(alert: StoredAlert) -> str:
    return reverse("clinic:alert", args=[alert.patient_id, alert.pk])


@pytest.mark.parametrize(("who", "status"), [
    ("bob", 200), ("fay", 200), ("dave", 403), ("erin", 403), ("alice", 403), ("charlie", 403), ("rita", 403),
    ("adam", 403),
])
def test_who_opens_alices_page_and_her_alert(cast, who, status):
    alert = open_liver_injury(cast.alice.user)
    client = cast.everyone()[who].client
    assert (client.get(patient_url(cast.alice.user)).status_code,
            client.get(alert_url(alert)).status_code) == (status, status)


def test_refusals_do_not_reveal_the_patient(cast):
    pages = [patient_url(cast.alice.user), reverse("clinic:patient", args=[999_999])]
    for url in pages:
        page = cast.dave.client.get(url)
        assert page.status_code == 403
        assertNotContains(page, "alice", status_code=403)
        assert not leaks(page.content.decode())


def test_a_refused_write_changes_nothing(cast):
    alert = open_liver_injury(cast.alice.user)
    for who in ("dave", "erin", "charlie"):
        client = cast.everyone()[who].client
        client.post(alert_url(alert), {"note": "x", "action": "resolve"})
        client.post(patient_url(cast.alice.user), {"text": "a note"})
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
    assert not ClinicalNote.objects.exists()


def test_the_next_request_after_revocation_is_refused(cast):
    url = patient_url(cast.alice.user)
    assert cast.bob.client.get(url).status_code == 200
    revoke_share(cast.bob_share, by=cast.alice.user)
    assert cast.bob.client.get(url).status_code == 403


def every_tab(client, patient) -> str:
    """The patient page's tabs the viewer is offered, one after the other (each is a GET of ?tab=)."""
    first = client.get(patient_url(patient))
    assert first.status_code == 200
    pages = [client.get(patient_url(patient), {"tab": tab.key}) for tab in first.context["tabs"]]
    assert [page.status_code for page in pages] == [200] * len(pages)
    return "".join(page.content.decode() for page in pages)


def test_with_every_scope_the_page_shows_every_section(cast):
    page = every_tab(cast.bob.client, cast.alice.user)
    for text in ("Profile", "Alerts", "Timeline", "2.5 g of Red vein powder", "Check-in · pain 5/10",
                 "alice&#x27;s private note", "Medicines", "Gabapentin", "Latest lab results", "Your clinical notes",
                 f"/reports/patients/{cast.alice.user.pk}/charts/", f"/plans/patients/{cast.alice.user.pk}/",
                 f"/questionnaires/patients/{cast.alice.user.pk}/"):
        assert text in page


@pytest.mark.parametrize(("scopes", "shown", "hidden"), [
    (["diary"], ["Red vein powder"], ["pain 5/10", "Gabapentin", "private note", "Latest lab results"]),
    (["checkins"], ["pain 5/10"], ["Red vein powder", "Gabapentin", "private note"]),
    (["medical"], ["Gabapentin", "ALT"], ["Red vein powder", "pain 5/10", "private note"]),
    (["checkins", "notes"], ["pain 5/10", "private note"], ["Red vein powder", "Gabapentin"]),
    (["notes"], ["Your clinical notes"], ["Timeline", "Red vein powder", "pain 5/10", "Gabapentin"]),
])
def test_each_section_appears_only_with_its_scope(cast, scopes, shown, hidden):
    newcomer = signed_in(make_clinician("gil"))
    share(cast.alice.user, newcomer.user, scopes=scopes)
    page = every_tab(newcomer.client, cast.alice.user)
    assert [text for text in shown if text not in page] == []
    assert [text for text in hidden if text in page] == []


def test_an_alert_shows_its_evidence_when_every_data_scope_is_shared(cast):
    alert = open_liver_injury(cast.alice.user)
    page = cast.bob.client.get(alert_url(alert))
    assert leaks(page.content.decode()) == ["987.5", "24.09"]
    assertContains(page, "Sources")
    partial = cast.fay.client.get(alert_url(alert)).content.decode()  # fay: diary and check-ins
    assert leaks(partial) == []
    assert "figures behind it, are hidden" in partial
    assert alert.message not in partial


def test_a_clinician_acknowledges_an_alert_with_a_note(cast):
    alert = open_liver_injury(cast.alice.user)
    response = cast.bob.client.post(alert_url(alert), {"note": "Called her; repeat LFTs Monday",
                                                         "action": "acknowledge"})
    assert response.status_code == 302
    stored = StoredAlert.objects.get(pk=alert.pk)
    assert (stored.status, stored.acknowledged_by) == (AlertStatus.ACKNOWLEDGED, cast.bob.user)
    assert list(stored.entries.values_list("kind", "role", "author__username", "text")) == [
        ("acknowledged", "clinician", "bob", "Called her; repeat LFTs Monday")]
    assertContains(cast.alice.client.get(reverse("safety:alert_detail", args=[alert.pk])),
                   "Called her; repeat LFTs Monday")


def test_a_resolved_alert_opens_again_if_its_condition_still_holds_at_the_next_change(cast):
    alice = cast.alice.user
    alert = open_liver_injury(alice)
    cast.bob.client.post(alert_url(alert), {"note": "Reviewed", "action": "resolve"})
    resolved = StoredAlert.objects.get(pk=alert.pk)
    assert (resolved.status, resolved.acknowledged_by) == (AlertStatus.RESOLVED, cast.bob.user)
    assert list(resolved.entries.values_list("kind", "text")) == [("resolved", "Reviewed")]
    open_liver_injury(alice)  # another draw with the same figures: the condition still holds
    again = StoredAlert.objects.filter(patient=alice, code="LIVER_INJURY").exclude(pk=alert.pk).get()
    assert again.status == AlertStatus.OPEN


def test_a_note_with_a_nul_character_is_refused_on_the_alert(cast):
    alert = open_liver_injury(cast.alice.user)
    response = cast.bob.client.post(alert_url(alert), {"note": "bad\x00note", "action": "acknowledge"})
    assert response.status_code == 200
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
    assert not alert.entries.exists()


def test_a_clinician_writes_notes_and_sees_only_their_own(cast):
    cast.bob.client.post(patient_url(cast.alice.user), {"text": "Bob's plan: taper over 4 weeks"})
    response = cast.fay.client.post(patient_url(cast.alice.user), {"text": "Fay saw her for physio"})
    assert response.status_code == 302
    bobs_page = cast.bob.client.get(patient_url(cast.alice.user), {"tab": "notes"})
    assertContains(bobs_page, "taper over 4 weeks")
    assertNotContains(bobs_page, "physio")


@pytest.mark.parametrize(("text", "message"), [
    ("", "This field is required"), ("x" * 10_001, "at most 10000 characters"), ("nul\x00", "Null characters"),
])
def test_a_bad_clinical_note_is_refused_and_kept_in_the_form(cast, text, message):
    response = cast.bob.client.post(patient_url(cast.alice.user), {"text": text})
    assert response.status_code == 200
    assertContains(response, message)
    assert not ClinicalNote.objects.exists()


def test_every_clinician_read_and_write_is_audited(cast):
    alert = open_liver_injury(cast.alice.user)
    cast.bob.client.get(patient_url(cast.alice.user))
    cast.bob.client.get(alert_url(alert))
    cast.bob.client.post(alert_url(alert), {"note": "", "action": "acknowledge"})
    cast.bob.client.post(patient_url(cast.alice.user), {"text": "Seen"})
    assert cast.bob.client.get(reverse("clinic:panel")).status_code == 200
    entries = [(entry.action, entry.what.split(":")[0]) for entry in
               AuditEntry.objects.filter(actor=cast.bob.user, patient=cast.alice.user).order_by("at", "id")]
    assert entries == [("read", "patient page"), ("read", f"alert {alert.pk}"), ("write", f"alert {alert.pk}"),
                       ("write", "clinical note"), ("read", "panel")]
