"""Who may open a clinic page, the patient a clinician asks for, and the audit entries those pages write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.audit.domain import record_access, record_access_many
from speciosa.clinic.access import share_between
from speciosa.clinic.models import Share

NOT_A_CLINICIAN = "These pages are for clinicians. Your account is not a clinician account."
NOT_SHARED = "This patient has not shared this part of their record with you, or has stopped sharing it."


def signed_in(request: HttpRequest) -> User:
    """The request's user, for views behind login_required (and so never anonymous)."""
    return cast(User, request.user)


def clinician_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in clinicians only; anyone else gets the 403 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "role", None) != Role.CLINICIAN:
            raise PermissionDenied(NOT_A_CLINICIAN)
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def shared_patient(request: HttpRequest, patient_id: int) -> tuple[User, Share]:
    """The patient and the share in force from them to the signed-in clinician, else 403.

    A patient who does not exist gets the same answer as one who has not shared, so an id reveals nothing.
    """
    patient = User.objects.filter(pk=patient_id, role=Role.PATIENT).select_related("profile").first()
    share = share_between(signed_in(request), patient) if patient is not None else None
    if patient is None or share is None:
        raise PermissionDenied(NOT_SHARED)
    return patient, share


def audit(request: HttpRequest, patient: User, action: str, what: str) -> None:
    record_access(actor=signed_in(request), patient=patient, action=action, what=what, request=request)


def audit_many(request: HttpRequest, patients: Iterable[User], action: str, what: str) -> None:
    """The same entry for several patients (a panel page), in one INSERT whatever their number."""
    record_access_many(actor=signed_in(request), patients=patients, action=action, what=what, request=request)
