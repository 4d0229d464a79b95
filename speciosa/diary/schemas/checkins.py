"""Daily check-ins."""

from __future__ import annotations

import uuid
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator, Field

from speciosa.lib.schemas import Input, Instant, Moment, NoNul, Note, omissible, reject_bool

# The bounds come before reject_bool's validator (not Annotated[Whole, Field(...)]), or the OpenAPI document names them
# ge/le, which JSON Schema does not know (see speciosa.lib.schemas.RecordId).
Rating = Annotated[int, Field(ge=0, le=10), BeforeValidator(reject_bool)]
Grade = Annotated[int, Field(ge=0, le=3), BeforeValidator(reject_bool)]
SymptomName = Annotated[str, Field(pattern=NoNul, max_length=40)]
Grades = dict[SymptomName, Grade]


class _CheckinFields(Input):
    at: Moment | None = Field(None, description="ISO 8601 with an offset; now when left out")
    pain_now: Rating | None = None
    pain_avg_24h: Rating | None = None
    mood: Rating | None = None
    energy: Rating | None = None
    sleep_quality: Rating | None = None
    function: Rating | None = None
    side_effects: Grades | None = Field(None, description='{"nausea": 1, ...}; grades 0-3')
    withdrawal: Grades | None = Field(None, description='{"craving": 2, ...}; grades 0-3')
    note: Note = ""


class CheckinIn(_CheckinFields):
    client_id: uuid.UUID | None = Field(None, description="a UUID your app chose for this check-in: sending it again "
                                                          "(a retry) returns the check-in already stored, never a second")


class CheckinPatch(_CheckinFields):
    """Only the fields sent are changed."""

    at: Moment = omissible()  # when it was cannot be cleared (in a new check-in, null means now)
    note: Note | None = None  # type: ignore[assignment]  # a patch may leave the note out; pydantic allows the wider type


class CheckinOut(Schema):
    id: int
    at: Instant
    pain_now: int | None
    pain_avg_24h: int | None
    mood: int | None
    energy: int | None
    sleep_quality: int | None
    function: int | None
    side_effects: dict[str, int]
    withdrawal: dict[str, int]
    note: str
    client_id: uuid.UUID | None = Field(description="the UUID the app sent with the check-in, if any")
    created_at: Instant
    updated_at: Instant
