"""Other medicines the patient takes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from speciosa.lib.schemas import Day, Detail, Input, Instant, RequiredName, omissible

# An RxNorm concept id is digits (oxycodone is 7804); empty when not known.
RxNormId = Annotated[str, Field(pattern=r"^[0-9]*$", max_length=20)]


class MedicationIn(Input):
    name: RequiredName
    rxnorm: RxNormId = ""
    dose_text: Detail = ""
    start: Day | None = None
    stop: Day | None = None


class MedicationPatch(Input):
    """Only the fields sent are changed."""

    name: RequiredName = omissible()
    rxnorm: RxNormId = omissible()
    dose_text: Detail = omissible()
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
