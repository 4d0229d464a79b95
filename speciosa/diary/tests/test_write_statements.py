"""speciosa.lib.statements sends the small statements that end every diary write (the revision, the pending mark,
the record stamp) together: one round trip on PostgreSQL, in order, inside the writer's transaction, with every
value bound as a parameter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from speciosa.diary.domain import record_dose
from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Revision
from speciosa.lib.rows import insert_statement
from speciosa.lib.statements import Statements
from speciosa.reports.chart_cache import stamp_of
from speciosa.reports.models import RecordStamp
from speciosa.safety.domain import mark_pending
from speciosa.safety.models import EvaluationState
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db

REVISIONS = Revision._meta.db_table


def a_revision(patient, *, record_id: int, after: dict) -> tuple[str, list]:
    return insert_statement(Revision(patient=patient, record_type="dose", record_id=record_id,
                                     action=RevisionAction.CREATE, changed_by=patient, before=None, after=after))


def test_statements_run_in_the_order_added_and_on_postgresql_in_one_round_trip():
    alice = make_patient("alice")
    statements = Statements()
    statements.add(*a_revision(alice, record_id=1, after={"note": "first"}))
    statements.add(f"UPDATE {REVISIONS} SET record_id = %s WHERE record_id = %s AND patient_id = %s",
                   [2, 1, alice.pk])  # sees the row the statement before it inserted
    statements.add(*a_revision(alice, record_id=3, after={"note": "third"}))
    assert len(statements) == 3
    with CaptureQueriesContext(connection) as sent:
        statements.send()
    assert len(sent) == (1 if connection.vendor == "postgresql" else 3)
    assert sorted(Revision.objects.filter(patient=alice).values_list("record_id", flat=True)) == [2, 3]
    assert len(statements) == 0
    with CaptureQueriesContext(connection) as again:
        statements.send()  # nothing left: nothing sent
    assert len(again) == 0


def test_with_server_side_binding_asked_for_they_go_one_by_one(monkeypatch):
    """A prepared query holds one statement, so a deployment with ``server_side_binding`` gets one execute each."""
    alice = make_patient("alice")
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {**connection.settings_dict.get("OPTIONS", {}),
                                                              "server_side_binding": True})
    statements = Statements()
    statements.add(*a_revision(alice, record_id=1, after={}))
    statements.add(*a_revision(alice, record_id=2, after={}))
    with CaptureQueriesContext(connection) as sent:
        statements.send()
    assert len(sent) == 2 and Revision.objects.filter(patient=alice).count() == 2


def test_values_are_bound_never_spliced_into_the_sql():
    alice = make_patient("alice")
    hostile = "'); DELETE FROM accounts_user; -- 100% %s %(x)s ;"
    statements = Statements()
    statements.add(*a_revision(alice, record_id=1, after={"note": hostile}))
    statements.add(*a_revision(alice, record_id=2, after={"note": "second"}))
    statements.send()
    assert Revision.objects.get(patient=alice, record_id=1).after == {"note": hostile}
    assert Revision.objects.filter(patient=alice).count() == 2 and alice.__class__.objects.filter(pk=alice.pk).exists()


def test_a_statement_with_a_semicolon_of_its_own_is_refused():
    with pytest.raises(ValueError, match="one statement at a time"):
        Statements().add("UPDATE x SET y = 1; DROP TABLE x", [])


def test_a_failing_statement_fails_the_writers_transaction_and_nothing_of_it_stays():
    alice = make_patient("alice")
    statements = Statements()
    statements.add(*a_revision(alice, record_id=1, after={}))
    statements.add(f"UPDATE {REVISIONS} SET record_id = %s WHERE patient_id = %s", [None, alice.pk])  # NOT NULL
    with pytest.raises(Exception, match="(?i)null"), transaction.atomic():
        statements.send()
    assert not Revision.objects.filter(patient=alice).exists()


def test_the_pending_mark_is_created_on_the_first_change_and_keeps_the_earliest_time():
    alice = make_patient("alice")
    EvaluationState.objects.filter(patient=alice).delete()
    mark_pending(alice)
    first = EvaluationState.objects.get(patient=alice).pending_since
    assert first is not None and abs(first - timezone.now()) < dt.timedelta(minutes=1)
    statements = Statements()
    mark_pending(alice, statements=statements)
    assert EvaluationState.objects.get(patient=alice).pending_since == first  # added, not yet sent
    statements.send()
    assert EvaluationState.objects.get(patient=alice).pending_since == first  # the earliest time is kept
    EvaluationState.objects.filter(patient=alice).update(pending_since=None, evaluated_at=timezone.now())
    mark_pending(alice)
    state = EvaluationState.objects.get(patient=alice)
    assert state.pending_since is not None and state.pending_since > first and state.evaluated_at is not None


def test_a_dose_sends_its_revision_mark_and_stamp_together_and_renews_the_stamp():
    alice = make_patient("alice")
    powder = make_powder(alice)
    RecordStamp.objects.filter(patient=alice).delete()
    EvaluationState.objects.filter(patient=alice).delete()
    with CaptureQueriesContext(connection) as sent:
        dose = record_dose(alice, product=powder, amount=3, unit="g", by=alice)
    together = [query["sql"] for query in sent if "INSERT INTO" in query["sql"] and REVISIONS in query["sql"]]
    assert len(together) == 1
    if connection.vendor == "postgresql":  # one round trip: the revision, the pending mark and the stamp
        assert RecordStamp._meta.db_table in together[0] and EvaluationState._meta.db_table in together[0]
    revision = Revision.objects.get(patient=alice, record_type="dose", record_id=dose.pk)
    assert revision.after["id"] == dose.pk and revision.changed_by == alice
    assert EvaluationState.objects.get(patient=alice).pending_since is not None
    stamp = stamp_of(alice)
    record_dose(alice, product=powder, amount=2, unit="g", by=alice)
    assert stamp_of(alice) != stamp
