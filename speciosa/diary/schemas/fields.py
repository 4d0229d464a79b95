"""Field types the diary's API shapes share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeAlias

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, StrictBool

from speciosa.accounts.schemas import ErrorOut, NoNul, Number, Whole, reject_bool

__all__ = ["Code", "Detail", "Flag", "Input", "Instant", "Label", "Moment", "Name", "Note", "Number",
           "RecordId", "Whole", "error_responses"]

# Database keys are 64-bit; a larger id would overflow the driver instead of simply not being found.
MAX_ID = 2**63 - 1
RecordId = Annotated[int, BeforeValidator(reject_bool), Field(ge=1, le=MAX_ID)]
Flag = StrictBool  # JSON true or false only; 1 and "yes" are not answers to a yes/no question


def _within_calendar(value: dt.datetime) -> dt.datetime:
    # Far-off years overflow when converted to UTC for the database; no diary entry is that old or that late.
    if not 1900 <= value.year <= 2200:
        raise ValueError("must be between the years 1900 and 2200")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_within_calendar)]
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
