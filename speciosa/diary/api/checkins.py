"""Daily check-ins."""

from __future__ import annotations

from ninja import Router, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.diary.domain import delete_checkin, record_checkin, update_checkin
from speciosa.diary.models import Checkin
from speciosa.diary.schemas.checkins import CheckinIn, CheckinOut, CheckinPatch
from speciosa.lib.api_errors import own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses

router = Router(tags=["checkins"], auth=AUTH)


@router.get("/checkins", response={200: list[CheckinOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def list_checkins(request: ApiRequest):
    """Your check-ins, newest first."""
    return Checkin.objects.of(patient_of(request)).order_by("-at", "-id")


@router.post("/checkins", response={201: CheckinOut, **error_responses(400, 401, 403, 422)})
def add_checkin(request: ApiRequest, payload: CheckinIn):
    patient = patient_of(request)
    return Status(201, record_checkin(patient, by=patient, **payload.model_dump(exclude_unset=True)))


@router.get("/checkins/{id}", response={200: CheckinOut, **error_responses(401, 403, 404, 422)})
def get_checkin(request: ApiRequest, id: RecordId):
    return own(Checkin.objects.of(patient_of(request)), id, "check-in")


@router.patch("/checkins/{id}", response={200: CheckinOut, **error_responses(400, 401, 403, 404, 422)})
def change_checkin(request: ApiRequest, id: RecordId, payload: CheckinPatch):
    patient = patient_of(request)
    checkin = own(Checkin.objects.of(patient), id, "check-in")
    changes = payload.model_dump(exclude_unset=True)
    return update_checkin(checkin, by=patient, **changes) if changes else checkin


@router.delete("/checkins/{id}", response={204: None, **error_responses(401, 403, 404, 422)})
def remove_checkin(request: ApiRequest, id: RecordId):
    patient = patient_of(request)
    delete_checkin(own(Checkin.objects.of(patient), id, "check-in"), by=patient)
    return Status(204, None)
