"""An alert's conversation (issue 14, item 4): every acknowledgement, resolution and comment is an entry of its own,
with its author and time, and nobody's later entry replaces an earlier one.

The trial's story first: a clinician acknowledged with a note, the patient saved "ok", and the note and its
attribution were gone. Now both stay, on both sides' pages and through both APIs.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.safety.domain import (
    PATIENTS_DO_NOT_RESOLVE,
    acknowledge_alert,
    comment_on_alert,
    resolve_alert,
)
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import api, entries, open_liver_injury
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db

NOTE = "Called, stopped kratom, repeat LFTs Friday."
NOON_IN_NEW_YORK = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture
def liver_alert(cast: Cast) -> StoredAlert:
    with time_machine.travel(NOON_IN_NEW_YORK - dt.timedelta(hours=1), tick=False):
        return open_liver_injury(cast.alice.user)



def test_the_trials_story_keeps_the_clinicians_note_and_attribution_after_the_patient_says_ok(cast, liver_alert):
    alice, bob = cast.alice.user, cast.bob.user
    User.objects.filter(pk=bob.pk).update(first_name="Ana", last_name="Rivera")
    clinician_page = reverse("clinic:alert", args=[alice.pk, liver_alert.pk])
    patient_page = reverse("safety:alert_detail", args=[liver_alert.pk])
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        acked = cast.bob.client.post(clinician_page, {"action": "acknowledge", "note": NOTE})
    with time_machine.travel(NOON_IN_NEW_YORK + dt.timedelta(minutes=10), tick=False):
        replied = cast.alice.client.post(patient_page, {"action": "comment", "text": "ok"})
    assert (acked["Location"], replied["Location"]) == (clinician_page, f"{patient_page}#conversation-heading")

    assert entries(liver_alert) == [("acknowledged", "clinician", "bob", NOTE), ("comment", "patient", "alice", "ok")]
    stored = StoredAlert.objects.get(pk=liver_alert.pk)
    assert (stored.status, stored.acknowledged_by, stored.acknowledged_at) == (
        AlertStatus.ACKNOWLEDGED, bob, NOON_IN_NEW_YORK)

    with time_machine.travel(NOON_IN_NEW_YORK + dt.timedelta(minutes=20), tick=False):  # within a clinician's idle limit
        # The patient's page: the conversation oldest first, names, roles and her own (New York) times.
        page = cast.alice.client.get(patient_page).content.decode()
        assert page.index(NOTE) < page.index("<strong>You</strong>")
        assertContains(cast.alice.client.get(patient_page), "<strong>Ana Rivera</strong>", html=True)
        assert "20 Nov 2026, 12:00</time>" in page and "20 Nov 2026, 12:10</time>" in page
        assert "Change your note" not in page and '<h2 id="comment-heading">Add a comment</h2>' in page
        # The clinician's page: both entries, the patient's under her name.
        clinician_view = cast.bob.client.get(clinician_page)
        assertContains(clinician_view, f'<p class="note-text">{NOTE}</p>', html=True)
        assertContains(clinician_view, '<p class="note-text">ok</p>', html=True)
        assertContains(clinician_view, "<strong>You</strong>", html=True)
        # Both APIs.
        mine = api(cast.alice, "get", f"/alerts/{liver_alert.pk}/entries").json()
        theirs = api(cast.bob, "get", f"/clinic/patients/{alice.pk}/alerts/{liver_alert.pk}/entries").json()
        expected = [
            {"kind": "acknowledged", "role": "clinician", "author": "bob", "author_name": "Ana Rivera",
             "created_at": "2026-11-20T17:00:00Z", "text": NOTE, "hidden": False},
            {"kind": "comment", "role": "patient", "author": "alice", "author_name": "alice",
             "created_at": "2026-11-20T17:10:00Z", "text": "ok", "hidden": False},
        ]
        assert [{k: v for k, v in entry.items() if k != "id"} for entry in mine] == expected
        assert [{k: v for k, v in entry.items() if k != "id"} for entry in theirs] == expected
        # Today still says what the clinician wrote.
        today = cast.alice.client.get(reverse("diary:today"))
        assertContains(today, f"Your clinician saw this on 20 Nov: “{NOTE}”")


def test_the_patient_comments_and_lists_the_conversation_by_api(cast, liver_alert):
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        created = api(cast.alice, "post", f"/alerts/{liver_alert.pk}/comments", {"text": "  I stopped today.  "})
    assert created.status_code == 201, created.content
    body = created.json()
    assert {k: v for k, v in body.items() if k != "id"} == {
        "kind": "comment", "role": "patient", "author": "alice", "author_name": "alice",
        "created_at": "2026-11-20T17:00:00Z", "text": "I stopped today.", "hidden": False}
    assert [entry["id"] for entry in api(cast.alice, "get", f"/alerts/{liver_alert.pk}/entries").json()] == [
        body["id"]]
    # A comment does not acknowledge: the alert is still waiting for someone to say they saw it.
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN


@pytest.mark.parametrize(("text", "message"), [
    ("called\x00the clinic", "contains a NUL character, which cannot be stored"),
    ("x" * 4001, "String should have at most 4000 characters"),
    ("   ", "is required"),
    ("", "String should have at least 1 character"),
])
def test_a_bad_comment_is_a_clear_422_and_nothing_is_lost(cast, liver_alert, text, message):
    acknowledge_alert(liver_alert, by=cast.bob.user, note=NOTE)
    response = api(cast.alice, "post", f"/alerts/{liver_alert.pk}/comments", {"text": text})
    assert (response.status_code, response.json()) == (422, {"detail": [{"field": "text", "message": message}]})
    assert entries(liver_alert) == [("acknowledged", "clinician", "bob", NOTE)]


def test_a_bad_comment_on_the_page_is_shown_beside_the_field_and_keeps_what_was_typed(cast, liver_alert):
    acknowledge_alert(liver_alert, by=cast.bob.user, note=NOTE)
    long_text = "Thank you. " * 400  # 4,400 characters
    response = cast.alice.client.post(reverse("safety:alert_detail", args=[liver_alert.pk]),
                                      {"action": "comment", "text": long_text})
    assertContains(response, '<ul class="errors" id="id_text_error"><li>Your comment is 4399 characters long; '
                             'at most 4000 are allowed</li></ul>', html=True)
    assertContains(response, long_text.strip())  # in the form again, to shorten
    assert entries(liver_alert) == [("acknowledged", "clinician", "bob", NOTE)]


def test_a_second_acknowledgement_adds_its_entry_and_keeps_the_first_acknowledger(cast, liver_alert):
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        acknowledge_alert(liver_alert, by=cast.bob.user, note=NOTE)
    with time_machine.travel(NOON_IN_NEW_YORK + dt.timedelta(hours=1), tick=False):
        response = api(cast.alice, "post", f"/alerts/{liver_alert.pk}/acknowledge", {"note": "ok"})
    assert (response.status_code, response.json()["acknowledged_by"],
            response.json()["acknowledged_at"]) == (200, "bob", "2026-11-20T17:00:00Z")
    assert entries(liver_alert) == [("acknowledged", "clinician", "bob", NOTE),
                                    ("acknowledged", "patient", "alice", "ok")]


def test_the_patient_page_offers_acknowledge_only_while_open_and_comment_always(cast, liver_alert):
    url = reverse("safety:alert_detail", args=[liver_alert.pk])
    open_page = cast.alice.client.get(url)
    assertContains(open_page, 'value="acknowledge"')
    assertContains(open_page, 'value="comment"')
    acknowledge_alert(liver_alert, by=cast.alice.user)
    seen_page = cast.alice.client.get(url)
    assertNotContains(seen_page, 'value="acknowledge"')
    assertContains(seen_page, 'value="comment"')


def test_who_may_write_what(cast, liver_alert):
    """The patient acknowledges and comments but never resolves; a clinician she does not share with writes
    nothing; nothing refused is stored."""
    alice, dave, charlie = cast.alice.user, cast.dave.user, cast.charlie.user
    with pytest.raises(PermissionDenied, match=PATIENTS_DO_NOT_RESOLVE):
        resolve_alert(liver_alert, by=alice)
    for stranger in (dave, charlie):
        for act in (lambda by: acknowledge_alert(liver_alert, by=by), lambda by: resolve_alert(liver_alert, by=by),
                    lambda by: comment_on_alert(liver_alert, by=by, text="hello")):
            with pytest.raises(PermissionDenied):
                act(stranger)
    with pytest.raises(InputError, match="text: is required"):
        comment_on_alert(liver_alert, by=alice, text=" ")
    assert entries(liver_alert) == []
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN


def test_a_resolved_alert_can_still_be_talked_about_but_not_acknowledged(cast, liver_alert):
    resolve_alert(liver_alert, by=cast.bob.user, note="Repeat labs normal.")
    with pytest.raises(InputError, match="already resolved"):
        acknowledge_alert(liver_alert, by=cast.alice.user, note="ok")
    comment_on_alert(liver_alert, by=cast.alice.user, text="Thank you.")
    assert entries(liver_alert) == [("resolved", "clinician", "bob", "Repeat labs normal."),
                                    ("comment", "patient", "alice", "Thank you.")]


def test_entries_of_a_closed_clinician_account_stay_unsigned(cast, liver_alert):
    acknowledge_alert(liver_alert, by=cast.bob.user, note=NOTE)
    cast.bob.user.delete()
    [entry] = api(cast.alice, "get", f"/alerts/{liver_alert.pk}/entries").json()
    assert (entry["author"], entry["author_name"], entry["role"], entry["text"]) == (
        None, "a closed account", "clinician", NOTE)
