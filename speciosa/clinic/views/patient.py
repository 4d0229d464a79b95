"""The clinician's view of one patient: a summary header, then tabs (Overview, Timeline, Labs & medicines, Plan,
Questionnaires, Notes, Report), each shown only when the share's scopes allow it; alerts and their conversations; the
clinician's own notes. Times are the patient's local times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, clinician_required
from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import NoAccess, OpenRecord, open_record
from speciosa.clinic.domain import mark_reviewed, write_note
from speciosa.clinic.enums import Scope
from speciosa.clinic.forms import AlertActionForm, NoteForm
from speciosa.clinic.models import Share
from speciosa.clinic.queries import notes_on
from speciosa.core import evidence_library, instruments
from speciosa.core.safety.registry import get_rule
from speciosa.diary.queries import labs_of, medications_of, timeline_window
from speciosa.instruments.queries import responses_of
from speciosa.lib.forms import TimelineRangeForm
from speciosa.lib.pages import posted
from speciosa.plans import wording as plan_wording
from speciosa.plans.queries import plan_in_force
from speciosa.reports.workspace import patient_summary
from speciosa.safety.disclosure import alert_as_shown, alerts_as_shown, entries_as_shown
from speciosa.safety.domain import acknowledge_alert, comment_on_alert, resolve_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.models import StoredAlert
from speciosa.safety.queries import entries_of
from speciosa.safety.wording import evidence_rows

TIMELINE_DAYS = 14
LABS_SHOWN = 20
SCORES_SHOWN = 10
REPORT_DAYS = 90
# Which kinds of timeline entry each scope opens.
TIMELINE_KIND_OF = {Scope.DIARY: "dose", Scope.CHECKINS: "checkin", Scope.MEDICAL: "lab"}


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    scopes: tuple[Scope, ...]  # any one of them opens the tab (empty: any active share)


TABS = (
    Tab("overview", "Overview", ()),
    Tab("timeline", "Timeline", (Scope.DIARY, Scope.CHECKINS, Scope.MEDICAL)),
    Tab("labs", "Labs & medicines", (Scope.MEDICAL,)),
    Tab("plan", "Plan", (Scope.DIARY,)),
    Tab("questionnaires", "Questionnaires", (Scope.CHECKINS,)),
    Tab("notes", "Notes", ()),
    Tab("report", "Report", (Scope.DIARY,)),
)


def tabs_for(share: Share) -> list[Tab]:
    """The tabs this share opens, in order."""
    return [tab for tab in TABS if not tab.scopes or any(scope in share.scopes for scope in tab.scopes)]


def _shared(request: AuthedRequest, patient_id: int) -> tuple[OpenRecord, Share]:
    """The record through the door (any active share; the audit entry follows once the page knows what it did)."""
    opened = open_record(request.user, patient_id, None, action=None, request=request)
    if opened.share is None:  # a patient opening their own id here: this page is for clinicians
        raise NoAccess(patient_id)
    return opened, opened.share


@clinician_required
def patient_page(request: AuthedRequest, patient_id: int) -> HttpResponse:
    """The summary and one tab of the record as shared (``?tab=``); a POST adds a clinical note (any active share
    allows it), and a note with errors comes back on the Notes tab, beside its form."""
    opened, share = _shared(request, patient_id)
    patient = opened.patient
    note_form = NoteForm(posted(request))
    if note_form.is_bound and note_form.is_valid() and note_form.submit(
            lambda values: write_note(patient, author=request.user, **values)):
        opened.record(Action.WRITE, "clinical note")
        messages.success(request, "Note saved.")
        return redirect(f"{request.path}?tab=notes#notes")
    tabs = tabs_for(share)
    chosen = "notes" if note_form.is_bound else request.GET.get("tab") or "overview"
    tab = next((tab for tab in tabs if tab.key == chosen), None)
    if tab is None:
        raise Http404("No such tab for this patient, or it is not shared with you.")
    now, zone = timezone.now(), zone_of(patient)
    context: dict[str, Any] = {
        "patient": patient, "share": share, "scopes": set(share.scopes), "zone": zone, "tabs": tabs, "tab": tab,
        "summary": patient_summary(opened, now=now), "details_shared": opened.shows_alert_details,
        "note_form": note_form, "plan_url": reverse("plans:patient", args=[patient.pk]),
        "report_pdf_url": _report_pdf_url(opened, now), "report_days": REPORT_DAYS,
        **TAB_CONTEXT[tab.key](request, opened, now),
    }
    opened.record(Action.READ, _what_was_read(tab, share))
    mark_reviewed(patient, clinician=request.user, at=now)
    with timezone.override(zone):
        return render(request, "clinic/patient.html", context)


def _what_was_read(tab: Tab, share: Share) -> str:
    if tab.key == "overview":
        return f"patient page: profile, alerts, {', '.join(share.scope_labels()).lower()}"
    return f"patient page: summary, {tab.label.lower()}"


def _overview(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    return {"alerts": alerts_as_shown(alerts_with_status(opened.patient), details=opened.shows_alert_details)}


def _timeline(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    scopes = set(opened.share.scopes) if opened.share else set()
    form = TimelineRangeForm(request.GET if "until" in request.GET else None)
    window = timeline_window(opened.patient, until=form.cleaned_data["until"] if form.is_valid() else None,
                             days=TIMELINE_DAYS, kinds=[kind for scope, kind in TIMELINE_KIND_OF.items()
                                                        if scope in scopes])
    return {"form": form, **vars(window)}


def _labs(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    return {"medications": list(medications_of(opened.patient)),
            "labs": list(labs_of(opened.patient).order_by("-collected_at", "code")[:LABS_SHOWN])}


def _plan(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    current = plan_in_force(opened.patient, on=now.astimezone(zone_of(opened.patient)).date())
    return {"current_plan": current, "plan_lines": [] if current is None else plan_wording.lines(current),
            "care_goals": [] if current is None else plan_wording.care_goals(current)}


def _questionnaires(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    return {"responses": list(responses_of(opened.patient)[:SCORES_SHOWN]),
            "instruments": {instrument.id: instrument for instrument in instruments.all_instruments()},
            "scores_shown": SCORES_SHOWN}


def _notes(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    return {"notes": list(notes_on(opened.patient, viewer=request.user))}


def _report_period(opened: OpenRecord, now: dt.datetime) -> tuple[dt.date, dt.date]:
    today = now.astimezone(zone_of(opened.patient)).date()
    return today - dt.timedelta(days=REPORT_DAYS - 1), today


def _report_pdf_url(opened: OpenRecord, now: dt.datetime) -> str:
    """The visit report over the default period, one click from every tab (the Report tab chooses other dates)."""
    start, end = _report_period(opened, now)
    return f"{reverse('reports:patient_visit_pdf', args=[opened.patient.pk])}?from={start}&to={end}"


def _report(request: AuthedRequest, opened: OpenRecord, now: dt.datetime) -> dict[str, Any]:
    start, end = _report_period(opened, now)
    return {"report_from": start, "report_to": end,
            "report_url": reverse("reports:patient_visit_pdf", args=[opened.patient.pk]),
            "charts_url": reverse("reports:patient_charts", args=[opened.patient.pk]),
            "notes_offered": opened.shows(Scope.NOTES)}


TAB_CONTEXT = {"overview": _overview, "timeline": _timeline, "labs": _labs, "plan": _plan,
               "questionnaires": _questionnaires, "notes": _notes, "report": _report}


ALERT_ACTIONS: dict[str, tuple[str, str]] = {  # the button pressed -> (what the audit says, what the page says)
    "acknowledge": ("acknowledged", "Alert acknowledged."),
    "resolve": ("resolved", "Alert resolved."),
    "comment": ("comment", "Comment added."),
}


def _alert_action(alert: StoredAlert, action: str, by: User) -> Callable[[dict[str, Any]], object]:
    if action == "resolve":
        return lambda values: resolve_alert(alert, by=by, **values)
    if action == "comment":
        return lambda values: comment_on_alert(alert, by=by, text=values["note"])
    return lambda values: acknowledge_alert(alert, by=by, **values)


@clinician_required
def alert_page(request: AuthedRequest, patient_id: int, alert_id: int) -> HttpResponse:
    """One alert of a patient who shares with you, as their share shows it, with its conversation; a POST
    acknowledges, resolves or comments (``action``). Resolving needs the alert's details (the domain refuses it
    otherwise: a 403 page with its words)."""
    opened, _ = _shared(request, patient_id)
    patient = opened.patient
    alert = alerts_with_status(patient, "all").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert for this patient.")
    form = AlertActionForm(posted(request))
    if form.is_bound and form.is_valid():
        action = request.POST.get("action", "")
        action = action if action in ALERT_ACTIONS else "acknowledge"
        if form.submit(_alert_action(alert, action, request.user)):
            did, said = ALERT_ACTIONS[action]
            opened.record(Action.WRITE, f"alert {alert.pk}: {did}")
            messages.success(request, said)
            return redirect("clinic:alert", patient_id=patient.pk, alert_id=alert.pk)
    opened.record(Action.READ, f"alert {alert.pk}")
    try:
        rule = get_rule(alert.code)
    except KeyError:
        rule = None
    details_shared = opened.shows_alert_details
    conversation = entries_as_shown(entries_of(alert), reader=request.user, details=details_shared)
    shown = alert_as_shown(alert, details=details_shared)  # only now: acknowledging above saved the instance
    with timezone.override(zone_of(patient)):
        return render(request, "clinic/alert.html", {
            "patient": patient, "alert": shown, "rule": rule, "form": form, "details_shared": details_shared,
            "conversation": conversation, "inputs": evidence_rows(shown.evidence) if details_shared else None,
            "entries": evidence_library.for_rule(shown.code)})
