"""One live record of each kind the diary keeps, for the tests that must hold for every kind."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.diary.domain import record_checkin, record_dose, record_lab, record_medication
from speciosa.diary.models import PatientRecord
from speciosa.testing import make_powder

KINDS = ("product", "dose", "lab", "medication", "checkin")


def one_of_each(patient: User) -> dict[str, PatientRecord]:
    """A product, a dose of it, a lab result, a medicine and a check-in of ``patient``'s, by kind."""
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    product = make_powder(patient)
    return {
        "product": product,
        "dose": record_dose(patient, product=product, amount=3, unit="g", taken_at=an_hour_ago, by=patient),
        "lab": record_lab(patient, by=patient, code="ALT", value=35, uln=40, collected_at=an_hour_ago),
        "medication": record_medication(patient, by=patient, name="Gabapentin", rxnorm="25480"),
        "checkin": record_checkin(patient, by=patient, at=an_hour_ago, pain_now=5, note="stiff"),
    }
