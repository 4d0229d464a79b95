"""Who may export or import a patient's record as FHIR, through the one access door.

Export: the patient, or a clinician whose active share includes ``diary`` (each further part only with its own
scope; speciosa.interop.fhir.export applies them). Import: the patient, or a clinician whose share includes
``medical`` and the "may also edit the plan" permission (the only write permission a share carries).
"""

from __future__ import annotations

from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.audit.enums import Action
from speciosa.clinic.access import OpenRecord, open_record
from speciosa.clinic.enums import Scope
from speciosa.interop.fhir.importer import ImportReport

EXPORT_WHAT = "FHIR record ({parts})"
PREVIEW_WHAT = "FHIR import preview"


def shared_parts(opened: OpenRecord) -> str:
    """The parts of the record the viewer holds, as the clinician's patient page names them."""
    return ", ".join(opened.share.scope_labels()).lower() if opened.share is not None else "everything"


def open_for_fhir_export(viewer: User, patient_id: int, *, request: HttpRequest | None = None) -> OpenRecord:
    """The record opened for a FHIR export; a clinician's export is audited with the parts it holds."""
    opened = open_record(viewer, patient_id, Scope.DIARY, action=None, request=request)
    opened.record(Action.EXPORT, EXPORT_WHAT.format(parts=shared_parts(opened)))
    return opened


def open_for_fhir_import(viewer: User, patient_id: int, *, request: HttpRequest | None = None) -> OpenRecord:
    """The record opened for a FHIR import (medical scope and write permission for a clinician); the caller records
    the audit entry with ``record_import`` once it knows whether it previewed or stored."""
    return open_record(viewer, patient_id, Scope.MEDICAL, action=None, write=True, request=request)


def record_import(opened: OpenRecord, report: ImportReport) -> None:
    if report.committed:
        opened.record(Action.WRITE, f"FHIR import: {report.stored_labs} labs, {report.stored_medicines} medicines")
    else:
        opened.record(Action.READ, PREVIEW_WHAT)
