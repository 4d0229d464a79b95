"""Liver test results."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from django.db import transaction

from speciosa.accounts.models import User
from speciosa.core.codes import LAB_UNITS, LABS_WITHOUT_ULN
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.diary.domain.fields import Numeric, field_names, refuse_unknown
from speciosa.diary.domain.history import as_record, record_revision, soft_delete
from speciosa.diary.enums import LabCode, RevisionAction
from speciosa.diary.models import LabResult
from speciosa.lib.checks import check_decimal, check_moment


class LabChanges(TypedDict, total=False):
    code: str
    value: Numeric
    unit: str | None  # empty: the code's usual unit
    uln: Numeric | None  # left out only for the codes read without one (INR)
    collected_at: dt.datetime


LAB_FIELDS = field_names(LabChanges)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
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
def record_lab(patient: User, *, by: User, code: str, value: Numeric, unit: str = "", uln: Numeric | None = None,
               collected_at: dt.datetime) -> LabResult:
    """Records a liver test result with its own upper limit of normal. Side effects: one revision entry."""
    lab = LabResult.objects.create(patient=patient, **_clean(
        {"code": code, "value": value, "unit": unit, "uln": uln, "collected_at": collected_at}))
    record_revision(lab, action=RevisionAction.CREATE, by=by, before=None)
    return lab


@transaction.atomic
def update_lab(lab: LabResult, *, by: User, **changes: Unpack[LabChanges]) -> LabResult:
    """Changes the fields named; the old values stay in the result's history. Side effects: one revision entry."""
    refuse_unknown(changes, LAB_FIELDS)
    lab = LabResult.objects.select_for_update().get(pk=lab.pk)
    before = as_record(lab)
    current: dict[str, Any] = {name: getattr(lab, name) for name in LAB_FIELDS}
    for name, value in _clean({**current, **changes}).items():
        setattr(lab, name, value)
    lab.save()
    record_revision(lab, action=RevisionAction.UPDATE, by=by, before=before)
    return lab


def delete_lab(lab: LabResult, *, by: User) -> None:
    """Deletes a result from the diary; the row and its history are kept. Side effects: one revision entry."""
    soft_delete(lab, by=by)
