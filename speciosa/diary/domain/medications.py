"""Other medicines the patient takes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypedDict, Unpack

from django.db import transaction

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.diary.domain.fields import field_names, refuse_unknown
from speciosa.diary.domain.history import as_record, record_revision, soft_delete
from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Medication
from speciosa.lib.checks import check_date


class MedicationChanges(TypedDict, total=False):
    name: str
    rxnorm: str | None  # an RxNorm concept id (digits), matched before the name
    dose_text: str | None  # as the patient takes it, in their words
    start: dt.date | None
    stop: dt.date | None


MEDICATION_FIELDS = field_names(MedicationChanges)
_RXCUI = re.compile(r"^[0-9]{1,10}$")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": clean_text(values.get("name"), "name", max_length=120, required=True),
        "rxnorm": clean_text(values.get("rxnorm"), "rxnorm", max_length=16),
        "dose_text": clean_text(values.get("dose_text"), "dose_text", max_length=200),
        "start": check_date(values.get("start"), "start", allow_future=True),
        "stop": check_date(values.get("stop"), "stop", allow_future=True),
    }
    if out["rxnorm"] and not _RXCUI.match(out["rxnorm"]):
        raise InputError("rxnorm", "an RxNorm concept id is digits only (oxycodone is 7804)")
    if out["start"] and out["stop"] and out["stop"] < out["start"]:
        raise InputError("stop", "is before the start date")
    return out


@transaction.atomic
def record_medication(patient: User, *, by: User, name: str, rxnorm: str = "", dose_text: str = "",
                      start: dt.date | None = None, stop: dt.date | None = None) -> Medication:
    """Adds a medicine the patient takes. Side effects: one revision entry."""
    medication = Medication.objects.create(patient=patient, **_clean(
        {"name": name, "rxnorm": rxnorm, "dose_text": dose_text, "start": start, "stop": stop}))
    record_revision(medication, action=RevisionAction.CREATE, by=by, before=None)
    return medication


@transaction.atomic
def update_medication(medication: Medication, *, by: User, **changes: Unpack[MedicationChanges]) -> Medication:
    """Changes the fields named; the old values stay in the medicine's history. Side effects: one revision entry."""
    refuse_unknown(changes, MEDICATION_FIELDS)
    medication = Medication.objects.select_for_update().get(pk=medication.pk)
    before = as_record(medication)
    current = {name: getattr(medication, name) for name in MEDICATION_FIELDS}
    for name, value in _clean({**current, **changes}).items():
        setattr(medication, name, value)
    medication.save()
    record_revision(medication, action=RevisionAction.UPDATE, by=by, before=before)
    return medication


def delete_medication(medication: Medication, *, by: User) -> None:
    """Deletes a medicine from the diary; the row and its history are kept. Side effects: one revision entry."""
    soft_delete(medication, by=by)
