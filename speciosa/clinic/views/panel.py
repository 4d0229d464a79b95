"""The clinician's panel: patients who share, open alerts first, searchable and paginated."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.audit.enums import Action
from speciosa.clinic.adherence import adherence_of
from speciosa.clinic.enums import Scope
from speciosa.clinic.forms import PanelFilterForm
from speciosa.clinic.panel import INACTIVE_DAYS, PanelFilters, panel_page, panel_rows, recheck_pending
from speciosa.clinic.views.access import audit_many, clinician_required, signed_in


@clinician_required
def panel(request: HttpRequest) -> HttpResponse:
    now, clinician = timezone.now(), signed_in(request)
    form = PanelFilterForm(request.GET)
    filters = PanelFilters(**form.cleaned_data) if form.is_valid() else PanelFilters()
    recheck_pending(clinician, now)
    page = panel_page(panel_rows(clinician, filters, now), request.GET.get("page"))
    patients = list(page.object_list)
    adherence = adherence_of([p for p in patients if Scope.DIARY in p.share_scopes], now=now)
    audit_many(request, patients, Action.READ, "panel: alert counts, last activity, adherence")
    rows = [(patient, adherence.get(patient.pk),
             patient.urgent_current + patient.warning_current - patient.urgent_open - patient.warning_open)
            for patient in patients]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "clinic/panel.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(), "inactive_days": INACTIVE_DAYS,
        "filtered": filters != PanelFilters()})
