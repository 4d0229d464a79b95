"""Chart pages (the patient's own, and a clinician's view of a patient who shared) and the visit report download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.audit.enums import Action
from speciosa.reports.access import Visible, open_for_report
from speciosa.reports.chart_cache import charts_page
from speciosa.reports.forms import PeriodForm, VisitReportForm
from speciosa.reports.visit import build_visit_report

OWN_NOTES = "Include my own notes (from doses and check-ins)"
SHARED_NOTES = "Include the patient's notes"


@patient_required
def charts(request: AuthedRequest) -> HttpResponse:
    return _charts_page(request, request.user, Visible.everything(), pdf_url=reverse("reports:visit_pdf"),
                        notes_label=OWN_NOTES)


@login_required
def patient_charts(request: AuthedRequest, patient_id: int) -> HttpResponse:
    opened, visible = open_for_report(request.user, patient_id, action=Action.READ, what="charts", request=request)
    patient = opened.patient
    with timezone.override(zone_of(patient)):
        return _charts_page(request, patient, visible, pdf_url=reverse("reports:patient_visit_pdf", args=[patient.pk]),
                            notes_label=SHARED_NOTES if visible.notes else None)


@patient_required
def visit_pdf(request: AuthedRequest) -> HttpResponse:
    return _visit_pdf(request, request.user, Visible.everything(), notes_label=OWN_NOTES)


@login_required
def patient_visit_pdf(request: AuthedRequest, patient_id: int) -> HttpResponse:
    opened, visible = open_for_report(request.user, patient_id, action=None, request=request)
    with timezone.override(zone_of(opened.patient)):
        response = _visit_pdf(request, opened.patient, visible,
                              notes_label=SHARED_NOTES if visible.notes else None)
    if response.status_code == 200:
        opened.record(Action.EXPORT, "visit report (PDF)")
    return response


def _charts_page(request: HttpRequest, patient: User, visible: Visible, *, pdf_url: str,
                 notes_label: str | None) -> HttpResponse:
    today = timezone.now().astimezone(zone_of(patient)).date()
    period = PeriodForm(request.GET or None)
    start, end = period.period(today=today)
    own = request.user.pk == patient.pk
    visit = VisitReportForm(initial={"from": start, "to": end}, today=today, notes_label=notes_label,
                            record_number=not own)
    page = charts_page(patient, start=start, end=end, visible=visible, own=own)
    context: dict[str, Any] = {
        "patient": patient, "own": own, "period": period, "start": start, "end": end,
        "days": (end - start).days + 1, "visible": visible, "charts": page.charts, "headline": page.headline,
        "changes": page.changes, "visit_form": visit, "pdf_url": pdf_url,
    }
    return render(request, "reports/charts.html", context)


def _visit_pdf(request: AuthedRequest, patient: User, visible: Visible, *, notes_label: str | None) -> HttpResponse:
    now = timezone.now()
    today = now.astimezone(zone_of(patient)).date()
    form = VisitReportForm(request.GET, today=today, notes_label=notes_label,
                           record_number=request.user.pk != patient.pk)
    if not form.is_valid():
        return render(request, "reports/visit_form.html", {"form": form, "patient": patient}, status=400)
    start, end, include_notes = form.choice()
    built = build_visit_report(patient, start=start, end=end, visible=visible, generated_at=now,
                               include_notes=include_notes, printed_by=request.user,
                               record_number=form.record_number())
    response = HttpResponse(built.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    response["Cache-Control"] = "no-store"  # health data: not kept by shared caches or the browser's history
    return response
