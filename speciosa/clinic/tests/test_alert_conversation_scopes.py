"""What a clinician may do with an alert's conversation, by the scopes the patient shares with them.

Any clinician she shares with may acknowledge and comment (their own entry, never a change to another's); only one
who may read the alert's details (doses, check-ins, and medicines and labs) may resolve it, and only such a one reads
the patient's and other clinicians' words. A clinician who may not sees that an entry is there, whose and when.
"""


import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.audit.models import AuditEntry
from speciosa.clinic.enums import Scope
from speciosa.safety.domain import RESOLVE_NEEDS_DETAILS, acknowledge_alert, comment_on_alert
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import api, entries, leaks, open_liver_injury
from speciosa.testing import Cast, build_cast

pytestmark = pytest.mark.django_db

NOTE = "Called, stopped kratom, repeat LFTs Friday."



def conversation_with(scopes: tuple[str, ...]) -> tuple[Cast, StoredAlert]:
    """alice's urgent liver alert, acknowledged by bob with the trial's note and answered "ok" by her; fay holds
    ``scopes``."""
    cast = build_cast(partial_scopes=scopes)
    alert = open_liver_injury(cast.alice.user)
    acknowledge_alert(alert, by=cast.bob.user, note=NOTE)
    comment_on_alert(alert, by=cast.alice.user, text="ok, I stopped (ALT was 987.5)")
    return cast, alert


def test_a_checkins_only_clinician_adds_their_own_entry_but_cannot_alter_or_resolve():
    cast, alert = conversation_with((Scope.CHECKINS,))
    base = f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}"
    acked = api(cast.fay, "post", f"{base}/acknowledge", {"note": "Seen by fay"})
    resolved = api(cast.fay, "post", f"{base}/resolve", {"note": "Closing it"})
    assert acked.status_code == 200
    assert (resolved.status_code, resolved.json()) == (
        403, {"detail": [{"field": "alert_id", "message": RESOLVE_NEEDS_DETAILS}]})
    page = cast.fay.client.post(reverse("clinic:alert", args=[cast.alice.user.pk, alert.pk]),
                                {"action": "resolve", "note": "Closing it"})
    assertContains(page, "You cannot resolve this alert", status_code=403)
    # bob's note and its attribution, and alice's reply, are as they were; fay's acknowledgement is her own entry.
    assert entries(alert) == [("acknowledged", "clinician", "bob", NOTE),
                              ("comment", "patient", "alice", "ok, I stopped (ALT was 987.5)"),
                              ("acknowledged", "clinician", "fay", "Seen by fay")]
    stored = StoredAlert.objects.get(pk=alert.pk)
    assert (stored.status, stored.acknowledged_by, stored.resolved_at) == (
        AlertStatus.ACKNOWLEDGED, cast.bob.user, None)
    written = list(AuditEntry.objects.filter(actor=cast.fay.user, action="write").values_list("what", flat=True))
    assert written == [f"alert {alert.pk}: acknowledged"]  # the refused resolutions wrote nothing


def test_a_diary_only_clinician_gets_403_resolving_an_urgent_liver_alert_whose_details_they_cannot_see():
    cast, alert = conversation_with((Scope.DIARY,))
    response = api(cast.fay, "post", f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}/resolve", {})
    assert (response.status_code, response.json()["detail"][0]["message"]) == (403, RESOLVE_NEEDS_DETAILS)
    assert alert.severity == "urgent"
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.ACKNOWLEDGED
    # bob sees everything and may.
    by_bob = api(cast.bob, "post", f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}/resolve",
                 {"note": "LFTs normal"})
    assert (by_bob.status_code, by_bob.json()["status"]) == (200, "resolved")


