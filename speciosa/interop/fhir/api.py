"""FHIR over the JSON API (/api/v1): a patient's record as a Bundle, and labs and medicines in from an EHR's Bundle.

The export answers ``application/fhir+json``. The import takes the Bundle as the request body and answers what
became of each entry; it stores nothing unless ``commit=true``.
"""

# No ``from __future__ import annotations``: ninja reads these signatures' types at import.
import json
from typing import Any, Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.clinic.access import OpenRecord, open_record
from speciosa.interop.fhir.access import open_for_fhir_export, open_for_fhir_import, record_import
from speciosa.interop.fhir.export import fhir_bundle
from speciosa.interop.fhir.importer import commit_import, preview_import
from speciosa.lib.schemas import RecordId, error_responses, file_response

router = Router(tags=["fhir"], auth=AUTH)
FHIR_JSON = "application/fhir+json"


def _bundle_response(opened: OpenRecord, type: str) -> HttpResponse:
    bundle = fhir_bundle(opened, kind="transaction" if type == "transaction" else "collection")
    response = HttpResponse(json.dumps(bundle, ensure_ascii=False), content_type=f"{FHIR_JSON}; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="speciosa-{opened.patient.username}-fhir-{stamp}.json"'
    return response


def _import(request: ApiRequest, opened: OpenRecord, commit: bool) -> dict[str, Any]:
    body = request.body
    verb = commit_import if commit else preview_import
    report = verb(opened.patient, body, by=request.auth)
    record_import(opened, report)
    return report.to_dict()


@router.get("/me/fhir", response={200: dict[str, Any], **error_responses(401, 403, 422)},
            openapi_extra=file_response("application/fhir+json", description="A FHIR R4 Bundle"))
def my_fhir_record(request: ApiRequest, type: Literal["collection", "transaction"] = "collection"):
    """Your whole record as a FHIR R4 Bundle: ``type=collection`` (to keep) or ``transaction`` (for an EHR to post)."""
    patient = patient_of(request)
    return _bundle_response(open_record(patient, patient.pk, None, action=None), type)


@router.get("/clinic/patients/{id}/fhir", response={200: dict[str, Any], **error_responses(401, 403, 404, 422)},
            openapi_extra=file_response("application/fhir+json", description="A FHIR R4 Bundle"))
def patient_fhir_record(request: ApiRequest, id: RecordId,
                        type: Literal["collection", "transaction"] = "collection"):
    """A patient's record as a FHIR R4 Bundle, holding the parts they share with you (doses and products needed)."""
    return _bundle_response(open_for_fhir_export(request.auth, id, request=request), type)


@router.post("/me/fhir/import", response={200: dict[str, Any], **error_responses(401, 403, 413, 422)})
def import_my_fhir(request: ApiRequest, commit: bool = False):
    """Labs and medicines from an EHR's FHIR R4 Bundle (the request body). Without ``commit=true`` nothing is stored:
    the answer says, entry by entry, what would be stored, what is already in your record, and what cannot be used
    and why."""
    patient = patient_of(request)
    return _import(request, open_record(patient, patient.pk, None, action=None), commit)


@router.post("/clinic/patients/{id}/fhir/import",
             response={200: dict[str, Any], **error_responses(401, 403, 404, 413, 422)})
def import_patient_fhir(request: ApiRequest, id: RecordId, commit: bool = False):
    """Labs and medicines from an EHR's Bundle into a patient's record: needs their medicines-and-labs share and the
    permission to edit their plan. Stores nothing without ``commit=true``."""
    return _import(request, open_for_fhir_import(request.auth, id, request=request), commit)
