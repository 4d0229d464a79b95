"""A patient's records in REDCap's flat import format, under a pseudonymous study id instead of their identity.

One row for the participant (year of birth, sex), then one row per dose, check-in, lab result and questionnaire,
each a repeating instrument numbered from 1 in time order: ``record_id, redcap_repeat_instrument,
redcap_repeat_instance``, every field of the dictionary, and each form's ``<form>_complete`` (2, complete). Times are
the patient's local wall-clock time. Nothing a person typed travels: no names, no product or medicine names, no
notes; deleted records are left out.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings

from speciosa.accounts.models import PatientProfile, User
from speciosa.accounts.queries import zone_of
from speciosa.clinic.access import OpenRecord
from speciosa.clinic.enums import Scope
from speciosa.diary.models import Checkin, Dose, LabResult
from speciosa.instruments.models import Response
from speciosa.interop.redcap.dictionary import (
    CHECKIN,
    DOSE,
    INSTRUMENT_FORMS,
    LABS,
    PARTICIPANT,
    RECORD_ID,
    SHORT_SYMPTOMS,
    csv_text,
    dictionary_fields,
)

COMPLETE = "2"  # REDCap's form status: 0 incomplete, 1 unverified, 2 complete
STUDY_ID_PURPOSE = b"speciosa.redcap.study-id/1:"
INSTRUMENT_FORM_NAMES = frozenset(form for form, _ in INSTRUMENT_FORMS.values())
# Which part of the record each form comes from, for a clinician who holds only some parts.
FORMS_BY_SCOPE = {Scope.DIARY: frozenset({DOSE}), Scope.CHECKINS: frozenset({CHECKIN, *INSTRUMENT_FORM_NAMES}),
                  Scope.MEDICAL: frozenset({LABS})}
ALL_FORMS = frozenset({PARTICIPANT, *(form for forms in FORMS_BY_SCOPE.values() for form in forms)})


def study_id_of(patient: User) -> str:
    """The patient's pseudonymous study id: a keyed digest of their account number.

    The same patient always gets the same id on this installation (so a re-export updates the same REDCap record),
    and nobody without the site's secret key can turn it back into an account. It changes if the secret key does.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), STUDY_ID_PURPOSE + str(patient.pk).encode(), hashlib.sha256)
    return "sp-" + base64.b32encode(digest.digest()).decode().lower()[:12]


def visible_forms(opened: OpenRecord) -> frozenset[str]:
    """The forms a viewer may receive: all for the patient; for a clinician, those of the scopes shared."""
    if opened.share is None:
        return ALL_FORMS
    shown = {PARTICIPANT}
    for scope, forms in FORMS_BY_SCOPE.items():
        if opened.shows(scope):
            shown |= forms
    return frozenset(shown)


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = float(value)
    text = f"{round(float(value), 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _when(moment: dt.datetime, zone: dt.tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def header() -> list[str]:
    columns = [RECORD_ID, "redcap_repeat_instrument", "redcap_repeat_instance"]
    previous = None
    for field in dictionary_fields():
        if previous is not None and field.form != previous:
            columns.append(f"{previous}_complete")
        if field.name != RECORD_ID:
            columns.append(field.name)
        previous = field.form
    columns.append(f"{previous}_complete")
    return columns


def _participant(patient: User) -> dict[str, str]:
    profile = PatientProfile.objects.filter(user=patient).first()
    return {"birth_year": "" if profile is None or profile.birth_year is None else str(profile.birth_year),
            "sex": "" if profile is None else profile.sex, f"{PARTICIPANT}_complete": COMPLETE}