def test_a_clinician_without_the_details_sees_that_others_wrote_but_not_what():
    cast, alert = conversation_with((Scope.DIARY, Scope.CHECKINS))
    base = f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}"
    mine = api(cast.fay, "post", f"{base}/comments", {"text": "Dose log looks steady."})
    assert mine.status_code == 201 and mine.json()["text"] == "Dose log looks steady."
    listed = api(cast.fay, "get", f"{base}/entries")
    assert [(e["author"], e["role"], e["kind"], e["text"], e["hidden"]) for e in listed.json()] == [
        ("bob", "clinician", "acknowledged", "", True),
        ("alice", "patient", "comment", "", True),
        ("fay", "clinician", "comment", "Dose log looks steady.", False)]
    assert NOTE not in listed.content.decode() and leaks(listed.content.decode()) == []
    page = cast.fay.client.get(reverse("clinic:alert", args=[cast.alice.user.pk, alert.pk]))
    assertContains(page, "Hidden: outside what was shared with you.", count=2)
    assertContains(page, "Dose log looks steady.")
    assertNotContains(page, NOTE)
    assertNotContains(page, 'value="resolve"')
    assertContains(page, 'data-testid="resolve-needs-details"')
    # The patient reads every entry, fay's included; bob (everything shared) reads them all too.
    for reader, path in ((cast.alice, f"/alerts/{alert.pk}/entries"), (cast.bob, f"{base}/entries")):
        texts = [entry["text"] for entry in api(reader, "get", path).json()]
        assert texts == [NOTE, "ok, I stopped (ALT was 987.5)", "Dose log looks steady."]


def test_the_entries_reads_and_comments_are_audited_and_strangers_get_404():
    cast, alert = conversation_with((Scope.DIARY, Scope.CHECKINS))
    base = f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}"
    api(cast.bob, "get", f"{base}/entries")
    api(cast.bob, "post", f"{base}/comments", {"text": "See you Friday."})
    assert list(AuditEntry.objects.filter(actor=cast.bob.user).order_by("pk").values_list("action", "what")) == [
        ("read", f"alert {alert.pk}: conversation"), ("write", f"alert {alert.pk}: comment")]
    for stranger in (cast.dave, cast.erin):  # never shared; shared and revoked
        refused = [api(stranger, "get", f"{base}/entries").status_code,
                   api(stranger, "post", f"{base}/comments", {"text": "hello"}).status_code]
        assert refused == [404, 404]
    assert [text for *_, text in entries(alert)][-1] == "See you Friday."


@pytest.mark.parametrize(("text", "message"), [
    ("see\x00you", "contains a NUL character, which cannot be stored"),
    ("x" * 4001, "String should have at most 4000 characters"),
])
def test_a_bad_clinician_comment_or_note_is_a_clear_422_and_nothing_is_lost(text, message):
    cast, alert = conversation_with((Scope.DIARY, Scope.CHECKINS))
    base = f"/clinic/patients/{cast.alice.user.pk}/alerts/{alert.pk}"
    before = entries(alert)
    comment = api(cast.bob, "post", f"{base}/comments", {"text": text})
    note = api(cast.bob, "post", f"{base}/resolve", {"note": text})
    assert [(r.status_code, r.json()["detail"]) for r in (comment, note)] == [
        (422, [{"field": "text", "message": message}]), (422, [{"field": "note", "message": message}])]
    assert entries(alert) == before
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.ACKNOWLEDGED


def test_a_clinician_comments_on_the_page_and_an_empty_comment_is_refused_beside_the_field(cast):
    alert = open_liver_injury(cast.alice.user)
    url = reverse("clinic:alert", args=[cast.alice.user.pk, alert.pk])
    empty = cast.bob.client.post(url, {"action": "comment", "note": "  "})
    assertContains(empty, '<ul class="errors" id="id_note_error"><li>Note or comment is required</li></ul>',
                   html=True)
    done = cast.bob.client.post(url, {"action": "comment", "note": "Please book LFTs."})
    assert done.status_code == 302
    assert entries(alert) == [("comment", "clinician", "bob", "Please book LFTs.")]
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.OPEN  # a comment is not an acknowledgement
