"""Other medicines the patient takes."""

from __future__ import annotations

from ninja import Router, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.diary.domain import delete_medication, record_medication, update_medication
from speciosa.diary.models import Medication
from speciosa.diary.schemas.medications import MedicationIn, MedicationOut, MedicationPatch
from speciosa.lib.api_errors import own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses

router = Router(tags=["medications"], auth=AUTH)


@router.get("/medications", response={200: list[MedicationOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def list_medications(request: ApiRequest):
    """Your medicines, newest first."""
    return Medication.objects.of(patient_of(request)).order_by("-created_at", "-id")


@router.post("/medications", response={201: MedicationOut, **error_responses(400, 401, 403, 422)})
def add_medication(request: ApiRequest, payload: MedicationIn):
    patient = patient_of(request)
    return Status(201, record_medication(patient, by=patient, **payload.model_dump(exclude_unset=True)))


@router.get("/medications/{id}", response={200: MedicationOut, **error_responses(401, 403, 404, 422)})
def get_medication(request: ApiRequest, id: RecordId):
    return own(Medication.objects.of(patient_of(request)), id, "medicine")


@router.patch("/medications/{id}", response={200: MedicationOut, **error_responses(400, 401, 403, 404, 422)})
def change_medication(request: ApiRequest, id: RecordId, payload: MedicationPatch):
    patient = patient_of(request)
    medication = own(Medication.objects.of(patient), id, "medicine")
    changes = payload.model_dump(exclude_unset=True)
    return update_medication(medication, by=patient, **changes) if changes else medication


@router.delete("/medications/{id}", response={204: None, **error_responses(401, 403, 404, 422)})
def remove_medication(request: ApiRequest, id: RecordId):
    patient = patient_of(request)
    delete_medication(own(Medication.objects.of(patient), id, "medicine"), by=patient)
    return Status(204, None)
