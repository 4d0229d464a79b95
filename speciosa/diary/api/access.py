"""Who may reach a diary through the API: its patient, and only their own records."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.api_errors import ApiError

M = TypeVar("M", bound=Model)


def patient_of(request: HttpRequest) -> User:
    """The signed-in patient; anyone else (a clinician, a researcher) is refused with 403."""
    user: User = request.auth  # type: ignore[attr-defined]
    if not user.is_patient:
        raise ApiError(403, "role", "only a patient keeps a diary; this account has none")
    return user


def own(records: QuerySet[M], record_id: Any, noun: str) -> M:
    """The record with this id among ``records`` (already scoped to the patient), or 404.

    Another patient's record gives the same answer as one that does not exist, so an id reveals nothing.
    """
    found = records.filter(pk=record_id).first()
    if found is None:
        raise ApiError(404, "id", f"no {noun} {record_id} in your diary")
    return found
