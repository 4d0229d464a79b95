"""Clinic API, mounted under /api/v1 by speciosa.api: sharing (patients invite and revoke, clinicians accept), the
clinician's panel, clinical notes, and a clinician's acknowledgement or resolution of an alert.

A clinician asking for a patient who has not shared (or has revoked) gets 404, the same answer as for a patient who
does not exist. Every read or write of a patient's data by a clinician is written to the audit log.
"""

# No ``from __future__ import annotations``: ninja reads these signatures' types at import.
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.api_auth import AUTH
from speciosa.api_errors import ApiError
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.access import alert_details_shared, share_between
from speciosa.clinic.adherence import adherence_of
from speciosa.clinic.domain import accept_invitation, invite_clinician, revoke_share, write_note
from speciosa.clinic.enums import Scope
from speciosa.clinic.invitations import accept_link, email_invitation
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.clinic.panel import PanelFilters, panel_page, panel_rows, recheck_pending
from speciosa.clinic.queries import notes_on, shares_given_by
from speciosa.clinic.schemas import (
    AcceptIn,
    AlertNoteIn,
    AlertOut,
    InvitationOut,
    NoteIn,
    NoteOut,
    PanelOut,
    ShareIn,
    ShareOut,
)
from speciosa.clinic.views.access import audit_many
from speciosa.diary.api.access import patient_of
from speciosa.diary.schemas.fields import RecordId, error_responses
from speciosa.safety.domain import acknowledge_alert, resolve_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.models import StoredAlert

router = Router(tags=["clinic"])
HIDDEN = "(hidden: shown only when doses, check-ins, and medicines and labs are all shared)"


