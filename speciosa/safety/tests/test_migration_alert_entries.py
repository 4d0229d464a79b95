"""The migration to alert conversations copies every note and acknowledgement into an entry, so nothing is lost.

Runs the real migrations: back to the single note (0003), rows written as the old code wrote them, then forward.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("safety", "0003_alert_clinical_voice")], [("safety", "0005_remove_storedalert_note")]
T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_each_note_and_acknowledgement_becomes_an_entry_with_its_author_kind_and_time():
    old = migrate(BEFORE)
    User, StoredAlert = old.get_model("accounts", "User"), old.get_model("safety", "StoredAlert")
    alice = User.objects.create(username="alice", role="patient")
    bob = User.objects.create(username="bob", role="clinician")

    def alert(code, **fields):
        return StoredAlert.objects.create(patient=alice, code=code, severity="urgent", title=code, message="m",
                                          action="a", first_seen=T0, last_seen=T0, **fields).pk

    later = T0 + dt.timedelta(days=2)
    ids = {
        # the trial's note: a clinician acknowledged with words
        "acked": alert("A", status="acknowledged", acknowledged_by=bob, acknowledged_at=T0,
                       note="Called, stopped kratom, repeat LFTs Friday."),
        # resolved by hand in one act (resolve_alert on an alert nobody had acknowledged)
        "resolved": alert("B", status="resolved", acknowledged_by=bob, acknowledged_at=later, resolved_at=later,
                          note="Repeat labs normal."),
        # acknowledged by the patient with words, resolved later by itself
        "patient": alert("C", status="resolved", acknowledged_by=alice, acknowledged_at=T0, resolved_at=later,
                         note="Seeing my doctor"),
        # acknowledged without words: still "your clinician saw this"
        "silent": alert("D", status="acknowledged", acknowledged_by=bob, acknowledged_at=T0),
        # the acknowledging clinician's account was closed since
        "orphan": alert("E", status="acknowledged", acknowledged_by=None, acknowledged_at=T0, note="Seen."),
        # never acknowledged: no entry
        "open": alert("F"),
    }

    new = migrate(AFTER)
    AlertEntry = new.get_model("safety", "AlertEntry")
    rows = {alert_id: list(AlertEntry.objects.filter(alert_id=alert_id).values_list(
        "patient_id", "author_id", "role", "kind", "text", "created_at")) for alert_id in ids.values()}
    assert rows == {
        ids["acked"]: [(alice.pk, bob.pk, "clinician", "acknowledged", "Called, stopped kratom, repeat LFTs Friday.",
                        T0)],
        ids["resolved"]: [(alice.pk, bob.pk, "clinician", "resolved", "Repeat labs normal.", later)],
        ids["patient"]: [(alice.pk, alice.pk, "patient", "acknowledged", "Seeing my doctor", T0)],
        ids["silent"]: [(alice.pk, bob.pk, "clinician", "acknowledged", "", T0)],
        ids["orphan"]: [(alice.pk, None, "clinician", "acknowledged", "Seen.", T0)],
        ids["open"]: [],
    }
    assert "note" not in {field.name for field in new.get_model("safety", "StoredAlert")._meta.get_fields()}

    # And back: the latest words return to the note column.
    old = migrate(BEFORE)
    notes = dict(old.get_model("safety", "StoredAlert").objects.values_list("pk", "note"))
    assert [notes[ids[key]] for key in ("acked", "resolved", "silent", "open")] == [
        "Called, stopped kratom, repeat LFTs Friday.", "Repeat labs normal.", "", ""]
    migrate(AFTER)
