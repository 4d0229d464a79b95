"""Doses: the log, its edits, and each dose's revision trail."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.core.errors import InputError
from speciosa.diary.domain import delete_dose, record_dose, update_dose
from speciosa.diary.models import Dose
from speciosa.diary.queries import revisions_of
from speciosa.diary.schemas.doses import DoseFilters, DoseIn, DoseOut, DosePatch, RevisionOut
from speciosa.lib.api_errors import own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses

router = Router(tags=["doses"], auth=AUTH)


@router.get("/doses", response={200: list[DoseOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def list_doses(request: ApiRequest, filters: Query[DoseFilters]):
    """Your doses, newest first; ``start`` and ``end`` (ISO 8601 with an offset) narrow them to a span."""
    doses = Dose.objects.of(patient_of(request)).select_related("product").order_by("-taken_at", "-id")
    if filters.start is not None and filters.end is not None and filters.end <= filters.start:
        raise InputError("end", "must be after start")
    if filters.start is not None:
        doses = doses.filter(taken_at__gte=filters.start)
    if filters.end is not None:
        doses = doses.filter(taken_at__lt=filters.end)
    return doses


@router.post("/doses", response={201: DoseOut, **error_responses(400, 401, 403, 422)})
def log_dose(request: ApiRequest, payload: DoseIn):
    """Logs a dose; the answer carries its leaf-equivalent grams and alkaloid mg, and what those rest on."""
    patient = patient_of(request)
    return Status(201, record_dose(patient, by=patient, **payload.model_dump(exclude_unset=True)))


@router.get("/doses/{id}", response={200: DoseOut, **error_responses(401, 403, 404, 422)})
def get_dose(request: ApiRequest, id: RecordId):
    return own(Dose.objects.of(patient_of(request)).select_related("product"), id, "dose")


@router.patch("/doses/{id}", response={200: DoseOut, **error_responses(400, 401, 403, 404, 422)})
def change_dose(request: ApiRequest, id: RecordId, payload: DosePatch):
    """Changes the fields sent; the old values stay in the dose's history."""
    patient = patient_of(request)
    dose = own(Dose.objects.of(patient).select_related("product"), id, "dose")
    changes = payload.model_dump(exclude_unset=True)
    return update_dose(dose, by=patient, **changes) if changes else dose


@router.delete("/doses/{id}", response={204: None, **error_responses(401, 403, 404, 422)})
def remove_dose(request: ApiRequest, id: RecordId):
    """Removes the dose from the diary; its history is kept."""
    patient = patient_of(request)
    delete_dose(own(Dose.objects.of(patient), id, "dose"), by=patient)
    return Status(204, None)


@router.get("/doses/{id}/history", response={200: list[RevisionOut], **error_responses(401, 403, 404, 422)})
def dose_history(request: ApiRequest, id: RecordId):
    """Who changed the dose, when, and what it was before and after; oldest first.

    A deleted dose keeps its trail, so this answers for it too.
    """
    return revisions_of(own(Dose.objects.filter(patient=patient_of(request)), id, "dose"))
