"""Instruments API, mounted under /api/v1 by speciosa.api: the instruments themselves, questionnaire responses
and the patient's schedule.

Responses are the patient's own (403 for an account with no diary; another patient's response id is "not found").
A clinician reads a patient's responses with ``?patient=ID`` when that patient shared check-ins (else 404).
"""

# No ``from __future__ import annotations``: ninja reads a paginated operation's parameter types through the
# pagination wrapper, which cannot resolve names from strings.
from typing import Any

from ninja import Query, Router, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import open_record
from speciosa.clinic.enums import Scope
from speciosa.core import instruments
from speciosa.core.errors import InputError
from speciosa.instruments.domain import delete_response, record_response, set_schedule
from speciosa.instruments.queries import own_schedule, responses_of
from speciosa.instruments.schedules import schedule_of, scheduled
from speciosa.instruments.schemas import (
    InstrumentId,
    InstrumentOut,
    ResponseFilters,
    ResponseIn,
    ResponseOut,
    ScheduleIn,
    ScheduleOut,
)
from speciosa.lib.api_errors import ApiError, own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses

router = Router(tags=["instruments"], auth=AUTH)


@router.get("/instruments", response={200: list[InstrumentOut], **error_responses(401)})
def list_instruments(request: ApiRequest) -> list[dict[str, Any]]:
    """Every questionnaire Speciosa scores: items, response options, scoring, bands, sources, licence, LOINC."""
    return [instrument.to_dict() for instrument in instruments.all_instruments()]


@router.get("/instruments/{id}", response={200: InstrumentOut, **error_responses(401, 404, 422)})
def get_instrument(request: ApiRequest, id: InstrumentId) -> dict[str, Any]:
    try:
        return instruments.get(id).to_dict()
    except InputError:
        raise ApiError(404, "id", f"no instrument {id!r}") from None


@router.post("/questionnaires", response={201: ResponseOut, **error_responses(400, 401, 403, 422)})
def add_response(request: ApiRequest, payload: ResponseIn):
    """Scores and stores a completed questionnaire; the answer carries its score, band and subscores."""
    patient = patient_of(request)
    return Status(201, record_response(patient, by=patient, **payload.model_dump(exclude_unset=True)))


@router.get("/questionnaires", response={200: list[ResponseOut], **error_responses(401, 403, 404, 422)})
@paginate(Pages)
def list_responses(request: ApiRequest, filters: Query[ResponseFilters]):
    """Your questionnaire responses, newest first; a clinician adds ``patient`` for a patient who shared."""
    if filters.instrument:  # before the door: a refused filter shows nothing, so it must not be logged as a read
        instruments.get(filters.instrument)
    if filters.patient is not None:
        patient = open_record(request.auth, filters.patient, Scope.CHECKINS, action=Action.READ,
                              what="questionnaire responses", request=request).patient
    else:
        patient = patient_of(request)
    return responses_of(patient, instrument=filters.instrument)


@router.get("/questionnaires/{id}", response={200: ResponseOut, **error_responses(401, 403, 404, 422)})
def get_response(request: ApiRequest, id: RecordId):
    return own(responses_of(patient_of(request)), id, "questionnaire response")


@router.delete("/questionnaires/{id}", response={204: None, **error_responses(401, 403, 404, 422)})
def remove_response(request: ApiRequest, id: RecordId):
    patient = patient_of(request)
    delete_response(own(responses_of(patient), id, "questionnaire response"), by=patient)
    return Status(204, None)


@router.get("/me/schedule", response={200: ScheduleOut, **error_responses(401, 403)})
def get_schedule(request: ApiRequest) -> dict[str, Any]:
    """Which questionnaires are due how often, who set that (the plan or you), and when each is next due."""
    return _schedule(patient_of(request))


@router.put("/me/schedule", response={200: ScheduleOut, **error_responses(400, 401, 403, 422)})
def put_schedule(request: ApiRequest, payload: ScheduleIn) -> dict[str, Any]:
    """Replaces your own schedule (a plan in force still wins while it lasts)."""
    patient = patient_of(request)
    set_schedule(patient, entries=[entry.model_dump() for entry in payload.entries])
    return _schedule(patient)


def _schedule(patient: User) -> dict[str, Any]:
    today = today_of(patient)
    in_force, source = schedule_of(patient, today=today)
    return {
        "source": source,
        "entries": [{"instrument": key, "frequency": value.value} for key, value in in_force.items()],
        "own": [{"instrument": key, "frequency": value} for key, value in own_schedule(patient).items()],
        "due": [{"instrument": due.instrument, "title": due.title, "frequency": due.frequency,
                 "last_answered": due.last_answered, "next_due": due.next_due}
                for due in scheduled(patient, today=today)],
    }
