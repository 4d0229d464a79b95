"""The clinician's view of one patient: each section only if its scope is shared; alerts, acted on with a note;
the clinician's own notes. Times are the patient's local times."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from speciosa.audit.enums import Action
from speciosa.clinic.access import alert_details_shared
from speciosa.clinic.domain import write_note
from speciosa.clinic.enums import Scope
from speciosa.clinic.forms import AlertActionForm, NoteForm
from speciosa.clinic.queries import notes_on, timeline_for
from speciosa.clinic.views.access import audit, clinician_required, shared_patient, signed_in
from speciosa.core import evidence_library
from speciosa.core.safety.registry import get_rule
from speciosa.diary.forms import TimelineRangeForm
from speciosa.diary.queries import labs_of, medications_of, today_of, zone_of
from speciosa.lib.tz import day_bounds, local_day
from speciosa.safety.domain import acknowledge_alert, resolve_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.wording import evidence_rows

TIMELINE_DAYS = 14
LABS_SHOWN = 20


@clinician_required
def patient_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The record as shared; a POST adds a clinical note (any active share allows it)."""
    patient, share = shared_patient(request, patient_id)
    note_form = NoteForm(request.POST if request.method == "POST" else None)
    if note_form.is_bound and note_form.is_valid() and note_form.submit(
            lambda values: write_note(patient, author=signed_in(request), **values)):
        audit(request, patient, Action.WRITE, "clinical note")
        messages.success(request, "Note saved.")
        return redirect(f"{request.path}#notes")
    scopes, zone = set(share.scopes), zone_of(patient)
    today = today_of(patient)
    form = TimelineRangeForm(request.GET if "until" in request.GET else None)
    until = min((form.cleaned_data["until"] if form.is_valid() else None) or today, today)
    first = until - dt.timedelta(days=TIMELINE_DAYS - 1)
    start, end = day_bounds(first, zone)[0], day_bounds(until, zone)[1]
    entries = timeline_for(patient, scopes, start=start, end=end)
    days = [(day, list(group)) for day, group in groupby(entries, key=lambda entry: local_day(entry[0], zone))]
    context = {
        "patient": patient, "share": share, "scopes": scopes, "zone": zone, "form": form, "days": days,
        "details_shared": alert_details_shared(share),
        "first": first, "until": until, "older": first - dt.timedelta(days=1),
        "newer": min(until + dt.timedelta(days=TIMELINE_DAYS), today) if until < today else None,
        "alerts": list(alerts_with_status(patient)),
        "medications": list(medications_of(patient)) if Scope.MEDICAL in scopes else [],
        "labs": list(labs_of(patient).order_by("-collected_at", "code")[:LABS_SHOWN]) if Scope.MEDICAL in scopes else [],
        "notes": list(notes_on(patient, viewer=signed_in(request))), "note_form": note_form,
    }
    audit(request, patient, Action.READ, f"patient page: profile, alerts, {', '.join(share.scope_labels()).lower()}")
    with timezone.override(zone):
        return render(request, "clinic/patient.html", context)


@clinician_required
def alert_page(request: HttpRequest, patient_id: int, alert_id: int) -> HttpResponse:
    patient, share = shared_patient(request, patient_id)
    alert = alerts_with_status(patient, "all").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert for this patient.")
    form = AlertActionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        resolving = request.POST.get("action") == "resolve"
        act = resolve_alert if resolving else acknowledge_alert
        if form.submit(lambda values: act(alert, by=signed_in(request), **values)):
            audit(request, patient, Action.WRITE, f"alert {alert.pk}: {'resolved' if resolving else 'acknowledged'}")
            messages.success(request, "Alert resolved." if resolving else "Alert acknowledged.")
            return redirect("clinic:alert", patient_id=patient.pk, alert_id=alert.pk)
    audit(request, patient, Action.READ, f"alert {alert.pk}")
    try:
        rule = get_rule(alert.code)
    except KeyError:
        rule = None
    details_shared = alert_details_shared(share)
    with timezone.override(zone_of(patient)):
        return render(request, "clinic/alert.html", {
            "patient": patient, "alert": alert, "rule": rule, "form": form, "details_shared": details_shared,
            "inputs": evidence_rows(alert.evidence) if details_shared else None,
            "entries": evidence_library.for_rule(alert.code)})
