"""A dose carries the core's normalisation beside what the patient logged."""

import pytest

from speciosa.core.units import normalise_dose
from speciosa.diary.models import Dose
from speciosa.diary.tests.records import one_of_each
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db


def test_apply_sets_exactly_the_normalised_fields_and_leaves_the_logged_ones():
    alice = make_patient("alice")
    product = one_of_each(alice)["product"]
    dose = Dose(patient=alice, product=product, amount=3, unit="g")
    logged = {field.attname: getattr(dose, field.attname) for field in Dose._meta.concrete_fields}
    dose.apply(normalise_dose(product.facts(), 3, "g"))
    changed = {name: getattr(dose, name) for name, value in logged.items() if getattr(dose, name) != value}
    assert changed == dict(zip(Dose.NORMALISED_FIELDS, (3.0, 45.0, 0.3, "lab", "lab"), strict=True))
