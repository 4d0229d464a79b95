"""Safety API: the signed-in patient's alerts, the rule registry, the evidence library and the patient's snapshot.

Alerts are the patient's own: anyone else's alert id is "not found", and a clinician or researcher is refused (403;
clinicians act on a patient's alerts under /clinic/patients). Each alert carries a conversation of append-only
entries (acknowledgements, resolutions, comments) that the patient reads in full and adds to. Rules are for any signed-in user; the evidence library is public reading.
"""

# No ``from __future__ import annotations`` here: ninja reads the parameter types of a paginated operation through
# the pagination wrapper, which cannot resolve this module's type names from strings.
from typing import Any

from django.http import HttpResponse
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.core import evidence_library
from speciosa.core.safety.registry import all_rules, get_rule
from speciosa.lib.api_errors import ApiError, own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses
from speciosa.safety.cards import cards_of
from speciosa.safety.disclosure import entries_as_shown, entry_as_shown
from speciosa.safety.domain import acknowledge_alert, comment_on_alert
from speciosa.safety.lists import StatusFilter, alerts_with_status
from speciosa.safety.queries import entries_of, evaluation_of
from speciosa.safety.schemas import (
    EVALUATION_HEADER,
    AcknowledgeIn,
    AlertCardOut,
    AlertDetailOut,
    AlertEntryOut,
    AlertOut,
    CommentIn,
    EntryId,
    Evaluation,
    EvidenceDetailOut,
    EvidenceOut,
    RuleCode,
    RuleOut,
)
from speciosa.safety.snapshots import snapshot_data

router = Router(tags=["safety"])


class AlertPages(Pages):
    """A page of alerts with ``evaluation``: ``pending`` while the patient's latest change is being checked (the
    list then shows the last evaluation's alerts, and an empty list does not mean "none"), else ``current``."""

    class Output(Schema):
        items: list[Any]
        count: int
        evaluation: Evaluation

    def paginate_queryset(self, queryset: Any, pagination: Any, request: Any, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        return {**page, "evaluation": evaluation_of(patient_of(request))}


@router.get("/alerts", auth=AUTH, response={200: list[AlertOut], **error_responses(401, 403, 422)})
@paginate(AlertPages)
def list_alerts(request: ApiRequest, status: StatusFilter = "current"):
    """Your alerts, most severe first: ``current`` (open and acknowledged; the default), one status, or ``all``.
    ``evaluation`` is ``pending`` while your latest change is being checked (seconds): the list is then the last
    check's."""
    return alerts_with_status(patient_of(request), status)


@router.get("/alerts/cards", auth=AUTH, response={200: list[AlertCardOut], **error_responses(401, 403)})
def list_alert_cards(request: ApiRequest, response: HttpResponse):
    """Your current alerts as cards: the alerts one event raised (a liver draw) are one card with its parts, the
    most severe deciding its severity and what to do said once; every other alert is a card of its own. The
    ``Speciosa-Evaluation`` header is ``pending`` while your latest change is being checked."""
    patient = patient_of(request)
    response.headers[EVALUATION_HEADER] = evaluation_of(patient)
    return cards_of(alerts_with_status(patient))


@router.get("/alerts/{id}", auth=AUTH, response={200: AlertDetailOut, **error_responses(401, 403, 404, 422)})
def get_alert(request: ApiRequest, id: RecordId):
    """One of your alerts with the inputs the rule saw, its sources, the rule and the evidence it rests on."""
    return own(alerts_with_status(patient_of(request), "all"), id, "alert")


@router.post("/alerts/{id}/acknowledge", auth=AUTH,
             response={200: AlertDetailOut, **error_responses(400, 401, 403, 404, 422)})
def acknowledge(request: ApiRequest, id: RecordId, payload: AcknowledgeIn):
    """Marks the alert as seen; an optional note becomes an entry of its conversation (nothing anyone wrote before
    is changed). It resolves by itself once its condition no longer holds."""
    patient = patient_of(request)
    alert = own(alerts_with_status(patient, "all"), id, "alert")
    acknowledge_alert(alert, by=patient, note=payload.note)
    return alert


@router.get("/alerts/{id}/entries", auth=AUTH,
            response={200: list[AlertEntryOut], **error_responses(401, 403, 404, 422)})
def list_entries(request: ApiRequest, id: RecordId):
    """The alert's conversation, oldest first: your acknowledgements and comments and your clinicians'."""
    patient = patient_of(request)
    alert = own(alerts_with_status(patient, "all"), id, "alert")
    return entries_as_shown(entries_of(alert), reader=patient, details=True)


@router.post("/alerts/{id}/comments", auth=AUTH,
             response={201: AlertEntryOut, **error_responses(400, 401, 403, 404, 422)})
def add_comment(request: ApiRequest, id: RecordId, payload: CommentIn):
    """Adds your comment to the alert's conversation, for your clinicians (entries are never changed; add another
    to correct one)."""
    patient = patient_of(request)
    alert = own(alerts_with_status(patient, "all"), id, "alert")
    entry = comment_on_alert(alert, by=patient, text=payload.text)
    return Status(201, entry_as_shown(entry, reader=patient, details=True))


@router.get("/rules", auth=AUTH, response={200: list[RuleOut], **error_responses(401)})
def list_rules(request: ApiRequest):
    """Every rule the safety engine runs, with what it checks, why, its known limits and its sources."""
    return all_rules()


@router.get("/rules/{code}", auth=AUTH, response={200: RuleOut, **error_responses(401, 404, 422)})
def one_rule(request: ApiRequest, code: RuleCode):
    try:
        return get_rule(code)
    except KeyError:
        raise ApiError(404, "code", f"no rule {code}") from None


@router.get("/evidence", auth=None, response=list[EvidenceOut])
def list_evidence(request: ApiRequest):
    """The evidence library: claims people meet in articles, each with a verdict, a grade and its sources."""
    return evidence_library.all_entries()


@router.get("/evidence/{id}", auth=None, response={200: EvidenceDetailOut, **error_responses(404, 422)})
def one_entry(request: ApiRequest, id: EntryId):
    entry = evidence_library.get(id)
    if entry is None:
        raise ApiError(404, "id", f"no evidence entry {id}")
    return entry


@router.get("/me/snapshot", auth=AUTH, response={200: dict[str, Any], **error_responses(401, 403)})
def my_snapshot(request: ApiRequest):
    """Your whole record as a ``speciosa.snapshot/1`` document, the input ``speciosa check`` reads."""
    return snapshot_data(patient_of(request), full=True)
