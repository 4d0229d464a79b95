"""Diary writes take their record (or patient) first and everything else by name, so a call cannot silently pass
the wrong person as ``by`` or swap two values of the same type."""

import inspect

import pytest
from django.utils import timezone

from speciosa.diary import domain
from speciosa.diary.domain.history import soft_delete
from speciosa.diary.models import Revision
from speciosa.diary.tests.records import one_of_each
from speciosa.instruments.domain import delete_response, record_response
from speciosa.testing import make_patient

VERBS = [*(getattr(domain, name) for name in domain.__all__), soft_delete, record_response, delete_response]
BY_NAME = {inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD}


@pytest.mark.parametrize("verb", VERBS, ids=lambda verb: verb.__name__)
def test_only_the_first_parameter_may_be_given_by_position(verb):
    first, *rest = inspect.signature(verb).parameters.values()
    assert first.kind == inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert [parameter.name for parameter in rest if parameter.kind not in BY_NAME] == []


@pytest.mark.parametrize("verb", VERBS, ids=lambda verb: verb.__name__)
def test_every_write_names_who_made_it(verb):
    by = inspect.signature(verb).parameters["by"]
    assert (by.kind, by.default) == (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.empty)


POSITIONAL_CALLS = {
    "create_product": lambda alice, records: domain.create_product(alice, alice, "Leaf", "powder"),
    "record_dose": lambda alice, records: domain.record_dose(alice, records["product"], 3, "g", by=alice),
    "record_lab": lambda alice, records: domain.record_lab(alice, alice, "ALT", 35, "U/L", 40, timezone.now()),
    "record_medication": lambda alice, records: domain.record_medication(alice, alice, "Gabapentin"),
    "record_checkin": lambda alice, records: domain.record_checkin(alice, alice, timezone.now(), 5),
    "update_dose": lambda alice, records: domain.update_dose(records["dose"], alice),
    "update_lab": lambda alice, records: domain.update_lab(records["lab"], alice),
    "delete_product": lambda alice, records: domain.delete_product(records["product"], alice),
    "delete_checkin": lambda alice, records: domain.delete_checkin(records["checkin"], alice),
    "soft_delete": lambda alice, records: soft_delete(records["medication"], alice),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", POSITIONAL_CALLS)
def test_a_call_passing_by_position_is_refused_before_anything_is_stored(name):
    alice = make_patient("alice")
    records = one_of_each(alice)
    revisions = Revision.objects.count()
    with pytest.raises(TypeError, match="positional argument"):
        POSITIONAL_CALLS[name](alice, records)
    assert Revision.objects.count() == revisions
