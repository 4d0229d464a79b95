"""Labs and medicines from an EHR's FHIR R4 Bundle into a patient's diary: a preview first, then one transaction.

What is read (docs/interop.md has the full mapping):
- ``Observation`` with a LOINC code of a liver test Speciosa keeps (speciosa.core.codes.LAB_CODES): the value in a
  UCUM unit Speciosa reads for that test, ``referenceRange.high`` as the upper limit of normal (converted into the
  value's unit: total bilirubin 1 mg/dL = 17.1 µmol/L), the collection time from ``effectiveDateTime``
  (``effectivePeriod.start``, else ``issued``);
- ``MedicationStatement`` and ``MedicationRequest``: the medicine's RxNorm code and name (from
  ``medicationCodeableConcept`` or the referenced ``Medication``), the dosage text, start and stop dates.
Everything else is listed as skipped, with the reason. Each entry is judged on its own:

  new        it will be (or was) stored
  duplicate  the record already holds it (same test, time and value - across units -, or the same medicine,
             by RxNorm code or name, with the same start): importing the same Bundle twice stores nothing new
  skipped    not something Speciosa keeps (another test, a cancelled order, a kratom dose of Speciosa's own export)
  error      something Speciosa keeps, but unusable as it stands; the message says what and where

``preview_import`` runs every write inside a transaction that it rolls back, so the preview applies exactly the
diary's own checks (speciosa.diary.domain) and stores nothing. ``commit_import`` runs the same in one transaction
and keeps it: the entries marked new are stored together or not at all (each in a savepoint, so an entry the
diary refuses leaves nothing of itself), with one revision each.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from speciosa.accounts.models import User
from speciosa.core.codes import LAB_UNITS, LABS_WITHOUT_ULN
from speciosa.core.errors import InputError
from speciosa.diary.domain import record_lab, record_medication
from speciosa.diary.models import LabResult, Medication
from speciosa.interop.fhir import codes
from speciosa.interop.fhir.export import LEAF_EQUIVALENT_PATH

Status = Literal["new", "duplicate", "skipped", "error"]
STATUSES: tuple[Status, ...] = ("new", "duplicate", "skipped", "error")
MAX_BYTES = 2 * 1024 * 1024  # within DATA_UPLOAD_MAX_MEMORY_SIZE: the preview page posts the file back as text
MAX_ENTRIES = 20_000
_LOINC_TO_LAB = {code.code: short for short, code in codes.LAB_CODES.items()}
_STATEMENT_SKIP = {"entered-in-error", "not-taken", "unknown"}
_REQUEST_SKIP = {"entered-in-error", "cancelled", "draft", "unknown"}
_LAB_FINAL = {"final", "amended", "corrected"}


@dataclass(frozen=True)
class EntryOutcome:
    """What became of one entry of the Bundle (``index`` counts from 1, as a person reads the file)."""

    index: int
    resource_type: str
    status: Status
    summary: str  # the record in plain words ("ALT 35 U/L, collected 2026-11-02")
    message: str = ""  # why it is skipped or unusable
    field: str = ""  # where, as a FHIR path (Bundle.entry[3].resource.valueQuantity.unit)


@dataclass
class ImportReport:
    committed: bool
    entries: list[EntryOutcome] = field(default_factory=list)

    def count(self, status: Status, resource: str | None = None) -> int:
        return sum(1 for entry in self.entries if entry.status == status
                   and (resource is None or self._kind(entry) == resource))

    @staticmethod
    def _kind(entry: EntryOutcome) -> str:
        return "lab" if entry.resource_type == "Observation" else "medicine"

    @property
    def stored_labs(self) -> int:
        return self.count("new", "lab") if self.committed else 0

    @property
    def stored_medicines(self) -> int:
        return self.count("new", "medicine") if self.committed else 0

    def to_dict(self) -> dict[str, Any]:
        return {"committed": self.committed,
                "counts": {status: self.count(status) for status in STATUSES},
                "entries": [asdict(entry) for entry in self.entries]}


class _Refused(Exception):
    def __init__(self, status: Status, message: str, where: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.where = where


def read_bundle(content: bytes | str) -> dict[str, Any]:
    """The uploaded text as a FHIR Bundle (a dict). Raises InputError("file", ...) saying what is wrong."""
    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            raise InputError("file", f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("file", "is not UTF-8 text (a FHIR JSON file is)") from None
    if not content.strip():
        raise InputError("file", "is empty")
    try:
        data = json.loads(content)
    except (ValueError, RecursionError) as error:
        raise InputError("file", f"is not JSON ({str(error)[:120]})") from None
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        found = data.get("resourceType") if isinstance(data, dict) else type(data).__name__
        raise InputError("file", f"is not a FHIR Bundle (its resourceType is {found!r})")
    entries = data.get("entry")
    if entries is None:
        data["entry"] = entries = []
    if not isinstance(entries, list):
        raise InputError("file", "Bundle.entry is not a list")
    if len(entries) > MAX_ENTRIES:
        raise InputError("file", f"holds {len(entries):,} entries; at most {MAX_ENTRIES:,} are read at once")
    return data


def _check_model(resource: dict[str, Any], where: str) -> None:
    """The resource against the fhir.resources R4B model of its type; the first fault as an error."""
    try:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first.get("loc", ()) if part != "__root__")
        raise _Refused("error", f"not valid FHIR R4: {first.get('msg', 'invalid')}",
                       f"{where}.{path}" if path else where) from None
    except (KeyError, ValueError):
        raise _Refused("skipped", f"{resource['resourceType']!r} is not a FHIR R4 resource type", where) from None


def _moment(text: Any, where: str) -> dt.datetime:
    if not isinstance(text, str):
        raise _Refused("error", "no collection time", where)
    moment = parse_datetime(text) if "T" in text else None
    if moment is None:
        if "T" not in text and (parse_date(text) is not None or len(text) in (4, 7)):
            raise _Refused("error", f"{text!r} has no time of day; Speciosa needs when the sample was taken", where)
        raise _Refused("error", f"{text!r} is not a date and time", where)
    if moment.tzinfo is None:
        raise _Refused("error", f"{text!r} has no time zone offset", where)
    return moment  # FHIR's dateTime allows offsets to ±14:00 only (validated first), all of which PostgreSQL takes


def _day(text: Any, where: str) -> dt.date | None:
    if text is None:
        return None
    if isinstance(text, str):
        day = parse_date(text[:10]) if len(text) >= 10 else None
        if day is not None:
            return day
    raise _Refused("error", f"{text!r} is not a date (YYYY-MM-DD)", where)


def _decimal(value: Any, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise _Refused("error", f"{value!r} is not a number", where) from None
    if not number.is_finite():
        raise _Refused("error", f"{value!r} is not a number", where)
    return number


def _unit(quantity: dict[str, Any], lab: str, where: str) -> str:
    ucum = quantity.get("code") if quantity.get("system") in (codes.UCUM, None) else None
    unit = codes.lab_unit_of(ucum, quantity.get("unit"))
    if unit is None or unit not in LAB_UNITS[lab]:
        given = quantity.get("code") or quantity.get("unit") or "no unit"
        readable = ", ".join(codes.LAB_UCUM[word][0] for word in LAB_UNITS[lab])
        raise _Refused("error", f"{given!r} is not a unit Speciosa reads for {lab} (UCUM {readable})", where)
    return unit


def _convert(value: Decimal, unit: str, into: str, lab: str, where: str) -> Decimal:
    """``value`` from ``unit`` into ``into`` (same test)."""
    if unit == into:
        return value
    factor = Decimal(str(codes.BILIRUBIN_UMOL_PER_MG_DL))
    if lab == "TBIL" and (unit, into) == ("mg/dL", "µmol/L"):
        return (value * factor).quantize(Decimal("0.001"))
    if lab == "TBIL" and (unit, into) == ("µmol/L", "mg/dL"):
        return (value / factor).quantize(Decimal("0.001"))
    per_ul = {"U/L": Decimal(1), "IU/L": Decimal(1), "µkat/L": Decimal(60)}
    if unit in per_ul and into in per_ul:
        return (value * per_ul[unit] / per_ul[into]).quantize(Decimal("0.001"))
    raise _Refused("error", f"cannot convert {unit} into {into} for {lab}", where)


def _canonical(value: Decimal, unit: str, lab: str) -> Decimal:
    """A value in one unit per test (mg/dL, U/L), rounded, to recognise the same result across units."""
    into = {"TBIL": "mg/dL", "INR": "ratio"}.get(lab, "U/L")
    return _convert(value, unit, into, lab, "").quantize(Decimal("0.01"))


def _lab(patient: User, by: User, resource: dict[str, Any], where: str) -> str:
    coding = [c for c in (resource.get("code") or {}).get("coding") or [] if isinstance(c, dict)]
    loinc = next((c.get("code") for c in coding if c.get("system") == codes.LOINC), None)
    shown = (resource.get("code") or {}).get("text") or next((c.get("display") for c in coding
                                                               if c.get("display")), None) or "an observation"
    lab = _LOINC_TO_LAB.get(loinc or "")
    if lab is None:
        what = f"LOINC {loinc}" if loinc else "no LOINC code"
        raise _Refused("skipped", f"{shown} ({what}) is not one of the liver tests Speciosa keeps", f"{where}.code")
    status = resource.get("status")
    if status not in _LAB_FINAL:
        raise _Refused("skipped", f"the result is {status!r}, not final", f"{where}.status")
    quantity = resource.get("valueQuantity")
    if not isinstance(quantity, dict) or quantity.get("value") is None:
        raise _Refused("error", f"{lab} has no value with a unit (valueQuantity)", f"{where}.valueQuantity")
    unit = _unit(quantity, lab, f"{where}.valueQuantity")
    value = _decimal(quantity["value"], f"{where}.valueQuantity.value")
    uln: Decimal | None = None
    for position, reference_range in enumerate(resource.get("referenceRange") or []):
        high = (reference_range or {}).get("high")
        if isinstance(high, dict) and high.get("value") is not None:
            at = f"{where}.referenceRange[{position}].high"
            high_unit = _unit(high, lab, at) if (high.get("code") or high.get("unit")) else unit
            uln = _convert(_decimal(high["value"], f"{at}.value"), high_unit, unit, lab, at)
            break
    if uln is None and lab not in LABS_WITHOUT_ULN:
        raise _Refused("error", f"{lab} has no upper limit of normal (referenceRange.high); Speciosa reads liver "
                                "tests as multiples of it", f"{where}.referenceRange")
    if "effectiveDateTime" in resource:
        collected = _moment(resource["effectiveDateTime"], f"{where}.effectiveDateTime")
    elif isinstance(resource.get("effectivePeriod"), dict) and resource["effectivePeriod"].get("start"):
        collected = _moment(resource["effectivePeriod"]["start"], f"{where}.effectivePeriod.start")
    else:
        collected = _moment(resource.get("issued"), f"{where}.effectiveDateTime")
    summary = f"{lab} {value.normalize():f} {unit}, collected {collected.date().isoformat()}"
    same = _canonical(value, unit, lab)
    for existing in LabResult.objects.of(patient).filter(code=lab, collected_at=collected):
        if existing.unit in LAB_UNITS[lab] and _canonical(existing.value, existing.unit, lab) == same:
            raise _Refused("duplicate", summary)
    try:
        with transaction.atomic():
            record_lab(patient, by=by, code=lab, value=value, unit=unit, uln=uln, collected_at=collected)
    except InputError as error:
        raise _Refused("error", f"{summary}: {error.message}", f"{where} ({error.field})") from None
    return summary


def _medicine_concept(resource: dict[str, Any], bundle_index: dict[str, dict[str, Any]],
                      where: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    if isinstance(resource.get("medicationCodeableConcept"), dict):
        return resource["medicationCodeableConcept"], None
    reference = (resource.get("medicationReference") or {}).get("reference")
    target = None
    if isinstance(reference, str):
        if reference.startswith("#"):
            target = next((c for c in resource.get("contained") or [] if c.get("id") == reference[1:]), None)
        else:
            target = bundle_index.get(reference)
    if target is None or target.get("resourceType") != "Medication":
        raise _Refused("error", "the medicine is neither coded here nor a Medication in this Bundle",
                       f"{where}.medicationReference")
    return target.get("code") or {}, target


def _medicine(patient: User, by: User, resource: dict[str, Any], where: str,
              bundle_index: dict[str, dict[str, Any]]) -> str:
    kind = resource["resourceType"]
    status = resource.get("status")
    if status in (_STATEMENT_SKIP if kind == "MedicationStatement" else _REQUEST_SKIP):
        raise _Refused("skipped", f"the {kind} is {status!r}", f"{where}.status")
    concept, medication = _medicine_concept(resource, bundle_index, where)
    if medication is not None and any(str(identifier.get("system", "")).endswith("/fhir/id/product")
                                      for identifier in medication.get("identifier") or []):
        raise _Refused("skipped", "a kratom dose from a Speciosa export: doses are logged in the diary, not "
                                  "imported", f"{where}.medicationReference")
    if any(extension.get("url", "").endswith(LEAF_EQUIVALENT_PATH) for extension in resource.get("extension") or []):
        raise _Refused("skipped", "a kratom dose: doses are logged in the diary, not imported", f"{where}.extension")
    coding = [c for c in concept.get("coding") or [] if isinstance(c, dict)]
    rxnorm = next((str(c.get("code")) for c in coding if c.get("system") == codes.RXNORM and c.get("code")), "")
    name = concept.get("text") or next((c.get("display") for c in coding if c.get("display")), None)
    if not name:
        raise _Refused("error", "the medicine has no name (code.text or a coding's display)",
                       f"{where}.medicationCodeableConcept")
    dosage = resource.get("dosage") if kind == "MedicationStatement" else resource.get("dosageInstruction")
    dose_text = next((d.get("text") for d in dosage or [] if isinstance(d, dict) and d.get("text")), "")
    if kind == "MedicationStatement":
        period = resource.get("effectivePeriod") or {}
        start = _day(period.get("start") or resource.get("effectiveDateTime"), f"{where}.effectivePeriod.start")
        stop = _day(period.get("end"), f"{where}.effectivePeriod.end")
    else:
        validity = (resource.get("dispenseRequest") or {}).get("validityPeriod") or {}
        start = _day(validity.get("start") or resource.get("authoredOn"), f"{where}.authoredOn")
        stop = _day(validity.get("end"), f"{where}.dispenseRequest.validityPeriod.end")
        if status in ("completed", "stopped") and stop is None:
            stop = start
    summary = name + (f" (RxNorm {rxnorm})" if rxnorm else "") + (f", from {start.isoformat()}" if start else "")
    for existing in Medication.objects.of(patient).filter(start=start):
        if (rxnorm and existing.rxnorm == rxnorm) or existing.name.strip().lower() == str(name).strip().lower():
            raise _Refused("duplicate", summary)
    try:
        with transaction.atomic():
            record_medication(patient, by=by, name=str(name), rxnorm=rxnorm, dose_text=str(dose_text)[:200],
                              start=start, stop=stop)
    except InputError as error:
        raise _Refused("error", f"{summary}: {error.message}", f"{where} ({error.field})") from None
    return summary


def _run(patient: User, by: User, bundle: dict[str, Any]) -> list[EntryOutcome]:
    entries = bundle.get("entry") or []
    index: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
            resource = entry["resource"]
            if isinstance(entry.get("fullUrl"), str):
                index[entry["fullUrl"]] = resource
            if isinstance(resource.get("resourceType"), str) and isinstance(resource.get("id"), str):
                index[f"{resource['resourceType']}/{resource['id']}"] = resource
    outcomes: list[EntryOutcome] = []
    for position, entry in enumerate(entries):
        where = f"Bundle.entry[{position}].resource"
        resource = entry.get("resource") if isinstance(entry, dict) else None
        kind = str(resource.get("resourceType")) if isinstance(resource, dict) else "(none)"
        try:
            if not isinstance(resource, dict):
                raise _Refused("error", "the entry holds no resource", f"Bundle.entry[{position}]")
            if kind not in ("Observation", "MedicationStatement", "MedicationRequest"):
                raise _Refused("skipped", f"a {kind}: Speciosa imports labs and medicines only", where)
            _check_model(resource, where)
            if kind == "Observation":
                summary = _lab(patient, by, resource, where)
            else:
                summary = _medicine(patient, by, resource, where, index)
            outcomes.append(EntryOutcome(position + 1, kind, "new", summary))
        except _Refused as refused:
            summary = refused.message if refused.status == "duplicate" else ""
            message = "" if refused.status == "duplicate" else refused.message
            outcomes.append(EntryOutcome(position + 1, kind, refused.status, summary, message, refused.where))
    return outcomes


def preview_import(patient: User, content: bytes | str | dict[str, Any], *, by: User) -> ImportReport:
    """What importing ``content`` would do, entry by entry; stores nothing. Raises InputError("file", ...) for a
    file that is not a FHIR Bundle."""
    bundle = content if isinstance(content, dict) else read_bundle(content)
    with transaction.atomic():
        outcomes = _run(patient, by, bundle)
        transaction.set_rollback(True)
    return ImportReport(committed=False, entries=outcomes)


@transaction.atomic
def commit_import(patient: User, content: bytes | str | dict[str, Any], *, by: User) -> ImportReport:
    """Imports the usable labs and medicines of ``content`` in one transaction (duplicates, skipped and unusable
    entries are reported, not stored). Side effects: one diary revision per stored record, recorded as ``by``."""
    bundle = content if isinstance(content, dict) else read_bundle(content)
    return ImportReport(committed=True, entries=_run(patient, by, bundle))
