"""API shapes for instruments, questionnaire responses and the patient's schedule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from speciosa.core.instruments import all_instruments
from speciosa.core.instruments.model import Frequency
from speciosa.lib.schemas import Input, Instant, Moment, NoNul, RecordId, choices

InstrumentId = Annotated[str, Field(pattern=NoNul, max_length=20)]
# In a request body, one of the instruments Speciosa scores (a filter or a path may name any, and finds nothing).
InstrumentChoice = Annotated[str, choices([instrument.id for instrument in all_instruments()])]
FrequencyName = Annotated[str, choices([frequency.value for frequency in Frequency],
                                       description="daily, weekly, biweekly or monthly")]


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    text: str
    options: list[OptionOut]
    loinc: str | None


class BandOut(Schema):
    minimum: float
    name: str
    meaning: str


class SubscaleOut(Schema):
    id: str
    title: str
    items: list[int] = Field(description="0-based item indexes summed into the subscale")
    positive_at: float | None


class SourceOut(Schema):
    citation: str
    url: str


class LoincOut(Schema):
    panel: str | None
    score: str | None
    status: str = Field(description="where the codes were found and whether they were confirmed at loinc.org")


class InstrumentOut(Schema):
    id: str
    version: str
    title: str
    short_title: str
    purpose: str
    instructions: str
    items: list[ItemOut]
    scoring: str = Field(description="sum, mean or count (of yes answers)")
    minimum: float
    maximum: float
    bands: list[BandOut] = Field(description="empty when the publication gives no bands")
    band_sources: list[SourceOut]
    subscales: list[SubscaleOut]
    sources: list[SourceOut]
    licence: str
    freely_usable: bool
    suggested_frequency: str
    loinc: LoincOut
    adaptation: str
    limits: str


class ResponseIn(Input):
    instrument: InstrumentChoice
    answers: list[Any] = Field(max_length=100, description="one whole number per item, in the item order")
    at: Moment | None = Field(None, description="ISO 8601 with an offset; now when left out")


class ResponseOut(Schema):
    id: int
    instrument: str
    version: str
    at: Instant
    answers: list[int]
    score: float
    band: str | None
    subscores: dict[str, float | str]
    created_at: Instant

    @staticmethod
    def resolve_band(obj: Any) -> str | None:
        return obj.band or None


class ResponseFilters(Schema):
    instrument: InstrumentChoice | None = None
    patient: RecordId | None = Field(None, description="a patient who shared check-ins with you (clinicians)")


class ScheduleEntry(Input):  # sent in PUT /me/schedule, so as strict as any input
    instrument: InstrumentChoice
    frequency: FrequencyName


class ScheduleIn(Input):
    entries: list[ScheduleEntry] = Field(max_length=20)


class DueOut(Schema):
    instrument: str
    title: str
    frequency: str
    last_answered: Instant | None
    next_due: dt.date


class ScheduleOut(Schema):
    source: str = Field(description="plan: the plan in force sets it; patient: the patient's own choice")
    entries: list[ScheduleEntry] = Field(description="the schedule in force")
    own: list[ScheduleEntry] = Field(description="the patient's own choice (applies when no plan sets one)")
    due: list[DueOut] = Field(description="scheduled questionnaires, soonest first; next_due <= today means due")
