from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from speciosa.interop.trackers.reading import MAX_FILE_BYTES
from speciosa.lib.schemas import Code, Input, Label, NoNul, Whole


class MappingIn(Input):
    kind: Literal["doses", "checkins"] = Field(description="What each row of the file is")
    columns: dict[Code, Label] = Field(
        description="Speciosa field -> the file's column heading. Doses: taken_at (or date and time), product, "
                    "amount, unit, note. Check-ins: at (or date and time), pain_now, pain_avg_24h, mood, energy, "
                    "sleep_quality, function, note")
    fixed: dict[Code, Label] = Field(default_factory=dict,
                                     description="One value for every row instead of a column: unit, product")
    rating_scale: Annotated[list[Whole], Field(min_length=2, max_length=2)] = Field(
        default_factory=lambda: [0, 10], description="The lowest and highest rating in the file, such as [1, 5]")


class ImportIn(Input):
    content: Annotated[str, Field(pattern=NoNul, max_length=MAX_FILE_BYTES)] = Field(
        description="The CSV file's text (UTF-8)")
    preset: Code | None = Field(default=None, description="bearable or kratom-tracker; or give a mapping instead")
    mapping: MappingIn | None = None


class SkippedOut(Schema):
    line: int
    reason: str


class ImportOut(Schema):
    source: str
    committed: bool
    time_zone: str = Field(description="The zone times without an offset were read in (the patient's)")
    rows_read: int
    doses: int
    checkins: int
    new_products: list[str]
    duplicates: int
    skipped: list[SkippedOut]
    first_entries: list[str]
