"""REDCap downloads: the data dictionary (anyone signed in: it holds no patient data), the patient's own records,
and a clinician's copy of a patient's records through the one door (audited, only the parts shared)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, clinician_required, patient_required
from speciosa.accounts.models import User
from speciosa.audit.enums import Action
from speciosa.clinic.access import open_record
from speciosa.interop.redcap.dictionary import REPEATING_FORMS, dictionary_csv
from speciosa.interop.redcap.records import ALL_FORMS, records_csv, study_id_of, visible_forms

RECORDS_WHAT = "REDCap records"


def csv_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def records_download(patient: User, forms: frozenset[str]) -> HttpResponse:
    return csv_download(records_csv(patient, forms=forms),
                        f"speciosa-redcap-{study_id_of(patient)}-{timezone.now():%Y%m%d}.csv")


@patient_required
def redcap(request: AuthedRequest) -> HttpResponse:
    return render(request, "interop/redcap.html", {"study_id": study_id_of(request.user),
                                                   "repeating": REPEATING_FORMS})


@login_required
def dictionary(request: AuthedRequest) -> HttpResponse:
    return csv_download(dictionary_csv(), "speciosa-redcap-data-dictionary.csv")


@patient_required
def my_records(request: AuthedRequest) -> HttpResponse:
    return records_download(request.user, ALL_FORMS)


@clinician_required
def patient_records(request: AuthedRequest, patient_id: int) -> HttpResponse:
    opened = open_record(request.user, patient_id, None, action=Action.EXPORT, what=RECORDS_WHAT, request=request)
    return records_download(opened.patient, visible_forms(opened))
