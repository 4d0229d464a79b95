"""The database itself keeps the audit log closed (migration 0003), whatever SQL reaches it: no entry is changed,
no link is nulled and no entry is deleted, except an account's deletion (its links become NULL, the entry stays)
and the retention purge (entries older than its cutoff). Runs on SQLite and PostgreSQL alike."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from speciosa.audit.domain import RETENTION, patient_ref_of, purge_expired, record_access
from speciosa.audit.models import AuditEntry, AuditPermit
from speciosa.audit.permits import purging
from speciosa.diary.privacy import delete_account
from speciosa.testing import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def a_read(cast: Cast) -> AuditEntry:
    entry = record_access(actor=cast.bob.user, patient=cast.alice.user, action="read", what="timeline")
    assert entry is not None
    return entry


def refused(sql: str, params: list[object]) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("column", ["patient_id", "actor_id"])
def test_the_database_refuses_to_null_an_entrys_link(cast, column):
    entry = a_read(cast)
    refused(f"UPDATE audit_auditentry SET {column} = NULL WHERE id = %s", [entry.pk])
    refused(f"UPDATE audit_auditentry SET {column} = %s WHERE id = %s", [cast.charlie.user.pk, entry.pk])
    assert list(AuditEntry.objects.filter(patient=cast.alice.user, actor=cast.bob.user)) == [entry]


def test_the_database_refuses_to_delete_an_entry(cast):
    entry = a_read(cast)
    refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    refused("DELETE FROM audit_auditentry", [])
    assert list(AuditEntry.objects.all()) == [entry]


def test_an_unlink_permit_covers_only_the_account_being_deleted(cast):
    entry = a_read(cast)
    with transaction.atomic():
        AuditPermit.objects.create(kind="unlink", user_id=cast.bob.user.pk)
        refused("UPDATE audit_auditentry SET patient_id = NULL WHERE id = %s", [entry.pk])  # alice's link: no
        refused("UPDATE audit_auditentry SET what = 'x', actor_id = NULL WHERE id = %s", [entry.pk])
        transaction.set_rollback(True)
    assert AuditEntry.objects.get().patient == cast.alice.user


def test_a_purge_permit_deletes_only_entries_older_than_its_cutoff(cast):
    entry = a_read(cast)
    with purging(entry.at - dt.timedelta(seconds=1)):
        refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditPermit.objects.count() == 0
    assert purge_expired(now=timezone.now()) == 0 and AuditEntry.objects.count() == 1
    assert purge_expired(now=entry.at + RETENTION + dt.timedelta(seconds=1)) == 1
    assert AuditEntry.objects.count() == 0


def test_deleting_accounts_nulls_their_links_and_keeps_every_entry(cast):
    entry = a_read(cast)
    reference = patient_ref_of(cast.alice.user)
    cast.bob.user.delete()
    assert delete_account(cast.alice.user, password=PASSWORD) == reference
    entries = list(AuditEntry.objects.order_by("id").values_list("actor_id", "actor_label", "patient_id",
                                                                   "patient_ref", "what"))
    assert entries[0] == (None, "bob (clinician)", None, reference, "timeline")
    assert entries[-1][2:4] == (None, reference)  # the erasure's own entry
    assert AuditPermit.objects.count() == 0 and AuditEntry.objects.filter(pk=entry.pk).exists()
