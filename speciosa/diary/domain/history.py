"""The revision trail: a snapshot of a record before and after each change, for "who changed what, when"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Revision
from speciosa.lib.signals import patient_record_changed

_SKIP = {"patient", "created_at", "updated_at"}


def as_record(instance: models.Model) -> dict[str, Any]:
    """The stored fields of a record as JSON-safe values."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIP:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, Decimal):
            value = float(value)
        elif isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        data[field.attname] = value
    return data


def record_revision(instance: models.Model, *, action: RevisionAction, by, before: dict | None) -> None:  # type: ignore[no-untyped-def]
    """Appends the revision, then announces the change (the safety engine re-evaluates the patient, in this same
    transaction, so a failed evaluation stores nothing)."""
    Revision.objects.create(
        patient_id=instance.patient_id,  # type: ignore[attr-defined]
        record_type=str(instance._meta.model_name),
        record_id=instance.pk,
        action=action,
        changed_by=by,
        before=before,
        after=None if action == RevisionAction.DELETE else as_record(instance),
    )
    patient_record_changed.send(sender=type(instance), patient=instance.patient,  # type: ignore[attr-defined]
                                kind=str(instance._meta.model_name))
