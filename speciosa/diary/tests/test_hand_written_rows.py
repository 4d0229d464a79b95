"""speciosa.lib.rows writes and reads rows by hand-written SQL on the hot path of every write (the diary's dose and
revision); what it stores and loads must be exactly what the ORM would, on SQLite and PostgreSQL (decimals, aware
datetimes, UUIDs, JSON)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Dose, Revision
from speciosa.lib.rows import insert_new, instance_from, select_list, width
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 11, 30, 7, 45, 12, 345678, tzinfo=dt.UTC)


def stored(instance, *, skip=("id", "created_at", "updated_at", "record_id")) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields
            if field.attname not in skip}


def new_dose(patient, product, client_id=None) -> Dose:
    return Dose(patient=patient, product=product, amount=3.125, unit="g", taken_at=MOMENT, reason="pain",
                note="after the walk — ça va", client_id=client_id, leaf_equivalent_g=3.125, mitragynine_mg=46.875,
                hydroxymitragynine_mg=0.3125, mitragynine_basis="lab", hydroxymitragynine_basis="lab")


def test_a_dose_inserted_by_hand_reads_back_as_one_the_orm_saved():
    alice = make_patient("alice")
    product = make_powder(alice)
    by_hand, by_orm = new_dose(alice, product, uuid.uuid4()), new_dose(alice, product)
    insert_new(by_hand)
    by_orm.save()
    assert by_hand.pk is not None and not by_hand._state.adding
    again, orm_again = Dose.objects.get(pk=by_hand.pk), Dose.objects.get(pk=by_orm.pk)
    assert {**stored(again), "client_id": None} == stored(orm_again)
    assert again.client_id == by_hand.client_id
    assert again.created_at is not None and timezone.now() - again.created_at < dt.timedelta(minutes=1)


def test_json_goes_in_as_json_not_as_text():
    alice = make_patient("alice")
    after = {"amount": 3.5, "note": "naïve \"quotes\"", "nested": {"list": [1, None, True]}}
    revision = Revision(patient=alice, record_type="dose", record_id=7, action=RevisionAction.CREATE, changed_by=alice,
                        before=None, after=after)
    insert_new(revision)
    again = Revision.objects.get(pk=revision.pk)
    assert again.after == after and again.before is None
    assert Revision.objects.filter(after__nested__list__2=True).count() == 1


def test_a_duplicate_is_the_databases_integrity_error():
    alice = make_patient("alice")
    product = make_powder(alice)
    key = uuid.uuid4()
    insert_new(new_dose(alice, product, key))
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_new(new_dose(alice, product, key))


def test_instances_read_by_hand_convert_as_the_orm_does():
    alice = make_patient("alice")
    dose = new_dose(alice, make_powder(alice), uuid.uuid4())
    dose.save()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select_list(Dose, 'd')} FROM {Dose._meta.db_table} d WHERE d.id = %s", [dose.pk])
        row = cursor.fetchone()
    assert len(row) == width(Dose)
    by_hand = instance_from(Dose, row)
    orm = Dose.objects.get(pk=dose.pk)
    assert stored(by_hand, skip=()) == stored(orm, skip=())
    assert by_hand.taken_at == MOMENT and by_hand.taken_at.tzinfo is not None
