"""Doses, the revision trail of a dose, and the totals of a day."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from speciosa.diary.enums import DoseReason, DoseUnit
from speciosa.lib.schemas import Input, Instant, Moment, NoNul, Number, RecordId, choices, omissible

DoseNote = Annotated[str, Field(pattern=NoNul, max_length=2000)]
DoseUnitCode = Annotated[str, choices(DoseUnit.values, description="g, mg, capsule, tablet or ml, as fits the product's form")]
ReasonCode = Annotated[str, choices(["", *DoseReason.values], description="why it was taken; empty when not said")]
# More than nothing (the domain also caps it by unit: 100 g, 500 ml, 100 capsules); stated for clients, checked there.
Amount = Annotated[Number, Field(json_schema_extra={"exclusiveMinimum": 0})]


class DoseIn(Input):
    product: RecordId = Field(description="the id of one of your products")
    amount: Amount
    unit: DoseUnitCode
    taken_at: Moment | None = Field(None, description="ISO 8601 with an offset; now when left out")
    reason: ReasonCode = ""
    note: DoseNote = ""
    client_id: uuid.UUID | None = Field(None, description="a UUID your app chose for this dose: sending it again "
                                                          "(a retry) returns the dose already stored, never a second")


class DosePatch(Input):
    """Only the fields sent are changed."""

    product: RecordId = omissible()
    amount: Amount = omissible()
    unit: DoseUnitCode = omissible()
    taken_at: Moment = omissible()
    reason: ReasonCode = omissible()
    note: DoseNote = omissible()


class DoseFilters(Schema):
    start: Moment | None = Field(None, description="doses taken at or after this instant")
    end: Moment | None = Field(None, description="doses taken before this instant")


class DoseOut(Schema):
    id: int
    product: int
    product_name: str
    amount: float
    unit: str
    taken_at: Instant
    reason: str
    note: str
    leaf_equivalent_g: float | None = Field(description="null for a 7-OH product: no leaf equivalent claimed")
    mitragynine_mg: float
    hydroxymitragynine_mg: float
    mitragynine_basis: str = Field(description="lab, label or default: what the mitragynine figure rests on")
    hydroxymitragynine_basis: str
    client_id: uuid.UUID | None = Field(description="the UUID the app sent with the dose, if any")
    created_at: Instant
    updated_at: Instant

    @staticmethod
    def resolve_product(dose: Any) -> int:
        return int(dose.product_id)

    @staticmethod
    def resolve_product_name(dose: Any) -> str:
        return str(dose.product.name)


class RevisionOut(Schema):
    action: str
    changed_at: Instant
    changed_by: str | None = Field(description="username of who made the change")
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @staticmethod
    def resolve_changed_by(revision: Any) -> str | None:
        return revision.changed_by.username if revision.changed_by is not None else None


class DayTotalsOut(Schema):
    day: dt.date
    doses: int
    leaf_equivalent_g: float
    mitragynine_mg: float
    hydroxymitragynine_mg: float
    any_default_content: bool = Field(description="a figure rests on a documented default, not the product's")


class DayOut(Schema):
    time_zone: str
    totals: DayTotalsOut
    doses: list[DoseOut]
