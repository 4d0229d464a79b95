"""Typed requests and the role guards every page and endpoint starts with.

After healthchecks' ``hc/accounts/http.py``: behind ``login_required`` a request's user is never anonymous, and behind
the API's authentication ``request.auth`` is the signed-in ``User``; saying so once here spares every view a cast.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.lib.api_errors import ApiError


class AuthedRequest(HttpRequest):
    """A page request behind ``login_required``: its user is a signed-in ``User``."""

    user: User


class ApiRequest(HttpRequest):
    """An API request behind ``AUTH`` (bearer token or session): ``auth`` is the signed-in ``User``."""

    auth: User


NOT_A_PATIENT = ("These pages hold a patient's own diary. Your account is not a patient account: clinicians see "
                 "the records patients share with them from their panel.")
NOT_A_CLINICIAN = "These pages are for clinicians. Your account is not a clinician account."


def signed_in(request: HttpRequest) -> User:
    """The request's user, for views behind ``login_required`` (and so never anonymous)."""
    return cast(User, request.user)


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in patients only (others get a 403 page), with the patient's time zone active for the request,
    so that times on the page and in datetime-local fields are the patient's wall-clock time."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_patient:
            raise PermissionDenied(NOT_A_PATIENT)
        with timezone.override(zone_of(request.user)):
            return view(request, *args, **kwargs)

    return login_required(wrapper)


def clinician_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in clinicians only; anyone else gets the 403 page."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "role", None) != Role.CLINICIAN:
            raise PermissionDenied(NOT_A_CLINICIAN)
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def patient_of(request: ApiRequest) -> User:
    """The signed-in patient; anyone else (a clinician, a researcher) is refused with 403."""
    if not request.auth.is_patient:
        raise ApiError(403, "role", "only a patient keeps a diary; this account has none")
    return request.auth


def clinician_of(request: ApiRequest) -> User:
    """The signed-in clinician; anyone else is refused with 403."""
    if request.auth.role != Role.CLINICIAN:
        raise ApiError(403, "role", "only a clinician account has patients who share with it")
    return request.auth
