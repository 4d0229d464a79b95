"""Audit pages: a patient's "who looked at my data", and the whole log for administrators; each as CSV too."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from speciosa.accounts.enums import Role
from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.audit.enums import Action
from speciosa.audit.queries import all_entries, as_csv, entries_about

PER_PAGE = 50


def admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.role != Role.ADMIN:
            raise PermissionDenied("The audit log is open to administrators only.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _csv_response(entries: Any, name: str) -> HttpResponse:
    response = HttpResponse(as_csv(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.now():%Y%m%d}.csv"'
    return response


@patient_required
def my_entries(request: AuthedRequest) -> HttpResponse:
    entries = entries_about(request.user)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/mine.html", {"page": page})


@patient_required
def my_entries_csv(request: AuthedRequest) -> HttpResponse:
    entries = entries_about(request.user)
    return _csv_response(entries.iterator(), "speciosa-who-looked")


def _filters(request: HttpRequest) -> dict[str, str]:
    action = request.GET.get("action", "")
    return {"action": action if action in Action.values else "",
            "actor": request.GET.get("actor", "").replace("\x00", "")[:150],
            "patient_ref": request.GET.get("patient_ref", "").replace("\x00", "")[:40]}


@admin_required
def all_entries_page(request: AuthedRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(all_entries(**filters), PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in filters.items() if value})
    return render(request, "audit/all.html", {"page": page, "filters": filters, "actions": Action.choices,
                                              "query": query})


@admin_required
def all_entries_csv(request: AuthedRequest) -> HttpResponse:
    return _csv_response(all_entries(**_filters(request)).iterator(), "speciosa-audit-log")
