"""Who may open a diary page, and the small request helpers every diary view shares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from speciosa.diary.queries import zone_of

NOT_A_PATIENT = ("These pages hold a patient's own diary. Your account is not a patient account: clinicians see "
                 "the records patients share with them from their panel.")


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in patients only (others get a 403 page), with the patient's time zone active for the request,
    so that times on the page and in datetime-local fields are the patient's wall-clock time."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_patient:  # type: ignore[union-attr]
            raise PermissionDenied(NOT_A_PATIENT)
        with timezone.override(zone_of(request.user)):
            return view(request, *args, **kwargs)

    return login_required(wrapper)


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, else None (an unbound form), even when a POST arrives empty."""
    return request.POST if request.method == "POST" else None


def back(request: HttpRequest, default: str, *args: Any) -> str:
    """Where to go after a change: a same-site ``next`` the page was given, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(default, *args)
