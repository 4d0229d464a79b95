"""Field types every app's API shapes share: text without NUL, numbers that refuse booleans, ids, moments; and
the one error shape every 4xx carries."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeAlias, TypeVar

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, StrictBool

from speciosa.lib.checks import CALENDAR_MESSAGE, within_calendar

__all__ = ["Code", "Day", "Detail", "ErrorItem", "ErrorOut", "Flag", "Input", "Instant", "Label", "Moment", "Name", "NoNul",
           "Note", "Number", "RecordId", "Text", "Whole", "error_responses", "reject_bool"]


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


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


# Database keys are 64-bit; a larger id would overflow the driver instead of simply not being found.
MAX_ID = 2**63 - 1
RecordId = Annotated[int, BeforeValidator(reject_bool), Field(ge=1, le=MAX_ID)]
Flag = StrictBool  # JSON true or false only; 1 and "yes" are not answers to a yes/no question


def _within_calendar(value: DateOrTime) -> DateOrTime:
    # Far-off years overflow when converted to UTC or shifted by a week; no diary entry is that old or that late.
    if not within_calendar(value):
        raise ValueError(CALENDAR_MESSAGE)
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_within_calendar)]
# A calendar day (YYYY-MM-DD) in the same years as a Moment.
Day = Annotated[dt.date, AfterValidator(_within_calendar)]
# Every time the API sends is in UTC, whatever offset it came with: a record reads the same on every request.
Instant = Annotated[dt.datetime, AfterValidator(lambda moment: moment.astimezone(dt.UTC))]


# Text with no NUL character (PostgreSQL cannot store one), sized by what it holds; the domain checks again.
# Code: a choice such as form, unit, vein, reason or lab code. Name: product, vendor, laboratory, medicine.
Code: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=20)]
Label: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=80)]  # strain, batch
Name: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=120)]
Detail: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=200)]  # a medicine's dose as written
Note: TypeAlias = Annotated[str, Field(pattern=NoNul, max_length=4000)]


class Input(Schema):
    """A request body: a misspelt field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """The 4xx responses an operation can give, for the OpenAPI document."""
    return dict.fromkeys(codes, ErrorOut)
