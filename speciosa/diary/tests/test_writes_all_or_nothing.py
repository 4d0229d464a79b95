"""Each write of the diary is one transaction: the record, its revision, the pending mark and whatever the
receivers of ``patient_record_changed`` store go in together or not at all.

A receiver that fails after the row was inserted (a database error in the safety engine's mark, say) must leave no
record without its revision: the history would otherwise not say who wrote it, and the safety engine would not know
to look. A dose once committed in four pieces because the atomic decorator had slipped onto a helper above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.diary.domain import quick_log, record_checkin, record_dose, record_lab, record_medication
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product, Revision
from speciosa.lib.signals import patient_record_changed
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db

AN_HOUR = dt.timedelta(hours=1)

# kind -> (the model written, the write given the patient and their powder)
WRITES: dict[str, tuple[type, Callable[[User, Product], object]]] = {
    "dose": (Dose, lambda p, powder: record_dose(p, product=powder, amount=3, unit="g", by=p)),
    "one-tap dose": (Dose, lambda p, powder: quick_log(p, product=powder, by=p)),
    "dose with a client id": (Dose, lambda p, powder: record_dose(p, product=powder, amount=3, unit="g", by=p,
                                                                  client_id="0b7e3c55-8a3f-4d0e-9a51-1f6b0a5f2c11")),
    "check-in": (Checkin, lambda p, _: record_checkin(p, by=p, at=timezone.now() - AN_HOUR, pain_now=5)),
    "lab": (LabResult, lambda p, _: record_lab(p, by=p, code="ALT", value=35, uln=40,
                                               collected_at=timezone.now() - AN_HOUR)),
    "medicine": (Medication, lambda p, _: record_medication(p, by=p, name="Gabapentin", rxnorm="25480")),
}


class ReceiverFailed(Exception):
    pass


def fail(sender, **kwargs):
    raise ReceiverFailed("the database went away")


@pytest.fixture
def failing_receiver():
    """Arms a receiver of patient_record_changed that raises (after the patient and their powder exist)."""
    def arm() -> None:
        patient_record_changed.connect(fail, dispatch_uid="test.fail")

    yield arm
    patient_record_changed.disconnect(dispatch_uid="test.fail")


@pytest.mark.parametrize("kind", WRITES)
def test_a_receiver_that_fails_leaves_no_record_and_no_revision(kind, failing_receiver):
    model, write = WRITES[kind]
    alice = make_patient("alice")
    powder = make_powder(alice, usual_amount=2, usual_unit="g")
    failing_receiver()
    with pytest.raises(ReceiverFailed):
        write(alice, powder)
    assert model.objects.filter(patient=alice).count() == 0
    assert Revision.objects.filter(patient=alice).exclude(record_type="product").count() == 0


@pytest.mark.parametrize("kind", WRITES)
def test_without_a_failure_the_record_and_its_revision_are_stored(kind):
    model, write = WRITES[kind]
    alice = make_patient("alice")
    write(alice, make_powder(alice, usual_amount=2, usual_unit="g"))
    assert model.objects.filter(patient=alice).count() == 1
    assert Revision.objects.filter(patient=alice).exclude(record_type="product").count() == 1
