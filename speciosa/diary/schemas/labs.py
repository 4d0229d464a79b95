"""Liver test results."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from speciosa.diary.enums import LabCode
from speciosa.lib.schemas import Code, Input, Instant, Moment, Number, Positive, choices, omissible

LabCodeName = Annotated[str, choices(LabCode.values, description="ALT, AST, ALP, TBIL, GGT or INR")]


class LabIn(Input):
    code: LabCodeName
    value: Number
    unit: Code = Field("", description="the code's usual unit when left out")
    uln: Positive | None = Field(None, description="upper limit of normal on the report; none for INR")
    collected_at: Moment


class LabPatch(Input):
    """Only the fields sent are changed."""

    code: LabCodeName = omissible()
    value: Number = omissible()
    unit: Code = omissible()
    uln: Positive | None = None
    collected_at: Moment = omissible()


class LabOut(Schema):
    id: int
    code: str
    value: float
    unit: str
    uln: float | None
    times_uln: float | None
    collected_at: Instant
    created_at: Instant
    updated_at: Instant
