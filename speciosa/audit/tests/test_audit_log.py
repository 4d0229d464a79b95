"""The audit log: who other than the patient read or changed their data; append-only; shown and exportable."""

import csv
import io
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.audit.domain import RETENTION, patient_ref_of, record_access, record_access_many
from speciosa.audit.models import AppendOnlyError, AuditEntry
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


def a_read(cast: Cast, what: str = "timeline", **extra: Any) -> AuditEntry | None:
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox/" + "x" * 300)
    return record_access(actor=cast.bob.user, patient=cast.alice.user, action="read", what=what,
                         request=request, **extra)


def test_a_clinicians_read_is_recorded_with_who_what_when_and_where(cast):
    entry = a_read(cast)
    stored = AuditEntry.objects.get()
    assert (stored.pk, stored.actor, stored.actor_label, stored.patient, stored.action, stored.what) == (
        entry.pk, cast.bob.user, "bob (clinician)", cast.alice.user, "read", "timeline")
    assert (stored.ip, stored.user_agent) == ("203.0.113.7", ("Firefox/" + "x" * 300)[:200])
    assert stored.patient_ref == patient_ref_of(cast.alice.user)


def test_a_patients_own_reads_are_not_recorded(cast):
    assert record_access(actor=cast.alice.user, patient=cast.alice.user, action="read", what="timeline") is None
    assert AuditEntry.objects.count() == 0


def test_an_unknown_action_is_a_programming_error(cast):
    with pytest.raises(ValueError, match="unknown audit action"):
        record_access(actor=cast.bob.user, patient=cast.alice.user, action="peek", what="x")


def test_control_characters_in_what_are_dropped_and_its_length_capped(cast):
    entry = a_read(cast, what="alert\x00 12\n" + "y" * 300)
    assert (entry.what[:8], len(entry.what)) == ("alert 12", 200)


def test_the_pseudonym_is_stable_and_differs_between_patients(cast):
    alice, charlie = cast.alice.user, cast.charlie.user
    assert patient_ref_of(alice) == patient_ref_of(type(alice).objects.get(pk=alice.pk))
    assert patient_ref_of(alice) != patient_ref_of(charlie)
    assert "alice" not in patient_ref_of(alice)


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(cast):
    entry = a_read(cast)
    entry.what = "nothing"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(what="nothing")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().what == "timeline"


@pytest.mark.parametrize(("column", "value"), [("what", "'nothing'"), ("actor_label", "'someone else'"),
                                                ("at", "'2000-01-01 00:00:00'"), ("patient_ref", "'p-0'")])
def test_the_database_refuses_an_update_of_an_entry(cast, column, value):
    entry = a_read(cast)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE audit_auditentry SET {column} = {value} WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get().what == "timeline"


def test_deleting_the_clinicians_account_keeps_the_entry_and_its_label(cast):
    a_read(cast)
    cast.bob.user.delete()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_label, entry.patient) == (None, "bob (clinician)", cast.alice.user)


def test_the_patient_sees_who_looked_at_their_data_and_no_one_elses_entries(cast):
    a_read(cast, what="timeline")
    record_access(actor=cast.bob.user, patient=cast.charlie.user, action="read", what="charlies labs")
    page = cast.alice.client.get("/audit/")
    assertContains(page, "bob (clinician)")
    assertContains(page, "timeline")
    assertContains(page, "203.0.113.7")
    assertNotContains(page, "charlies labs")
    assertContains(cast.charlie.client.get("/audit/"), "charlies labs")


def test_the_patient_downloads_their_entries_as_csv(cast):
    a_read(cast, what="=HYPERLINK(1)")
    response = cast.alice.client.get("/audit/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["at", "actor", "action", "what", "patient_ref", "ip", "user_agent"]
    assert rows[1][1:5] == ["bob (clinician)", "read", "'=HYPERLINK(1)", patient_ref_of(cast.alice.user)]


def test_the_api_lists_the_patients_entries(cast):
    a_read(cast)
    response = Client().get("/api/v1/me/audit", headers=cast.alice.bearer())
    assert response.status_code == 200
    assert [(item["actor"], item["action"], item["what"]) for item in response.json()["items"]] == [
        ("bob (clinician)", "read", "timeline")]


@pytest.mark.parametrize("path", ["/audit/", "/audit/export.csv"])
def test_only_patients_have_a_who_looked_page(cast, path):
    assert cast.bob.client.get(path).status_code == 403
    assert Client().get(path).status_code == 302


def test_the_admin_sees_filters_and_exports_the_whole_log(cast):
    admin = cast.adam.client
    a_read(cast, what="timeline")
    record_access(actor=cast.bob.user, patient=cast.charlie.user, action="export", what="visit report")
    page = admin.get("/audit/all/")
    assertContains(page, "timeline")
    assertContains(page, "visit report")
    filtered = admin.get("/audit/all/", {"action": "export"})
    assertNotContains(filtered, "timeline")
    rows = list(csv.reader(io.StringIO(admin.get("/audit/all/export.csv", {"action": "read"})
                                       .content.decode("utf-8-sig"))))
    assert [row[3] for row in rows[1:]] == ["timeline"]
    api = admin.get("/api/v1/audit", {"patient_ref": patient_ref_of(cast.charlie.user)})
    assert [item["what"] for item in api.json()["items"]] == ["visit report"]


@pytest.mark.parametrize("path", ["/audit/all/", "/audit/all/export.csv"])
def test_no_one_but_an_admin_sees_the_whole_log(cast, path):
    statuses = {name: persona.client.get(path).status_code for name, persona in cast.everyone().items()}
    assert statuses == {**dict.fromkeys(cast.everyone(), 403), "adam": 200}
    assert Client().get("/api/v1/audit", headers=cast.bob.bearer()).status_code == 403


def test_the_audit_links_are_in_the_navigation_of_patients_and_admins(cast):
    admin = cast.adam.client
    assertContains(cast.alice.client.get(reverse("diary:more")), 'href="/audit/">Who looked at my data</a>')
    assertContains(admin.get("/safety/rules/"), 'href="/audit/all/">Audit log</a>')
    assertNotContains(cast.bob.client.get("/safety/rules/"), "Audit log")


def test_a_page_showing_several_patients_records_one_entry_each_in_one_insert(cast, django_assert_num_queries):
    patients = [cast.alice.user, cast.charlie.user, cast.bob.user]
    with django_assert_num_queries(1):
        written = record_access_many(actor=cast.bob.user, patients=patients, action="read", what="panel")
    assert written == 2
    assert sorted(AuditEntry.objects.values_list("patient_ref", "what")) == sorted(
        [(patient_ref_of(cast.alice.user), "panel"), (patient_ref_of(cast.charlie.user), "panel")])


def test_entries_older_than_six_years_are_purged_and_newer_ones_kept(cast):
    import datetime as dt

    import time_machine
    from django.core.management import call_command

    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        a_read(cast, what="old")
    with time_machine.travel(start + dt.timedelta(days=365), tick=False):
        a_read(cast, what="newer")
    with time_machine.travel(start + RETENTION + dt.timedelta(days=1), tick=False):
        out = io.StringIO()
        call_command("purge_audit", stdout=out)
    assert out.getvalue().startswith("Removed 1 audit entries")
    assert list(AuditEntry.objects.values_list("what", flat=True)) == ["newer"]
