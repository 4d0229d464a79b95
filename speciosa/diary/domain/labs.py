"""Liver test results."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from speciosa.core.codes import LAB_UNITS, LABS_WITHOUT_ULN
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.diary.domain.history import as_record, record_revision
from speciosa.diary.enums import LabCode, RevisionAction
from speciosa.diary.models import LabResult
from speciosa.lib.checks import check_decimal, check_moment

LAB_FIELDS = ("code", "value", "unit", "uln", "collected_at")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(LAB_FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "unknown field")
    code = values.get("code")
    if code not in LabCode.values:
        raise InputError("code", f"expected one of {', '.join(LabCode.values)}")
    unit = clean_text(values.get("unit") or LAB_UNITS[code][0], "unit", max_length=16)
    if unit not in LAB_UNITS[code]:
        raise InputError("unit", f"{unit!r} is not a unit for {code} (use {', '.join(LAB_UNITS[code])})")
    out: dict[str, Any] = {
        "code": code,
        "unit": unit,
        "value": check_decimal(values.get("value"), "value", minimum=0, maximum=100000),
        "uln": check_decimal(values.get("uln"), "uln", minimum=0, maximum=100000, exclusive_minimum=True,
                             optional=True),
        "collected_at": check_moment(values.get("collected_at"), "collected_at"),
    }
    if out["uln"] is None and code not in LABS_WITHOUT_ULN:
        raise InputError("uln", f"the upper limit of normal printed beside the {code} result is needed "
                                "to read it (as a multiple of normal)")
    return out


@transaction.atomic
def record_lab(patient, *, by, **values: Any) -> LabResult:  # type: ignore[no-untyped-def]
    lab = LabResult.objects.create(patient=patient, **_clean(values))
    record_revision(lab, action=RevisionAction.CREATE, by=by, before=None)
    return lab


@transaction.atomic
def update_lab(lab: LabResult, *, by, **changes: Any) -> LabResult:  # type: ignore[no-untyped-def]
    lab = LabResult.objects.select_for_update().get(pk=lab.pk)
    before = as_record(lab)
    current: dict[str, Any] = {name: getattr(lab, name) for name in LAB_FIELDS}
    for name, value in _clean({**current, **changes}).items():
        setattr(lab, name, value)
    lab.save()
    record_revision(lab, action=RevisionAction.UPDATE, by=by, before=before)
    return lab


@transaction.atomic
def delete_lab(lab: LabResult, *, by) -> None:  # type: ignore[no-untyped-def]
    before = as_record(lab)
    lab.deleted_at = timezone.now()
    lab.save(update_fields=["deleted_at", "updated_at"])
    record_revision(lab, action=RevisionAction.DELETE, by=by, before=before)
