"""A patient deletes their account and data; what the audit log keeps afterwards names no one."""

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.test import Client
from pytest_django.asserts import assertContains

from speciosa.accounts.models import User
from speciosa.audit.domain import patient_ref_of, record_access
from speciosa.audit.models import AuditEntry
from speciosa.diary.export import RECORD_TABLES
from speciosa.diary.models import Revision
from speciosa.diary.privacy import patient_tables
from speciosa.testing import PASSWORD, Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(cast: Cast) -> Cast:
    """The cast, with bob's read of alice's timeline in her audit log."""
    record_access(actor=cast.bob.user, patient=cast.alice.user, action="read", what="timeline")
    Client(REMOTE_ADDR="198.51.100.9").post("/accounts/login/", {"username": "alice", "password": "wrong pw"})
    return cast


def rows_of(patient_id: int) -> dict[str, int]:
    models = [*RECORD_TABLES.values(), Revision, *patient_tables()]
    counts = {model._meta.label_lower: model._base_manager.filter(patient_id=patient_id).count() for model in models}
    return {label: count for label, count in counts.items() if count}


def test_a_wrong_password_deletes_nothing(shared):
    before = rows_of(shared.alice.user.pk)
    response = shared.alice.client.post("/accounts/privacy/delete/", {"password": "not it", "understood": "on"})
    assertContains(response, "Your password is wrong")
    assert rows_of(shared.alice.user.pk) == before
    assert User.objects.filter(username="alice").exists()


def test_deleting_needs_the_box_ticked(shared):
    response = shared.alice.client.post("/accounts/privacy/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert User.objects.filter(username="alice").exists()


def test_deleting_removes_the_account_and_every_row_of_the_record(shared):
    alice_id, reference = shared.alice.user.pk, patient_ref_of(shared.alice.user)
    assert set(rows_of(alice_id)) >= {"diary.dose", "diary.checkin", "clinic.share", "audit.auditentry"}
    response = shared.alice.client.post("/accounts/privacy/delete/", {"password": PASSWORD, "understood": "on"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert not User.objects.filter(pk=alice_id).exists()
    assert rows_of(alice_id) == {}
    assert AccessAttempt.objects.filter(username="alice").count() == 0
    assert [entry.what for entry in AuditEntry.objects.filter(patient_ref=reference)] == [
        "account and all data, at the patient's request", "timeline"]
    assert shared.alice.client.get("/").status_code == 302
    assert Client().get("/api/v1/me", headers=shared.alice.bearer()).status_code == 401


def test_afterwards_the_audit_log_names_no_one_about_the_patient(shared):
    alice = shared.alice.user
    identifiers = {alice.username, alice.email, "alice's private note"}
    shared.alice.client.post("/accounts/privacy/delete/", {"password": PASSWORD, "understood": "on"})
    kept = list(AuditEntry.objects.values())
    assert {entry["patient_id"] for entry in kept} == {None}
    text = repr(kept).lower()
    assert [identifier for identifier in identifiers if identifier.lower() in text] == []


def test_the_other_patients_and_the_clinician_are_untouched(shared):
    before = rows_of(shared.charlie.user.pk)
    shared.alice.client.post("/accounts/privacy/delete/", {"password": PASSWORD, "understood": "on"})
    assert rows_of(shared.charlie.user.pk) == before
    assert User.objects.filter(username__in=["bob", "charlie"]).count() == 2


def test_the_api_deletes_with_the_password_and_only_for_a_patient(shared):
    wrong = Client().post("/api/v1/me/delete", {"password": "not it"}, content_type="application/json",
                          headers=shared.alice.bearer())
    assert (wrong.status_code, wrong.json()["detail"][0]["field"]) == (422, "password")
    refused = Client().post("/api/v1/me/delete", {"password": PASSWORD}, content_type="application/json",
                            headers=shared.bob.bearer())
    assert refused.status_code == 403
    done = Client().post("/api/v1/me/delete", {"password": PASSWORD}, content_type="application/json",
                         headers=shared.alice.bearer())
    assert done.status_code == 204
    assert not User.objects.filter(username="alice").exists()


def test_no_table_keeps_a_link_to_a_deleted_patient():
    """Every foreign key to the user either cascades or becomes NULL: nothing blocks an erasure or dangles."""
    blocking = [f"{model._meta.label}.{field.name}" for model in apps.get_models()
                for field in model._meta.concrete_fields
                if getattr(field, "related_model", None) is User and field.name == "patient"
                and field.remote_field.on_delete.__name__ not in ("CASCADE", "SET_NULL")]
    assert blocking == []
