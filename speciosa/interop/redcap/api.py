"""REDCap through the API: the data dictionary, your own records, and a patient's records for a clinician they
share with (through the one door, audited, only the parts shared)."""

from __future__ import annotations

from typing import Any

from ninja import Router

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, clinician_of, patient_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import open_record
from speciosa.interop.redcap.dictionary import dictionary_csv
from speciosa.interop.redcap.records import ALL_FORMS, visible_forms
from speciosa.interop.redcap.views import RECORDS_WHAT, csv_download, records_download
from speciosa.lib.schemas import RecordId, error_responses, file_response

router = Router(tags=["redcap"], auth=AUTH)
CSV = {200: Any, **error_responses(401, 403)}


@router.get("/redcap/dictionary", response=CSV, openapi_extra=file_response("text/csv"))
def redcap_dictionary(request: ApiRequest):
    """Speciosa's REDCap data dictionary (CSV, REDCap's 18-column import format). Holds no patient data."""
    return csv_download(dictionary_csv(), "speciosa-redcap-data-dictionary.csv")


@router.get("/me/redcap/records", response=CSV, openapi_extra=file_response("text/csv"))
def my_redcap_records(request: ApiRequest):
    """Your diary as REDCap import rows (CSV) under your study id: no name, no typed text."""
    return records_download(patient_of(request), ALL_FORMS)


@router.get("/patients/{id}/redcap/records", response={200: Any, **error_responses(401, 403, 404, 422)},
            openapi_extra=file_response("text/csv"))
def patient_redcap_records(request: ApiRequest, id: RecordId):
    """A patient's records as REDCap import rows (CSV), for a clinician they share with: only the forms of the
    parts shared (doses: diary; check-ins and questionnaires: check-ins; labs: medical)."""
    opened = open_record(clinician_of(request), id, None, action=Action.EXPORT, what=RECORDS_WHAT, request=request)
    return records_download(opened.patient, visible_forms(opened))
