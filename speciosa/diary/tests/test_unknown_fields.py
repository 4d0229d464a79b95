"""Every diary update refuses a field it does not know, the same way for every kind of record, and stores nothing."""

import inspect

import pytest

from speciosa.core.errors import InputError
from speciosa.diary.domain import (
    create_product,
    record_checkin,
    record_dose,
    record_lab,
    record_medication,
    update_checkin,
    update_dose,
    update_lab,
    update_medication,
    update_product,
)
from speciosa.diary.domain.checkins import RATINGS, CheckinChanges
from speciosa.diary.domain.doses import DoseChanges
from speciosa.diary.domain.fields import field_names, refuse_unknown
from speciosa.diary.domain.history import as_record
from speciosa.diary.domain.labs import LabChanges
from speciosa.diary.domain.medications import MedicationChanges
from speciosa.diary.domain.products import ProductChanges
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product, Revision
from speciosa.diary.tests.records import KINDS, one_of_each
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db

# kind: (model, its TypedDict of changes, the verb that creates one, the verb that changes one, a valid change)
TABLE = {
    "product": (Product, ProductChanges, create_product, update_product, {"strain": "Red Borneo"}),
    "dose": (Dose, DoseChanges, record_dose, update_dose, {"note": "after lunch"}),
    "lab": (LabResult, LabChanges, record_lab, update_lab, {"value": 41}),
    "medication": (Medication, MedicationChanges, record_medication, update_medication, {"dose_text": "100 mg"}),
    "checkin": (Checkin, CheckinChanges, record_checkin, update_checkin, {"mood": 7}),
}
BOOKKEEPING = {"id", "patient", "created_at", "updated_at", "deleted_at", "client_id"}
# Set once by whoever creates the record (a phone's id that makes a resend safe), never changed afterwards.
CREATION_ONLY = {"client_id"}


def test_the_table_covers_every_kind():
    assert tuple(TABLE) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_an_update_naming_an_unknown_field_is_refused_and_stores_nothing(kind):
    alice = make_patient("alice")
    record = one_of_each(alice)[kind]
    _, _, _, update, change = TABLE[kind]
    before, revisions = as_record(record), Revision.objects.count()
    with pytest.raises(InputError) as raised:
        update(record, by=alice, **change, colour="red")
    record.refresh_from_db()
    assert ((raised.value.field, raised.value.message), as_record(record), Revision.objects.count()) == (
        ("colour", "unknown field"), before, revisions)


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_update_without_the_unknown_field_is_stored(kind):
    alice = make_patient("alice")
    record = one_of_each(alice)[kind]
    _, _, _, update, change = TABLE[kind]
    update(record, by=alice, **change)
    record.refresh_from_db()
    assert {name: getattr(record, name) for name in change} == change


def test_with_several_unknown_fields_the_first_in_alphabetical_order_is_named():
    with pytest.raises(InputError) as raised:
        refuse_unknown({"zone": 1, "note": "", "amount_g": 2}, ("note",))
    assert (raised.value.field, raised.value.message) == ("amount_g", "unknown field")


@pytest.mark.parametrize("kind", KINDS)
def test_a_kinds_changes_name_every_field_a_person_enters_and_nothing_else(kind):
    model, changes, _, _, _ = TABLE[kind]
    stored = {field.name for field in model._meta.concrete_fields} - BOOKKEEPING
    computed = set(Dose.NORMALISED_FIELDS) if model is Dose else set()
    assert set(field_names(changes)) == stored - computed


@pytest.mark.parametrize("kind", KINDS)
def test_creating_takes_the_same_fields_as_changing(kind):
    _, changes, create, _, _ = TABLE[kind]
    parameters = inspect.signature(create).parameters
    assert set(parameters) - {"patient", "by"} - CREATION_ONLY == set(field_names(changes))


def test_every_rating_is_a_field_of_a_check_in():
    assert set(RATINGS) < set(field_names(CheckinChanges))
