"""The clinician's panel: patients who share, open alerts first, searchable and paginated."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, clinician_required
from speciosa.clinic.forms import PanelFilterForm
from speciosa.reports.panel import INACTIVE_DAYS, PanelFilters, open_panel


@clinician_required
def panel(request: AuthedRequest) -> HttpResponse:
    form = PanelFilterForm(request.GET)
    filters = PanelFilters(**form.cleaned_data) if form.is_valid() else PanelFilters()
    shown = open_panel(request.user, filters, request.GET.get("page"), now=timezone.now(), request=request)
    rows = [(patient, shown.adherence.get(patient.pk),
             patient.urgent_current + patient.warning_current - patient.urgent_open - patient.warning_open)
            for patient in shown.patients]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "clinic/panel.html", {
        "form": form, "page": shown.page, "rows": rows, "query": query.urlencode(), "inactive_days": INACTIVE_DAYS,
        "filtered": filters != PanelFilters()})
