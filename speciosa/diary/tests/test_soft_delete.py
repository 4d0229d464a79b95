"""Deleting any diary record marks it and keeps the row, with a DELETE revision saying who and what it was."""

import pytest
from django.utils import timezone

from speciosa.diary.domain import delete_checkin, delete_dose, delete_lab, delete_medication, delete_product
from speciosa.diary.domain.history import as_record, soft_delete
from speciosa.diary.models import Revision
from speciosa.diary.queries import revisions_of
from speciosa.diary.tests.records import KINDS, one_of_each
from speciosa.lib.signals import patient_record_changed
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db

DELETES = {"product": delete_product, "dose": delete_dose, "lab": delete_lab, "medication": delete_medication,
           "checkin": delete_checkin}


def test_every_kind_has_its_delete():
    assert tuple(DELETES) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_a_deleted_record_leaves_the_diary_but_keeps_its_row_and_history(kind):
    alice = make_patient("alice")
    record = one_of_each(alice)[kind]
    live_before = as_record(record)
    DELETES[kind](record, by=alice)
    model = type(record)
    kept = model.objects.get(pk=record.pk)
    trail = list(revisions_of(kept))
    assert (kept.deleted_at is not None, model.objects.of(alice).filter(pk=record.pk).exists()) == (True, False)
    assert [(revision.action, revision.changed_by) for revision in trail] == [("create", alice), ("delete", alice)]
    assert (trail[-1].before, trail[-1].after) == (live_before, None)


def test_a_product_taken_off_the_shelf_is_no_longer_a_favourite_and_its_revision_shows_it_was():
    alice = make_patient("alice")
    product = one_of_each(alice)["product"]
    delete_product(product, by=alice)
    product.refresh_from_db()
    deletion = revisions_of(product).get(action="delete")
    assert (product.favourite, deletion.before["favourite"]) == (False, True)


def test_fields_set_with_the_mark_are_saved_with_it_and_the_revision_keeps_their_old_values():
    alice = make_patient("alice")
    medication = one_of_each(alice)["medication"]
    soft_delete(medication, by=alice, also_set={"rxnorm": ""})
    medication.refresh_from_db()
    deletion = revisions_of(medication).get(action="delete")
    assert (medication.rxnorm, deletion.before["rxnorm"]) == ("", "25480")


def test_the_change_is_announced_so_the_safety_engine_re_evaluates_the_patient():
    alice = make_patient("alice")
    lab = one_of_each(alice)["lab"]
    heard = []

    def listen(sender, patient, kind, **_):
        heard.append((patient, kind))

    patient_record_changed.connect(listen)
    try:
        soft_delete(lab, by=alice)
    finally:
        patient_record_changed.disconnect(listen)
    assert heard == [(alice, "labresult")]


def test_a_failure_while_announcing_the_deletion_leaves_the_record_as_it_was():
    alice = make_patient("alice")
    dose = one_of_each(alice)["dose"]

    def fail(**_):
        raise RuntimeError("the safety engine could not evaluate")

    patient_record_changed.connect(fail)
    try:
        with pytest.raises(RuntimeError):
            soft_delete(dose, by=alice)
    finally:
        patient_record_changed.disconnect(fail)
    dose.refresh_from_db()
    assert (dose.deleted_at, Revision.objects.filter(action="delete").count()) == (None, 0)


def test_the_mark_is_the_time_of_deletion():
    alice = make_patient("alice")
    checkin = one_of_each(alice)["checkin"]
    start = timezone.now()
    soft_delete(checkin, by=alice)
    checkin.refresh_from_db()
    assert start <= checkin.deleted_at <= timezone.now()
