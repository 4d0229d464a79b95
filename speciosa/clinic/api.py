"""Clinic API, mounted under /api/v1 by speciosa.api: sharing (patients invite and revoke, clinicians accept), the
clinician's panel, clinical notes, and a clinician's acknowledgement, resolution of or comment on an alert.

A clinician asking for a patient who has not shared (or has revoked) gets 404, the same answer as for a patient who
does not exist. Every read or write of a patient's data by a clinician is written to the audit log.
"""

# No ``from __future__ import annotations``: ninja reads these signatures' types at import.

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, clinician_of, patient_of
from speciosa.accounts.models import User
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.access import NoAccess, OpenRecord, alert_details_shared, open_record
from speciosa.clinic.domain import accept_invitation, invite_clinician, revoke_share, write_note
from speciosa.clinic.enums import Scope
from speciosa.clinic.invitations import accept_link, email_invitation
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.clinic.queries import notes_on, shares_given_by
from speciosa.clinic.schemas import (
    AcceptIn,
    AlertCardOut,
    AlertEntryOut,
    AlertNoteIn,
    AlertOut,
    CommentIn,
    InvitationOut,
    LabsAndMedicinesOut,
    NoteIn,
    NoteOut,
    PanelOut,
    ShareIn,
    ShareOut,
    TimelineOut,
)
from speciosa.diary.queries import labs_of, medications_of, timeline_window
from speciosa.lib.api_errors import ApiError
from speciosa.lib.schemas import Day, RecordId, error_responses
from speciosa.reports.panel import DEFAULT_SORT, SORTS, PanelFilters, open_panel
from speciosa.safety.cards import cards_of
from speciosa.safety.disclosure import alert_as_shown, entries_as_shown, entry_as_shown
from speciosa.safety.domain import acknowledge_alert, comment_on_alert, resolve_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.models import StoredAlert
from speciosa.safety.queries import entries_of, evaluation_of
from speciosa.safety.schemas import EVALUATION_HEADER

router = Router(tags=["clinic"])
T = TypeVar("T")
SORT_PATTERN = f"^-?({'|'.join(SORTS)})$"
TIMELINE_DAYS, MAX_TIMELINE_DAYS, LABS_LISTED = 14, 92, 100
TIMELINE_KINDS = {Scope.DIARY: "dose", Scope.CHECKINS: "checkin", Scope.MEDICAL: "lab"}


def shared_record(request: ApiRequest, patient_id: int, *, action: Action | None, what: str = "",
                  ) -> tuple[OpenRecord, Share]:
    """The record and the share in force from its patient to the calling clinician (any scope), through the door.

    With ``action=None`` nothing is audited yet: a write records its entry once it has succeeded."""
    opened = open_record(clinician_of(request), patient_id, None, action=action, what=what, request=request)
    if opened.share is None:
        raise NoAccess(patient_id)
    return opened, opened.share


def as_shared(alert: StoredAlert, share: Share) -> StoredAlert:
    """The alert as this share may show it, through the one filter (speciosa.safety.disclosure). Changes the
    instance in memory only."""
    return alert_as_shown(alert, details=alert_details_shared(share))


# Sharing, for patients -------------------------------------------------------------------------------------------

@router.post("/shares", auth=AUTH, response={201: InvitationOut, **error_responses(400, 401, 403, 422)})
def create_share(request: ApiRequest, payload: ShareIn):
    """Invites a clinician: the answer carries the one-time code, shown only here. With ``email``, the link to
    accept is e-mailed too."""
    share, code = invite_clinician(patient_of(request), **payload.model_dump())
    return Status(201, {"share": share, "code": code, "accept_url": accept_link(request, code),
                        "emailed": email_invitation(request, share, code)})


@router.get("/shares", auth=AUTH, response={200: list[ShareOut], **error_responses(401, 403)})
def list_shares(request: ApiRequest):
    """Your invitations and shares, newest first, with their status."""
    return list(shares_given_by(patient_of(request)))


@router.post("/shares/{id}/revoke", auth=AUTH, response={200: ShareOut, **error_responses(400, 401, 403, 404, 422)})
def revoke(request: ApiRequest, id: RecordId):
    """Ends a share (or withdraws an invitation) at once: the clinician's next request is refused."""
    share = Share.objects.filter(pk=id, patient=patient_of(request)).select_related("clinician").first()
    if share is None:
        raise ApiError(404, "id", f"no share {id} of yours")
    return revoke_share(share, by=request.auth)


# Sharing and the panel, for clinicians ---------------------------------------------------------------------------

@router.post("/shares/accept", auth=AUTH, response={200: ShareOut, **error_responses(400, 401, 403, 422)})
def accept(request: ApiRequest, payload: AcceptIn):
    """Redeems a patient's invitation code; from now on you see the parts of their record they chose."""
    share = accept_invitation(clinician_of(request), code=payload.code)
    record_access(actor=request.auth, patient=share.patient, action=Action.SHARE,
                  what="accepted the invitation to share", request=request)
    return share


