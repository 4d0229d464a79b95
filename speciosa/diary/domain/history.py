"""The revision trail: a snapshot of a record before and after each change, for "who changed what, when"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import PatientRecord, Revision, record_type_of
from speciosa.lib.rows import insert_statement
from speciosa.lib.signals import patient_record_changed
from speciosa.lib.statements import Statements

_SKIP = {"patient", "created_at", "updated_at", "client_id"}  # client_id: how it arrived, not what it says


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


def record_revision(instance: PatientRecord, *, action: RevisionAction, by: User,
                    before: dict[str, Any] | None) -> None:
    """Appends the revision, then announces the change: the safety engine marks the patient pending and the charts
    renew their stamp, in this same transaction, so a failure in either stores nothing.

    The revision and the receivers' statements go to the database together (speciosa.lib.statements): one round
    trip instead of three on every diary write.
    """
    statements = Statements()
    # Revision.objects.create, without compiling the INSERT on every write (speciosa.lib.rows).
    statements.add(*insert_statement(Revision(
        patient_id=instance.patient_id,
        record_type=record_type_of(instance),
        record_id=instance.pk,
        action=action,
        changed_by=by,
        before=before,
        after=None if action == RevisionAction.DELETE else as_record(instance),
    )))
    patient_record_changed.send(sender=type(instance), patient=instance.patient, kind=record_type_of(instance),
                                statements=statements)
    statements.send()


@transaction.atomic
def soft_delete(record: PatientRecord, *, by: User, also_set: Mapping[str, object] | None = None) -> None:
    """Marks ``record`` deleted rather than removing its row, so its history stays readable.

    ``also_set`` names fields that must not outlive the record (a product taken off the shelf is no longer a
    favourite); they are saved with the mark and show in the revision's ``before``. Side effects: one DELETE
    revision and the patient_record_changed signal (the safety engine re-evaluates the patient).
    """
    extra = dict(also_set or {})
    before = as_record(record)
    record.deleted_at = timezone.now()
    for name, value in extra.items():
        setattr(record, name, value)
    record.save(update_fields=["deleted_at", *extra, "updated_at"])
    record_revision(record, action=RevisionAction.DELETE, by=by, before=before)
