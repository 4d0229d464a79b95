"""Chart pages (the patient's own, and a clinician's view of a patient who shared) and the visit report download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.core.charts import PHONE
from speciosa.diary.queries import zone_of
from speciosa.diary.views.access import patient_required
from speciosa.reports.access import Visible, note_access, visible_to
from speciosa.reports.figures import charts_of
from speciosa.reports.forms import PeriodForm, VisitReportForm
from speciosa.reports.queries import report_data
from speciosa.reports.summary import change_rows
from speciosa.reports.visit import build_visit_report

OWN_NOTES = "Include my own notes (from doses and check-ins)"
SHARED_NOTES = "Include the patient's notes"


@patient_required
def charts(request: HttpRequest) -> HttpResponse:
    patient: User = request.user  # type: ignore[assignment]
    return _charts_page(request, patient, Visible.everything(), pdf_url=reverse("reports:visit_pdf"),
                        notes_label=OWN_NOTES)


@login_required
def patient_charts(request: HttpRequest, patient_id: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    patient, visible = _shared_patient(viewer, patient_id)
    note_access(viewer, patient, action="read", what="charts", request=request)
    with timezone.override(zone_of(patient)):
        return _charts_page(request, patient, visible, pdf_url=reverse("reports:patient_visit_pdf", args=[patient.pk]),
                            notes_label=SHARED_NOTES if visible.notes else None)


@patient_required
def visit_pdf(request: HttpRequest) -> HttpResponse:
    patient: User = request.user  # type: ignore[assignment]
    return _visit_pdf(request, patient, Visible.everything(), notes_label=OWN_NOTES)


@login_required
def patient_visit_pdf(request: HttpRequest, patient_id: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    patient, visible = _shared_patient(viewer, patient_id)
    with timezone.override(zone_of(patient)):
        response = _visit_pdf(request, patient, visible, notes_label=SHARED_NOTES if visible.notes else None)
    if response.status_code == 200:
        note_access(viewer, patient, action="export", what="visit report (PDF)", request=request)
    return response


def _shared_patient(viewer: User, patient_id: int) -> tuple[User, Visible]:
    """The patient and what ``viewer`` may see of them; the same 403 for a stranger and for no such patient."""
    patient = User.objects.filter(pk=patient_id, role=Role.PATIENT).select_related("profile").first()
    if patient is None:
        raise PermissionDenied("you do not have access to this patient's record")
    return patient, visible_to(viewer, patient)


def _charts_page(request: HttpRequest, patient: User, visible: Visible, *, pdf_url: str,
                 notes_label: str | None) -> HttpResponse:
    today = timezone.now().astimezone(zone_of(patient)).date()
    period = PeriodForm(request.GET or None)
    start, end = period.period(today=today)
    report = report_data(patient, start=start, end=end, visible=visible)
    visit = VisitReportForm(initial={"from": start, "to": end}, today=today, notes_label=notes_label)
    context: dict[str, Any] = {
        "patient": patient, "own": request.user.pk == patient.pk, "period": period, "start": start, "end": end,
        "days": (end - start).days + 1, "report": report, "charts": charts_of(report, layout=PHONE),
        "changes": change_rows(report.outcomes.changes) if visible.checkins else [],
        "visit_form": visit, "pdf_url": pdf_url,
    }
    return render(request, "reports/charts.html", context)


def _visit_pdf(request: HttpRequest, patient: User, visible: Visible, *, notes_label: str | None) -> HttpResponse:
    now = timezone.now()
    today = now.astimezone(zone_of(patient)).date()
    form = VisitReportForm(request.GET, today=today, notes_label=notes_label)
    if not form.is_valid():
        return render(request, "reports/visit_form.html", {"form": form, "patient": patient}, status=400)
    start, end, include_notes = form.choice()
    built = build_visit_report(patient, start=start, end=end, visible=visible, generated_at=now,
                               include_notes=include_notes)
    response = HttpResponse(built.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    response["Cache-Control"] = "no-store"  # health data: not kept by shared caches or the browser's history
    return response
