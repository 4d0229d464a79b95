"""Plans API, mounted under /api/v1 by speciosa.api: the patient reads and acknowledges, a clinician publishes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Router, Status

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.enums import Role
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import open_record
from speciosa.clinic.enums import Scope
from speciosa.lib.api_errors import ApiError
from speciosa.lib.schemas import RecordId, error_responses
from speciosa.plans.domain import acknowledge_plan, publish_plan
from speciosa.plans.queries import plan_in_force, versions_of
from speciosa.plans.schemas import PlanIn, PlanOut, PlanVersionOut, plan_out

router = Router(tags=["plans"], auth=AUTH)


def _clinician_of(request: ApiRequest) -> User:
    """The signed-in clinician; a patient reads their own plan at /plan."""
    user = request.auth
    if user.role != Role.CLINICIAN:
        raise ApiError(403, "role", "this is the clinician's view; your own plan is at /api/v1/plan")
    return user


def _plan_of(patient: User) -> dict:
    today = today_of(patient)
    return plan_out(today=today, current=plan_in_force(patient, on=today), versions=list(versions_of(patient)))


@router.get("/plan", response={200: PlanOut, **error_responses(401, 403)})
def my_plan(request: ApiRequest):
    """Your treatment plan: the version in force today, today's limit, and every version."""
    return _plan_of(patient_of(request))


@router.get("/patients/{id}/plan", response={200: PlanOut, **error_responses(401, 403, 404, 422)})
def patient_plan(request: ApiRequest, id: RecordId):
    """A patient's plan, for a clinician they shared their diary with."""
    opened = open_record(_clinician_of(request), id, Scope.DIARY, action=Action.READ, what="treatment plan",
                         request=request)
    return _plan_of(opened.patient)


@router.post("/patients/{id}/plan", response={201: PlanVersionOut, **error_responses(400, 401, 403, 404, 422)})
def publish_patient_plan(request: ApiRequest, id: RecordId, payload: PlanIn):
    """Publishes a new version of the patient's plan (clinicians the patient allowed to edit it).

    A new version never drops a schedule by omission: leave out ``instrument_schedule``, ``non_drug_care`` or
    ``titration`` and the version in force on the new version's first day keeps its value; send ``{}``, ``[]`` or
    ``null`` to remove it. The limits, the liver test interval, the review date and the note are taken as sent (left
    out: none). A refusal (422) lists every bad field at once.
    """
    clinician = _clinician_of(request)
    opened = open_record(clinician, id, Scope.DIARY, action=None, request=request)
    if not opened.can_edit_plan:
        raise ApiError(403, "plan", "this patient has not allowed you to edit their plan")
    values = payload.model_dump(exclude_unset=True)
    return Status(201, publish_plan(opened.patient, by=clinician, request=request, keep_unsent_schedules=True,
                                    **values))


@router.post("/plan/versions/{id}/acknowledge", response={200: PlanVersionOut, **error_responses(401, 403, 404, 422)})
def acknowledge_version(request: ApiRequest, id: RecordId):
    """Says you have read this version of your plan."""
    patient = patient_of(request)
    version = versions_of(patient).filter(pk=id).first()
    if version is None:
        raise ApiError(404, "id", f"no plan version {id} in your plan")
    try:
        return acknowledge_plan(version, by=patient)
    except PermissionDenied as error:  # not reachable for the version's own patient; kept as a refusal, not a 500
        raise ApiError(403, "id", str(error)) from None