def _doses(patient: User, zone: dt.tzinfo) -> Iterable[dict[str, str]]:
    for dose in Dose.objects.of(patient).select_related("product").order_by("taken_at", "id"):
        yield {"dose_at": _when(dose.taken_at, zone), "dose_form": dose.product.form,
               "dose_amount": _number(dose.amount), "dose_unit": dose.unit,
               "dose_leaf_g": _number(dose.leaf_equivalent_g), "dose_mitragynine_mg": _number(dose.mitragynine_mg),
               "dose_mitragynine_basis": dose.mitragynine_basis, "dose_7oh_mg": _number(dose.hydroxymitragynine_mg),
               "dose_7oh_basis": dose.hydroxymitragynine_basis,
               "dose_lab_tested": "1" if dose.product.lab_tested else "0", "dose_reason": dose.reason,
               f"{DOSE}_complete": COMPLETE}


def _checkins(patient: User, zone: dt.tzinfo) -> Iterable[dict[str, str]]:
    for checkin in Checkin.objects.of(patient).order_by("at", "id"):
        row = {"checkin_at": _when(checkin.at, zone), f"{CHECKIN}_complete": COMPLETE}
        for name in ("pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function"):
            row[f"ci_{name}"] = _number(getattr(checkin, name))
        for prefix, grades in (("se_", checkin.side_effects), ("wd_", checkin.withdrawal)):
            for symptom, grade in (grades or {}).items():
                row[f"{prefix}{SHORT_SYMPTOMS.get(symptom, symptom)}"] = str(grade)
        yield row


def _labs(patient: User, zone: dt.tzinfo) -> Iterable[dict[str, str]]:
    for lab in LabResult.objects.of(patient).order_by("collected_at", "id"):
        yield {"lab_at": _when(lab.collected_at, zone), "lab_code": lab.code, "lab_value": _number(lab.value),
               "lab_unit": lab.unit, "lab_uln": _number(lab.uln), f"{LABS}_complete": COMPLETE}


def _responses(patient: User, zone: dt.tzinfo) -> Iterable[tuple[str, dict[str, str]]]:
    for response in Response.objects.of(patient).order_by("at", "id"):
        if response.instrument not in INSTRUMENT_FORMS:
            continue
        form, prefix = INSTRUMENT_FORMS[response.instrument]
        row = {f"{prefix}_at": _when(response.at, zone), f"{prefix}_score": _number(response.score),
               f"{prefix}_band": response.band, f"{form}_complete": COMPLETE}
        for number, answer in enumerate(response.answers or [], start=1):
            row[f"{prefix}_q{number}"] = str(answer)
        for name, value in (response.subscores or {}).items():
            if isinstance(value, int | float):
                row[f"{prefix}_{name}"] = _number(value)
        yield form, row


def records_rows(patient: User, *, forms: frozenset[str] = ALL_FORMS) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the patient's REDCap import file, with only ``forms`` filled."""
    columns = header()
    study_id, zone = study_id_of(patient), zone_of(patient)
    rows: list[list[str]] = []

    def add(instrument: str, instance: int | None, values: dict[str, str]) -> None:
        known = {RECORD_ID: study_id, "redcap_repeat_instrument": instrument,
                 "redcap_repeat_instance": "" if instance is None else str(instance), **values}
        unknown = set(known) - set(columns)
        if unknown:  # a value without its variable would be dropped without a word: refuse instead
            raise LookupError(f"not in the REDCap dictionary: {sorted(unknown)}")
        rows.append([known.get(column, "") for column in columns])

    add("", None, _participant(patient))
    repeating: list[tuple[str, Iterable[dict[str, str]]]] = [
        (DOSE, _doses(patient, zone) if DOSE in forms else ()),
        (CHECKIN, _checkins(patient, zone) if CHECKIN in forms else ()),
        (LABS, _labs(patient, zone) if LABS in forms else ()),
    ]
    for form, found in repeating:
        for instance, values in enumerate(found, start=1):
            add(form, instance, values)
    if INSTRUMENT_FORM_NAMES & forms:
        counts: dict[str, int] = {}
        for form, values in _responses(patient, zone):
            counts[form] = counts.get(form, 0) + 1
            add(form, counts[form], values)
    return columns, rows


def records_csv(patient: User, *, forms: frozenset[str] = ALL_FORMS) -> str:
    columns, rows = records_rows(patient, forms=forms)
    return csv_text(columns, rows)
