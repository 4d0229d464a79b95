"""Field types every app's API shapes share: text without NUL, numbers that refuse booleans, ids, moments; and
the one error shape every 4xx carries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, TypeAlias, TypeVar

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, JsonValue, StrictBool
from pydantic.fields import FieldInfo

from speciosa.lib.checks import CALENDAR_MESSAGE, within_calendar

__all__ = ["Code", "Day", "RequiredName", "choices", "file_response", "omissible", "Detail", "ErrorItem", "ErrorOut", "Flag", "Input", "Instant", "Label", "Moment", "Name", "NoNul",
           "Note", "Number", "Positive", "RecordId", "Text", "Whole", "error_responses", "reject_bool"]


DateOrTime = TypeVar("DateOrTime", dt.date, dt.datetime)


def reject_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    return value


# Text with no NUL character: PostgreSQL cannot store one.
NoNul = r"^[^\x00]*$"
Text = Annotated[str, Field(pattern=NoNul)]
Number = Annotated[float, BeforeValidator(reject_bool)]
Whole = Annotated[int, BeforeValidator(reject_bool)]
# More than zero: stated in the document for clients; the domain checks it, in its own words.
Positive = Annotated[float, BeforeValidator(reject_bool), Field(json_schema_extra={"exclusiveMinimum": 0})]


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


# Database keys are 64-bit; a larger id would overflow the driver instead of simply not being found. The Field comes
# before the validator: after one, pydantic writes the bounds into the OpenAPI document under its own names (ge, le)
# instead of JSON Schema's (minimum, maximum), and clients and fuzzers then take 0 for a valid id.
MAX_ID = 2**63 - 1
RecordId = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(reject_bool)]
Flag = StrictBool  # JSON true or false only; 1 and "yes" are not answers to a yes/no question


def _within_calendar(value: DateOrTime) -> DateOrTime:
    # Far-off years overflow when converted to UTC or shifted by a week; no diary entry is that old or that late.
    if not within_calendar(value):
        raise ValueError(CALENDAR_MESSAGE)
    return value


# The document states the same years as a pattern on the text (JSON Schema has no bounds for dates), so clients and
# fuzzers know that 0192-05-03 is refused.
CALENDAR_YEARS = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-"
_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


def _written_out(value: Any) -> Any:
    # Pydantic reads a number, or text that is one ("0", "0.5"), as seconds since 1970: "start": 0 became
    # 1 January 1970 without a word. A date or time is written out, as ISO 8601 says.
    if isinstance(value, bool | int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise ValueError("expected a date written out, such as 2026-11-20 (or 2026-11-20T08:00:00+00:00), "
                         "not a number")
    return value


def _in_utc(moment: dt.datetime) -> dt.datetime:
    # ISO 8601 and Python allow offsets up to ±23:59; PostgreSQL refuses any beyond ±15:59 ("time zone displacement
    # out of range"), which failed the request and, inside a transaction, everything after it. The instant is the
    # same in UTC, which is how every time is stored.
    return moment.astimezone(dt.UTC)


Moment = Annotated[AwareDatetime, BeforeValidator(_written_out), AfterValidator(_within_calendar),
                   AfterValidator(_in_utc), Field(json_schema_extra={"pattern": CALENDAR_YEARS})]
# A calendar day (YYYY-MM-DD) in the same years as a Moment.
Day = Annotated[dt.date, BeforeValidator(_written_out), AfterValidator(_within_calendar),
                Field(json_schema_extra={"pattern": CALENDAR_YEARS})]
# Every time the API sends is in UTC, whatever offset it came with: a record reads the same on every request.
Instant = Annotated[dt.datetime, AfterValidator(lambda moment: moment.astimezone(dt.UTC))]


# Text with no NUL character (PostgreSQL cannot store one), sized by what it holds; the domain checks again.
# Code: a choice such as form, unit, vein, reason or lab code. Name: product, vendor, laboratory, medicine.
Code: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=20)]
Label: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=80)]  # strain, batch
Name: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=120)]
# A name that must be given: at least one character that is not a space.
RequiredName: TypeAlias = Annotated[str, Field(pattern=r"^[^\x00]*[^\x00\s][^\x00]*$", min_length=1, max_length=120)]
Detail: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=200)]  # a medicine's dose as written
Note: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=4000)]


def choices(values: Iterable[str], *, description: str = "") -> FieldInfo:
    """A code from a fixed list. The document lists the choices (a JSON Schema enum) so clients and fuzzers send only
    those; the type stays text, so the domain still checks and refuses in its own words ("expected one of ...")."""
    allowed: list[JsonValue] = list(values)
    return Field(pattern=NoNul, max_length=max(len(str(value)) for value in allowed) or 1,
                 description=description or None, json_schema_extra={"enum": allowed})


def _nothing() -> None:
    return None


def omissible() -> Any:
    """A field of a change (PATCH) that may be left out but not sent as null: what it holds cannot be cleared.

    Typed without ``| None``, so JSON null is a 422 naming the field and the document does not offer null; left out,
    it is unset (the API reads ``model_dump(exclude_unset=True)``), so the None default never reaches the domain."""
    return Field(default_factory=_nothing)  # a factory, so the document shows no default (null is not allowed)


class Input(Schema):
    """A request body: a misspelt field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def file_response(*media_types: str, description: str = "OK") -> dict[str, Any]:
    """``openapi_extra`` for an operation whose 200 is a file (a zip, a PDF, a CSV, a FHIR Bundle): the document names
    the content types the server really sends, so clients (and the fuzzers' content-type check) expect them."""
    def schema_of(media: str) -> dict[str, Any]:
        return {"type": "object"} if media.endswith("json") else {"type": "string", "format": "binary"}
    return {"responses": {200: {"description": description,
                                "content": {media: {"schema": schema_of(media)} for media in media_types}}}}


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """The 4xx responses an operation can give, for the OpenAPI document."""
    return dict.fromkeys(codes, ErrorOut)