class PanelQuery(Schema):
    q: str = Field("", max_length=100, pattern=r"^[^\x00]*$", description="part of a username or name")
    urgent: bool = Field(False, description="only patients with an urgent alert (open or acknowledged) or being "
                                            "checked")
    warning: bool = Field(False, description="only patients with a warning (open or acknowledged)")
    inactive: bool = Field(False, description="only patients with nothing recorded in 7 days")
    unacknowledged: bool = Field(False, description="only patients with an open urgent alert or warning")
    labs_overdue: bool = Field(False, description="only patients whose plan's liver tests are overdue")
    review_due: bool = Field(False, description="only patients whose plan's review date has come")
    sort: str = Field(DEFAULT_SORT, pattern=SORT_PATTERN, description="priority (default), name, new, checkin or "
                                                                  "activity; a leading '-' reverses it")
    page: int = Field(1, ge=1, le=1_000_000)


@router.get("/clinic/patients", auth=AUTH, response={200: PanelOut, **error_responses(401, 403, 422)})
def panel(request: ApiRequest, filters: Query[PanelQuery]):
    """Your panel, as the page shows it: patients who share with you, open urgent alerts and records being checked
    first, then warnings, then the most recently active; 25 a page. Each row names its top problem in clinical words
    and carries the 4-week dose trend, the pain change since the first week and adherence, each only when its scope
    is shared. A patient whose record changed since the last evaluation says ``evaluation: pending`` (being
    checked by the task queue; reading never evaluates)."""
    chosen = PanelFilters(**filters.model_dump(exclude={"page"}))
    shown = open_panel(clinician_of(request), chosen, filters.page, now=timezone.now(), request=request)
    page = shown.page
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "items": [row.to_dict() for row in shown.rows]}


# One patient, for a clinician with an active share ---------------------------------------------------------------

@router.get("/clinic/patients/{id}/alerts", auth=AUTH,
            response={200: list[AlertOut], **error_responses(401, 403, 404, 422)})
def patient_alerts(request: ApiRequest, id: RecordId, response: HttpResponse):
    """The patient's open and acknowledged alerts, most severe first; the ``Speciosa-Evaluation`` header is
    ``pending`` while their latest change is being checked (the list is then the last check's)."""
    opened, share = shared_record(request, id, action=Action.READ, what="alerts")
    response.headers[EVALUATION_HEADER] = evaluation_of(opened.patient)
    return [as_shared(alert, share) for alert in alerts_with_status(opened.patient)]


@router.get("/clinic/patients/{id}/alerts/cards", auth=AUTH,
            response={200: list[AlertCardOut], **error_responses(401, 403, 404, 422)})
def patient_alert_cards(request: ApiRequest, id: RecordId, response: HttpResponse):
    """The patient's open and acknowledged alerts as cards: the alerts one event raised (a liver draw) are one card
    with its parts, the most severe deciding its severity; every other alert is a card of its own. The
    ``Speciosa-Evaluation`` header is ``pending`` while their latest change is being checked."""
    opened, share = shared_record(request, id, action=Action.READ, what="alerts")
    response.headers[EVALUATION_HEADER] = evaluation_of(opened.patient)
    return cards_of(as_shared(alert, share) for alert in alerts_with_status(opened.patient))


def _alert_of(patient: User, alert_id: int) -> StoredAlert:
    alert = alerts_with_status(patient, "all").filter(pk=alert_id).first()
    if alert is None:
        raise ApiError(404, "alert_id", f"no alert {alert_id} for this patient")
    return alert


def _act(act: Callable[[], T]) -> T:
    """Runs a domain verb, its refusal (PermissionDenied: for example resolving without the alert's details) as a
    403 naming the alert, with the domain's words."""
    try:
        return act()
    except PermissionDenied as refusal:
        raise ApiError(403, "alert_id", str(refusal)) from None


@router.post("/clinic/patients/{id}/alerts/{alert_id}/acknowledge", auth=AUTH,
             response={200: AlertOut, **error_responses(400, 401, 403, 404, 422)})
def acknowledge(request: ApiRequest, id: RecordId, alert_id: RecordId, payload: AlertNoteIn):
    """Records that you have seen the alert (any active share); an optional note becomes an entry of its
    conversation, which the patient reads. Nothing anyone wrote before is changed. It stays listed while its
    condition holds."""
    opened, share = shared_record(request, id, action=None)
    alert = _alert_of(opened.patient, alert_id)
    _act(lambda: acknowledge_alert(alert, by=request.auth, note=payload.note))
    opened.record(Action.WRITE, f"alert {alert.pk}: acknowledged")
    return as_shared(alert, share)


@router.post("/clinic/patients/{id}/alerts/{alert_id}/resolve", auth=AUTH,
             response={200: AlertOut, **error_responses(400, 401, 403, 404, 422)})
