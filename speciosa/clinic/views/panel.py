"""The clinician's panel: patients who share, the most urgent first, each row naming its top problem; sortable and
filterable with plain links and a GET form (no script)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, clinician_required
from speciosa.clinic.forms import PanelFilterForm
from speciosa.reports.panel import INACTIVE_DAYS, PanelFilters, open_panel, sort_key

# The columns a clinician can sort by: (label, sort key, the first click's direction is the key's own).
SORTABLE = {"patient": "name", "problem": "priority", "new": "new", "checkin": "checkin"}


@clinician_required
def panel(request: AuthedRequest) -> HttpResponse:
    form = PanelFilterForm(request.GET)
    filters = PanelFilters(**form.cleaned_data) if form.is_valid() else PanelFilters()
    shown = open_panel(request.user, filters, request.GET.get("page"), now=timezone.now(), request=request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "clinic/panel.html", {
        "form": form, "page": shown.page, "rows": shown.rows, "query": query.urlencode(),
        "inactive_days": INACTIVE_DAYS, "filtered": filters.__class__(sort=filters.sort) != filters,
        "sorting": _sort_links(request, filters.sort)})


def _sort_links(request: AuthedRequest, current: str) -> dict[str, dict[str, str]]:
    """Each sortable column's link (the same filters, this order; a second click reverses it) and its aria-sort."""
    key, reverse = sort_key(current)
    links = {}
    for column, sort in SORTABLE.items():
        query = request.GET.copy()
        query.pop("page", None)
        active = sort == key
        query["sort"] = f"-{sort}" if active and not reverse else sort
        links[column] = {"href": f"?{query.urlencode()}",
                         "aria": ("descending" if reverse else "ascending") if active else "none"}
    return links