def clinician_of(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    if user.role != Role.CLINICIAN:
        raise ApiError(403, "role", "only a clinician account has patients who share with it")
    return user


def shared_patient(request: HttpRequest, patient_id: int) -> tuple[User, Share]:
    """The patient and their share, if they hold an active share (any scope) with the calling clinician; else 404."""
    clinician = clinician_of(request)
    patient = User.objects.filter(pk=patient_id, role=Role.PATIENT).select_related("profile").first()
    share = share_between(clinician, patient) if patient is not None else None
    if patient is None or share is None:
        raise ApiError(404, "id", f"no patient {patient_id} shares their record with you")
    return patient, share


def as_shared(alert: StoredAlert, share: Share) -> StoredAlert:
    """The alert as this share may show it: without its wording and note unless every scope the rules read is
    shared (see access.alert_details_shared). Changes the instance in memory only."""
    if not alert_details_shared(share):
        alert.message = alert.action = alert.note = HIDDEN
    return alert


def audit(request: HttpRequest, patient: User, action: str, what: str) -> None:
    record_access(actor=request.auth, patient=patient, action=action, what=what, request=request)  # type: ignore[attr-defined]


# Sharing, for patients -------------------------------------------------------------------------------------------

@router.post("/shares", auth=AUTH, response={201: InvitationOut, **error_responses(400, 401, 403, 422)})
def create_share(request: HttpRequest, payload: ShareIn):  # type: ignore[no-untyped-def]
    """Invites a clinician: the answer carries the one-time code, shown only here. With ``email``, the link to
    accept is e-mailed too."""
    share, code = invite_clinician(patient_of(request), **payload.model_dump())
    return Status(201, {"share": share, "code": code, "accept_url": accept_link(request, code),
                        "emailed": email_invitation(request, share, code)})


@router.get("/shares", auth=AUTH, response={200: list[ShareOut], **error_responses(401, 403)})
def list_shares(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Your invitations and shares, newest first, with their status."""
    return list(shares_given_by(patient_of(request)))


@router.post("/shares/{id}/revoke", auth=AUTH, response={200: ShareOut, **error_responses(400, 401, 403, 404, 422)})
def revoke(request: HttpRequest, id: RecordId):  # type: ignore[no-untyped-def]
    """Ends a share (or withdraws an invitation) at once: the clinician's next request is refused."""
    share = Share.objects.filter(pk=id, patient=patient_of(request)).select_related("clinician").first()
    if share is None:
        raise ApiError(404, "id", f"no share {id} of yours")
    return revoke_share(share, by=request.auth)  # type: ignore[attr-defined]


# Sharing and the panel, for clinicians ---------------------------------------------------------------------------

@router.post("/shares/accept", auth=AUTH, response={200: ShareOut, **error_responses(400, 401, 403, 422)})
def accept(request: HttpRequest, payload: AcceptIn):  # type: ignore[no-untyped-def]
    """Redeems a patient's invitation code; from now on you see the parts of their record they chose."""
    share = accept_invitation(clinician_of(request), code=payload.code)
    audit(request, share.patient, Action.SHARE, "accepted the invitation to share")
    return share


class PanelQuery(Schema):
    q: str = Field("", max_length=100, pattern=r"^[^\x00]*$", description="part of a username or name")
    urgent: bool = Field(False, description="only patients with an urgent alert (open or acknowledged)")
    warning: bool = Field(False, description="only patients with a warning (open or acknowledged)")
    inactive: bool = Field(False, description="only patients with nothing recorded in 7 days")
    page: int = Field(1, ge=1, le=1_000_000)


@router.get("/clinic/patients", auth=AUTH, response={200: PanelOut, **error_responses(401, 403, 422)})
def panel(request: HttpRequest, filters: Query[PanelQuery]):  # type: ignore[no-untyped-def]
    """Your panel: patients who share with you, open urgent alerts first, then warnings, then the most recently
    active; 25 a page. Alerts of up to 3 patients whose records changed are re-checked per request; the rest say
    ``being_rechecked``."""
    clinician, now = clinician_of(request), timezone.now()
    recheck_pending(clinician, now)
    chosen = PanelFilters(q=filters.q, urgent=filters.urgent, warning=filters.warning, inactive=filters.inactive)
    page = panel_page(panel_rows(clinician, chosen, now), filters.page)
    patients = list(page.object_list)
    adherence = adherence_of([p for p in patients if Scope.DIARY in p.share_scopes], now=now)
    audit_many(request, patients, Action.READ, "panel: alert counts, last activity, adherence")
    items = [{
        "id": p.pk, "username": p.username, "name": p.get_full_name(), "scopes": p.share_scopes,
        "can_edit_plan": p.share_can_edit_plan, "urgent_open": p.urgent_open, "warning_open": p.warning_open,
        "urgent_current": p.urgent_current, "warning_current": p.warning_current, "being_rechecked": p.pending,
        "last_dose": p.last_dose, "last_checkin": p.last_checkin, "last_activity": p.last_activity,
        "adherence": adherence[p.pk].to_dict() if p.pk in adherence else None,
    } for p in patients]
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages, "items": items}


# One patient, for a clinician with an active share ---------------------------------------------------------------

@router.get("/clinic/patients/{id}/alerts", auth=AUTH,
            response={200: list[AlertOut], **error_responses(401, 403, 404, 422)})
def patient_alerts(request: HttpRequest, id: RecordId):  # type: ignore[no-untyped-def]
    """The patient's open and acknowledged alerts, most severe first."""
    patient, share = shared_patient(request, id)
    audit(request, patient, Action.READ, "alerts")
    return [as_shared(alert, share) for alert in alerts_with_status(patient)]


def _alert_of(patient: User, alert_id: int) -> StoredAlert:
    alert = alerts_with_status(patient, "all").filter(pk=alert_id).first()
    if alert is None:
        raise ApiError(404, "alert_id", f"no alert {alert_id} for this patient")
    return alert


@router.post("/clinic/patients/{id}/alerts/{alert_id}/acknowledge", auth=AUTH,
             response={200: AlertOut, **error_responses(400, 401, 403, 404, 422)})
def acknowledge(request: HttpRequest, id: RecordId, alert_id: RecordId, payload: AlertNoteIn):  # type: ignore[no-untyped-def]
    """Records that you have seen the alert, with an optional note; it stays listed while its condition holds."""
    patient, share = shared_patient(request, id)
    alert = acknowledge_alert(_alert_of(patient, alert_id), by=request.auth, note=payload.note)  # type: ignore[attr-defined]
    audit(request, patient, Action.WRITE, f"alert {alert.pk}: acknowledged")
    return as_shared(alert, share)


@router.post("/clinic/patients/{id}/alerts/{alert_id}/resolve", auth=AUTH,
             response={200: AlertOut, **error_responses(400, 401, 403, 404, 422)})
def resolve(request: HttpRequest, id: RecordId, alert_id: RecordId, payload: AlertNoteIn):  # type: ignore[no-untyped-def]
    """Closes the alert now, with an optional note. If its condition still holds when the record next changes,
    a new alert opens."""
    patient, share = shared_patient(request, id)
    alert = resolve_alert(_alert_of(patient, alert_id), by=request.auth, note=payload.note)  # type: ignore[attr-defined]
    audit(request, patient, Action.WRITE, f"alert {alert.pk}: resolved")
    return as_shared(alert, share)


@router.get("/clinic/patients/{id}/notes", auth=AUTH,
            response={200: list[NoteOut], **error_responses(401, 403, 404, 422)})
def list_notes(request: HttpRequest, id: RecordId):  # type: ignore[no-untyped-def]
    """Clinical notes on the patient: a clinician gets their own; the patient (asking for their own id) gets all."""
    user: User = request.auth  # type: ignore[attr-defined]
    if user.pk == id and user.is_patient:
        return list(notes_on(user, viewer=user))
    patient, _ = shared_patient(request, id)
    audit(request, patient, Action.READ, "clinical notes")
    return list(notes_on(patient, viewer=user))


@router.post("/clinic/patients/{id}/notes", auth=AUTH,
             response={201: NoteOut, **error_responses(400, 401, 403, 404, 422)})
def create_note(request: HttpRequest, id: RecordId, payload: NoteIn):  # type: ignore[no-untyped-def]
    """Adds a clinical note (any active share allows it; notes cannot be changed, only added)."""
    patient, _ = shared_patient(request, id)
    note: ClinicalNote = write_note(patient, author=request.auth, text=payload.text)  # type: ignore[attr-defined]
    audit(request, patient, Action.WRITE, "clinical note")
    return Status(201, note)