def resolve(request: ApiRequest, id: RecordId, alert_id: RecordId, payload: AlertNoteIn):
    """Closes the alert now, with an optional note (an entry of its conversation). Only a clinician who may read the
    alert's details (the patient shares doses, check-ins, and medicines and labs) may resolve it; anyone else gets
    403. If its condition still holds when the record next changes, a new alert opens."""
    opened, share = shared_record(request, id, action=None)
    alert = _alert_of(opened.patient, alert_id)
    _act(lambda: resolve_alert(alert, by=request.auth, note=payload.note))
    opened.record(Action.WRITE, f"alert {alert.pk}: resolved")
    return as_shared(alert, share)


@router.get("/clinic/patients/{id}/alerts/{alert_id}/entries", auth=AUTH,
            response={200: list[AlertEntryOut], **error_responses(401, 403, 404, 422)})
def alert_entries(request: ApiRequest, id: RecordId, alert_id: RecordId):
    """The alert's conversation, oldest first. Your own entries read in full; the patient's and other clinicians'
    only when you may read the alert's details, else they are listed with ``hidden: true`` and no text."""
    opened, _ = shared_record(request, id, action=None)
    alert = _alert_of(opened.patient, alert_id)
    opened.record(Action.READ, f"alert {alert.pk}: conversation")
    return entries_as_shown(entries_of(alert), reader=request.auth, details=opened.shows_alert_details)


@router.post("/clinic/patients/{id}/alerts/{alert_id}/comments", auth=AUTH,
             response={201: AlertEntryOut, **error_responses(400, 401, 403, 404, 422)})
def comment(request: ApiRequest, id: RecordId, alert_id: RecordId, payload: CommentIn):
    """Adds your comment to the alert's conversation (any active share); the patient reads it. Entries are never
    changed: add another to correct one."""
    opened, _ = shared_record(request, id, action=None)
    alert = _alert_of(opened.patient, alert_id)
    entry = _act(lambda: comment_on_alert(alert, by=request.auth, text=payload.text))
    opened.record(Action.WRITE, f"alert {alert.pk}: comment")
    return Status(201, entry_as_shown(entry, reader=request.auth, details=opened.shows_alert_details))


@router.get("/clinic/patients/{id}/notes", auth=AUTH,
            response={200: list[NoteOut], **error_responses(401, 403, 404, 422)})
def list_notes(request: ApiRequest, id: RecordId):
    """Clinical notes on the patient: a clinician gets their own; the patient (asking for their own id) gets all."""
    user = request.auth
    if user.pk == id and user.is_patient:
        return list(notes_on(user, viewer=user))
    opened, _ = shared_record(request, id, action=Action.READ, what="clinical notes")
    return list(notes_on(opened.patient, viewer=user))


@router.post("/clinic/patients/{id}/notes", auth=AUTH,
             response={201: NoteOut, **error_responses(400, 401, 403, 404, 422)})
def create_note(request: ApiRequest, id: RecordId, payload: NoteIn):
    """Adds a clinical note (any active share allows it; notes cannot be changed, only added)."""
    opened, _ = shared_record(request, id, action=None)
    note: ClinicalNote = write_note(opened.patient, author=request.auth, text=payload.text)
    opened.record(Action.WRITE, "clinical note")
    return Status(201, note)


class TimelineQuery(Schema):
    until: Day | None = Field(None, description="the last local day (default: today)")
    days: int = Field(TIMELINE_DAYS, ge=1, le=MAX_TIMELINE_DAYS, description="how many days, ending on ``until``")


@router.get("/clinic/patients/{id}/timeline", auth=AUTH,
            response={200: TimelineOut, **error_responses(401, 403, 404, 422)})
def patient_timeline(request: ApiRequest, id: RecordId, window: Query[TimelineQuery]):
    """The patient's doses, check-ins and lab results over some local days, newest first, each kind only when its
    scope is shared (as on the patient page's Timeline tab; a share of notes alone gives an empty list)."""
    opened, share = shared_record(request, id, action=None)
    kinds = [kind for scope, kind in TIMELINE_KINDS.items() if scope in share.scopes]  # none: an empty timeline
    found = timeline_window(opened.patient, until=window.until, days=window.days, kinds=kinds)
    opened.record(Action.READ, "timeline")
    return {"first": found.first, "until": found.until, "kinds": kinds,
            "entries": [{"at": moment, "kind": kind, kind: record} for _, entries in found.days
                        for moment, kind, record in entries]}


@router.get("/clinic/patients/{id}/labs", auth=AUTH,
            response={200: LabsAndMedicinesOut, **error_responses(401, 403, 404, 422)})
def patient_labs(request: ApiRequest, id: RecordId):
    """The patient's medicines and their latest lab results (newest first, at most 100), as the Labs & medicines
    tab shows them; needs the medicines-and-labs scope."""
    opened = open_record(clinician_of(request), id, Scope.MEDICAL, action=Action.READ, what="medicines and labs",
                         request=request)
    if opened.share is None:
        raise NoAccess(id)
    return {"medications": list(medications_of(opened.patient)),
            "labs": list(labs_of(opened.patient).order_by("-collected_at", "code")[:LABS_LISTED])}
