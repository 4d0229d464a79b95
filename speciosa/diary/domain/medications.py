"""Other medicines the patient takes."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.diary.domain.history import as_record, record_revision
from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Medication
from speciosa.lib.checks import check_date

MEDICATION_FIELDS = ("name", "rxnorm", "dose_text", "start", "stop")
_RXCUI = re.compile(r"^[0-9]{1,10}$")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(MEDICATION_FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "unknown field")
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
def record_medication(patient, *, by, **values: Any) -> Medication:  # type: ignore[no-untyped-def]
    medication = Medication.objects.create(patient=patient, **_clean(values))
    record_revision(medication, action=RevisionAction.CREATE, by=by, before=None)
    return medication


@transaction.atomic
def update_medication(medication: Medication, *, by, **changes: Any) -> Medication:  # type: ignore[no-untyped-def]
    medication = Medication.objects.select_for_update().get(pk=medication.pk)
    before = as_record(medication)
    current = {name: getattr(medication, name) for name in MEDICATION_FIELDS}
    for name, value in _clean({**current, **changes}).items():
        setattr(medication, name, value)
    medication.save()
    record_revision(medication, action=RevisionAction.UPDATE, by=by, before=before)
    return medication


@transaction.atomic
def delete_medication(medication: Medication, *, by) -> None:  # type: ignore[no-untyped-def]
    before = as_record(medication)
    medication.deleted_at = timezone.now()
    medication.save(update_fields=["deleted_at", "updated_at"])
    record_revision(medication, action=RevisionAction.DELETE, by=by, before=before)
