"""A patient's rights over their data: take all of it away (a zip of JSON and CSV), or erase it with the account.

What stays after an erasure, and for how long, is in docs/privacy.md.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

from axes.models import AccessAttempt
from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey, Model
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.accounts.rate_limits import check_reentered_password
from speciosa.audit.domain import patient_ref_of, record_erasure
from speciosa.core.errors import InputError
from speciosa.diary.export import RECORD_TABLES, export_csv_zip, export_data
from speciosa.diary.models import Dose, Revision
from speciosa.lib.spreadsheet import csv_bytes

ARCHIVE_SCHEMA = "speciosa.archive/1"
_IN_DIARY_EXPORT = {*RECORD_TABLES.values(), Revision}
_NOT_EXPORTED = ("digest",)  # column names ending so hold a secret's digest, which tells the patient nothing
README = """Everything Speciosa holds about you, as of {exported_at}.

speciosa.json       all of it in one JSON document (times in ISO 8601 with their offset)
diary/*.csv         your profile, products, doses, check-ins, medicines, labs, and every change to them
<app>.<table>.csv   the rest: questionnaires, treatment plans, shares, alerts, notes, and the audit log of who
                    else looked at your record
"""


def patient_tables() -> list[type[Model]]:
    """Every table keyed by a patient (a ``patient`` foreign key to the user) outside the diary's own export.

    Found from the models, so a table another app adds later is exported (and erased) without anyone remembering to.
    """
    found = []
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "patient"), None)
        if isinstance(field, ForeignKey) and field.related_model is User and model not in _IN_DIARY_EXPORT:
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label_lower)


def _columns(model: type[Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields
            if field.name != "patient" and not field.name.endswith(_NOT_EXPORTED)]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _rows(model: type[Model], patient: User) -> list[dict[str, Any]]:
    columns = _columns(model)
    rows = model._base_manager.filter(patient=patient).order_by("pk").values_list(*columns)
    return [{column: _plain(value) for column, value in zip(columns, row, strict=True)} for row in rows]


def archive_data(patient: User, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """The whole record as one JSON-safe document: the diary's export plus every other patient table."""
    moment = now or timezone.now()
    return {"schema": ARCHIVE_SCHEMA, "exported_at": moment.isoformat(), "patient_ref": patient_ref_of(patient),
            "diary": export_data(patient, now=moment),
            "tables": {model._meta.label_lower: _rows(model, patient) for model in patient_tables()}}


def export_archive(patient: User, *, now: dt.datetime | None = None) -> bytes:
    """A zip: speciosa.json, README.txt, diary/*.csv (the diary's own CSV export), and one CSV per other table."""
    moment = now or timezone.now()
    data = archive_data(patient, now=moment)
    stamp = moment.astimezone(dt.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, content: bytes | str) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)

        add("README.txt", README.format(exported_at=data["exported_at"]))
        add("speciosa.json", json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
        with zipfile.ZipFile(io.BytesIO(export_csv_zip(patient, now=moment))) as diary:
            for member in diary.namelist():
                add(f"diary/{member}", diary.read(member))
        for model in patient_tables():
            add(f"{model._meta.label_lower}.csv", csv_bytes(_columns(model), data["tables"][model._meta.label_lower]))
    return buffer.getvalue()


@transaction.atomic
def delete_account(patient: User, *, password: Any) -> str:
    """Erases a patient's account and everything keyed to it; returns the pseudonym the audit log keeps.

    Side effects: every row of every patient table (diary, questionnaires, plans, shares, alerts, notes, tokens,
    two-factor devices), the user, and django-axes' failed sign-in rows for the username are deleted. Audit entries
    about the patient stay, linked only by the pseudonym ``patient_ref``; a last entry records the erasure.
    Raises InputError("password") when the password is wrong, TooManyAttempts after five wrong ones (nothing is
    deleted then).
    """
    if not patient.is_patient:
        raise InputError("role", "only a patient account can be erased here; ask an administrator")
    check_reentered_password(patient, password)  # throttled: 5 wrong within 15 minutes, then refused
    reference = patient_ref_of(patient)
    record_erasure(patient)
    Dose._base_manager.filter(patient=patient).delete()  # doses protect their products; they go first
    AccessAttempt.objects.filter(username__iexact=patient.username).delete()
    patient.delete()
    return reference
