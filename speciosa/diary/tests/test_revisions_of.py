"""A record's revision trail, as the dose history page and the API read it."""

import pytest

from speciosa.diary.domain import delete_dose, update_dose
from speciosa.diary.models import Revision
from speciosa.diary.queries import revisions_of
from speciosa.diary.tests.records import one_of_each
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db


def test_it_lists_the_records_changes_oldest_first_with_who_made_them():
    alice = make_patient("alice")
    dose = one_of_each(alice)["dose"]
    update_dose(dose, amount=4, by=alice)
    delete_dose(dose, by=alice)
    assert [(revision.action, revision.changed_by, (revision.after or {}).get("amount"))
            for revision in revisions_of(dose)] == [("create", alice, 3.0), ("update", alice, 4.0),
                                                    ("delete", alice, None)]


def test_it_leaves_out_another_kinds_record_and_another_patients_record_with_the_same_id():
    alice, charlie = make_patient("alice"), make_patient("charlie")
    dose = one_of_each(alice)["dose"]
    one_of_each(charlie)
    # Planted so that a query keyed on the id alone, or on kind and id without the patient, would find them.
    Revision.objects.create(patient=alice, record_type="product", record_id=dose.pk, action="create")
    Revision.objects.create(patient=charlie, record_type="dose", record_id=dose.pk, action="create")
    assert [(revision.patient, revision.record_type, revision.action) for revision in revisions_of(dose)] == [
        (alice, "dose", "create")]


def test_it_reads_each_change_and_its_author_in_one_query(django_assert_num_queries):
    alice = make_patient("alice")
    dose = one_of_each(alice)["dose"]
    update_dose(dose, note="with food", by=alice)
    with django_assert_num_queries(1):
        authors = [revision.changed_by.username for revision in revisions_of(dose)]
    assert authors == ["alice", "alice"]
