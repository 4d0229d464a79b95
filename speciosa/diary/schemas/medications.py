"""Other medicines the patient takes."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from speciosa.lib.schemas import Code, Detail, Input, Instant, Name


class MedicationIn(Input):
    name: Name
    rxnorm: Code = ""
    dose_text: Detail = ""
    start: dt.date | None = None
    stop: dt.date | None = None


class MedicationPatch(Input):
    """Only the fields sent are changed."""

    name: Name | None = None
    rxnorm: Code | None = None
    dose_text: Detail | None = None
    start: dt.date | None = None
    stop: dt.date | None = None


class MedicationOut(Schema):
    id: int
    name: str
    rxnorm: str
    dose_text: str
    start: dt.date | None
    stop: dt.date | None
    created_at: Instant
    updated_at: Instant
