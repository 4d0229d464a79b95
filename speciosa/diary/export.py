"""A patient's whole record as data they can take away: one JSON document, or a zip of CSV files.

Columns come from the models themselves, so a field added to a record is exported without anyone having to
remember it.
Deleted records are not listed as records, but the revision trail (also exported) keeps what they were.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone

from speciosa.accounts.domain import PROFILE_FIELDS
from speciosa.accounts.models import PatientProfile, User
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product, Revision
from speciosa.lib.spreadsheet import csv_bytes

EXPORT_SCHEMA = "speciosa.export/1"
RECORD_TABLES: dict[str, type[Model]] = {
    "products": Product, "doses": Dose, "checkins": Checkin, "medications": Medication, "labs": LabResult,
}
ACCOUNT_COLUMNS = ("username", "email", "date_joined")
PROFILE_COLUMNS = (*ACCOUNT_COLUMNS, *PROFILE_FIELDS)
REVISION_COLUMNS = ("id", "record_type", "record_id", "action", "changed_at", "changed_by", "before", "after")
_NOT_EXPORTED = {"patient", "deleted_at"}  # the patient is the export's subject; deleted rows are not listed


def record_columns(model: type[Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if field.name not in _NOT_EXPORTED]


def _plain(value: Any) -> Any:
    """A value as JSON holds it: the export is written by json.dumps (archive, command line), not only by ninja."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):  # a record's client id (sent by the offline queue)
        return str(value)
    return value


def _profile(patient: User) -> dict[str, Any]:
    profile = PatientProfile.objects.filter(user=patient).first()
    row = {column: _plain(getattr(patient, column)) for column in ACCOUNT_COLUMNS}
    for field in PROFILE_FIELDS:
        row[field] = _plain(getattr(profile, field)) if profile is not None else None
    return row


def _revisions(patient: User) -> list[dict[str, Any]]:
    revisions = (Revision.objects.filter(patient=patient).select_related("changed_by")
                 .order_by("changed_at", "id"))
    return [{"id": revision.pk, "record_type": revision.record_type, "record_id": revision.record_id,
             "action": revision.action, "changed_at": revision.changed_at.isoformat(),
             "changed_by": revision.changed_by.username if revision.changed_by else None,
             "before": revision.before, "after": revision.after} for revision in revisions]


def export_data(patient: User, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the diary holds about ``patient``, JSON-safe (times ISO 8601 with offset, decimals as
    numbers).

    Keys: schema, exported_at, profile, products, doses, checkins, medications, labs, revisions. A fixed
    number of queries, whatever the length of the record.
    """
    data: dict[str, Any] = {"schema": EXPORT_SCHEMA, "exported_at": (now or timezone.now()).isoformat(),
                            "profile": _profile(patient)}
    for table, model in RECORD_TABLES.items():
        columns = record_columns(model)
        rows = model.objects.of(patient).order_by("id").values_list(*columns)  # type: ignore[attr-defined]  # every record model has the PatientRecords manager
        data[table] = [{column: _plain(value) for column, value in zip(columns, row, strict=True)}
                       for row in rows]
    data["revisions"] = _revisions(patient)
    return data


def export_csv_zip(patient: User, *, now: dt.datetime | None = None) -> bytes:
    """The export as a zip: profile.csv, products.csv, doses.csv, checkins.csv, medications.csv, labs.csv,
    revisions.csv. Nested values (symptom grades, revision before/after) are JSON text in their cell."""
    data = export_data(patient, now=now)
    moment = dt.datetime.fromisoformat(data["exported_at"]).astimezone(dt.UTC)
    tables: list[tuple[str, list[str] | tuple[str, ...], list[dict[str, Any]]]] = [
        ("profile", PROFILE_COLUMNS, [data["profile"]]),
        *((table, record_columns(model), data[table]) for table, model in RECORD_TABLES.items()),
        ("revisions", REVISION_COLUMNS, data["revisions"]),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, columns, rows in tables:
            info = zipfile.ZipInfo(f"{name}.csv", date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, csv_bytes(columns, rows))
    return buffer.getvalue()
