"""The clinician's view of one patient: each section only if its scope is shared; alerts, acted on with a note;
the clinician's own notes. Times are the patient's local times."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, clinician_required
from speciosa.accounts.queries import zone_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import NoAccess, OpenRecord, open_record
from speciosa.clinic.domain import write_note
from speciosa.clinic.enums import Scope
from speciosa.clinic.forms import AlertActionForm, NoteForm
from speciosa.clinic.models import Share
from speciosa.clinic.queries import notes_on
from speciosa.core import evidence_library
from speciosa.core.safety.registry import get_rule
from speciosa.diary.queries import labs_of, medications_of, timeline_window
from speciosa.lib.forms import TimelineRangeForm
from speciosa.lib.pages import posted
from speciosa.safety.disclosure import alert_as_shown, alerts_as_shown
from speciosa.safety.domain import acknowledge_alert, resolve_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.queries import evaluation_pending
from speciosa.safety.wording import evidence_rows

TIMELINE_DAYS = 14
LABS_SHOWN = 20
# Which kinds of timeline entry each scope opens.
TIMELINE_KIND_OF = {Scope.DIARY: "dose", Scope.CHECKINS: "checkin", Scope.MEDICAL: "lab"}


def _shared(request: AuthedRequest, patient_id: int) -> tuple[OpenRecord, Share]:
    """The record through the door (any active share; the audit entry follows once the page knows what it did)."""
    opened = open_record(request.user, patient_id, None, action=None, request=request)
    if opened.share is None:  # a patient opening their own id here: this page is for clinicians
        raise NoAccess(patient_id)
    return opened, opened.share


@clinician_required
def patient_page(request: AuthedRequest, patient_id: int) -> HttpResponse:
    """The record as shared; a POST adds a clinical note (any active share allows it)."""
    opened, share = _shared(request, patient_id)
    patient = opened.patient
    note_form = NoteForm(posted(request))
    if note_form.is_bound and note_form.is_valid() and note_form.submit(
            lambda values: write_note(patient, author=request.user, **values)):
        opened.record(Action.WRITE, "clinical note")
        messages.success(request, "Note saved.")
        return redirect(f"{request.path}#notes")
    scopes, zone = set(share.scopes), zone_of(patient)
    form = TimelineRangeForm(request.GET if "until" in request.GET else None)
    window = timeline_window(patient, until=form.cleaned_data["until"] if form.is_valid() else None,
                             days=TIMELINE_DAYS, kinds=[kind for scope, kind in TIMELINE_KIND_OF.items()
                                                        if scope in scopes])
    context = {
        "patient": patient, "share": share, "scopes": scopes, "zone": zone, "form": form, **vars(window),
        "details_shared": opened.shows_alert_details,
        "alerts": alerts_as_shown(alerts_with_status(patient), details=opened.shows_alert_details),
        "checking": evaluation_pending(patient),
        "medications": list(medications_of(patient)) if Scope.MEDICAL in scopes else [],
        "labs": list(labs_of(patient).order_by("-collected_at", "code")[:LABS_SHOWN]) if Scope.MEDICAL in scopes else [],
        "notes": list(notes_on(patient, viewer=request.user)), "note_form": note_form,
    }
    opened.record(Action.READ, f"patient page: profile, alerts, {', '.join(share.scope_labels()).lower()}")
    with timezone.override(zone):
        return render(request, "clinic/patient.html", context)


@clinician_required
def alert_page(request: AuthedRequest, patient_id: int, alert_id: int) -> HttpResponse:
    opened, _ = _shared(request, patient_id)
    patient = opened.patient
    alert = alerts_with_status(patient, "all").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert for this patient.")
    form = AlertActionForm(posted(request))
    if form.is_bound and form.is_valid():
        resolving = request.POST.get("action") == "resolve"
        act = resolve_alert if resolving else acknowledge_alert
        if form.submit(lambda values: act(alert, by=request.user, **values)):
            opened.record(Action.WRITE, f"alert {alert.pk}: {'resolved' if resolving else 'acknowledged'}")
            messages.success(request, "Alert resolved." if resolving else "Alert acknowledged.")
            return redirect("clinic:alert", patient_id=patient.pk, alert_id=alert.pk)
    opened.record(Action.READ, f"alert {alert.pk}")
    try:
        rule = get_rule(alert.code)
    except KeyError:
        rule = None
    details_shared = opened.shows_alert_details
    shown = alert_as_shown(alert, details=details_shared)  # only now: acknowledging above saved the instance
    with timezone.override(zone_of(patient)):
        return render(request, "clinic/alert.html", {
            "patient": patient, "alert": shown, "rule": rule, "form": form, "details_shared": details_shared,
            "inputs": evidence_rows(shown.evidence) if details_shared else None,
            "entries": evidence_library.for_rule(shown.code)})
