"""Liver test results."""

from __future__ import annotations

from ninja import Router, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.diary.domain import delete_lab, record_lab, update_lab
from speciosa.diary.models import LabResult
from speciosa.diary.schemas.labs import LabIn, LabOut, LabPatch
from speciosa.lib.api_errors import own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses

router = Router(tags=["labs"], auth=AUTH)


@router.get("/labs", response={200: list[LabOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def list_labs(request: ApiRequest):
    """Your lab results, newest first."""
    return LabResult.objects.of(patient_of(request)).order_by("-collected_at", "-id")


@router.post("/labs", response={201: LabOut, **error_responses(400, 401, 403, 422)})
def add_lab(request: ApiRequest, payload: LabIn):
    patient = patient_of(request)
    return Status(201, record_lab(patient, by=patient, **payload.model_dump(exclude_unset=True)))


@router.get("/labs/{id}", response={200: LabOut, **error_responses(401, 403, 404, 422)})
def get_lab(request: ApiRequest, id: RecordId):
    return own(LabResult.objects.of(patient_of(request)), id, "lab result")


@router.patch("/labs/{id}", response={200: LabOut, **error_responses(400, 401, 403, 404, 422)})
def change_lab(request: ApiRequest, id: RecordId, payload: LabPatch):
    patient = patient_of(request)
    lab = own(LabResult.objects.of(patient), id, "lab result")
    changes = payload.model_dump(exclude_unset=True)
    return update_lab(lab, by=patient, **changes) if changes else lab


@router.delete("/labs/{id}", response={204: None, **error_responses(401, 403, 404, 422)})
def remove_lab(request: ApiRequest, id: RecordId):
    patient = patient_of(request)
    delete_lab(own(LabResult.objects.of(patient), id, "lab result"), by=patient)
    return Status(204, None)
