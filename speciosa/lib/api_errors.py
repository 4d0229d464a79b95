"""API refusals that are not bad field values: malformed (400), refused (403), not found (404).

Each names the field it concerns, so every 4xx the API sends has the same shape:
``{"detail": [{"field": ..., "message": ...}]}``. Kept apart from speciosa.api so that routers can raise it
without importing the module that mounts them.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja.errors import HttpError

M = TypeVar("M", bound=Model)


class ApiError(HttpError):
    def __init__(self, status_code: int, field: str, message: str) -> None:
        super().__init__(status_code, message)
        self.field = field
        self.message = message


def own(records: QuerySet[M], record_id: Any, noun: str) -> M:
    """The record with this id among ``records`` (already scoped to the patient), or 404.

    Another patient's record gives the same answer as one that does not exist, so an id reveals nothing.
    """
    found = records.filter(pk=record_id).first()
    if found is None:
        raise ApiError(404, "id", f"no {noun} {record_id} in your diary")
    return found
