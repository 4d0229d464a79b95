"""Other medicines the patient takes."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from speciosa.lib.schemas import Code, Day, Detail, Input, Instant, RequiredName


class MedicationIn(Input):
    name: RequiredName
    rxnorm: Code = ""
    dose_text: Detail = ""
    start: Day | None = None
    stop: Day | None = None


class MedicationPatch(Input):
    """Only the fields sent are changed."""

    name: RequiredName | None = None
    rxnorm: Code | None = None
    dose_text: Detail | None = None
    start: Day | None = None
    stop: Day | None = None


class MedicationOut(Schema):
    id: int
    name: str
    rxnorm: str
    dose_text: str
    start: dt.date | None
    stop: dt.date | None
    created_at: Instant
    updated_at: Instant
