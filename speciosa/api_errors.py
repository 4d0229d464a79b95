"""API refusals that are not bad field values: malformed (400), refused (403), not found (404).

Each names the field it concerns, so every 4xx the API sends has the same shape:
``{"detail": [{"field": ..., "message": ...}]}``. Kept apart from speciosa.api so that routers can raise it
without importing the module that mounts them.
"""

from __future__ import annotations

from ninja.errors import HttpError


class ApiError(HttpError):
    def __init__(self, status_code: int, field: str, message: str) -> None:
        super().__init__(status_code, message)
        self.field = field
        self.message = message
