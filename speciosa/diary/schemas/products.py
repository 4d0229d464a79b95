"""Products a patient keeps."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeAlias

from ninja import Schema

from speciosa.diary.enums import ContentBasis, DoseUnit, ProductForm, VeinColour
from speciosa.lib.schemas import (
    Day,
    Flag,
    Input,
    Instant,
    Label,
    Moment,
    Name,
    Number,
    Positive,
    RequiredName,
    choices,
    omissible,
)

FormCode: TypeAlias = Annotated[str, choices(ProductForm.values)]
VeinCode: TypeAlias = Annotated[str, choices(VeinColour.values, description="empty when not stated")]
BasisCode: TypeAlias = Annotated[str, choices(["", *ContentBasis.values], description="empty: documented default")]
UsualUnit: TypeAlias = Annotated[str, choices(["", *DoseUnit.values], description="as fits the form; empty: none")]


class ProductIn(Input):
    name: RequiredName
    form: FormCode
    strain: Label = ""
    vein: VeinCode = ""
    vendor: Name = ""
    batch: Label = ""
    unit_mass_g: Positive | None = None
    unit_volume_ml: Positive | None = None
    mitragynine_content: Number | None = None
    hydroxymitragynine_content: Number | None = None
    content_basis: BasisCode = ""
    lab_name: Name = ""
    lab_date: Day | None = None
    lab_batch: Label = ""
    favourite: Flag = False
    usual_amount: Positive | None = None
    usual_unit: UsualUnit = ""


class ProductPatch(Input):
    """Only the fields sent are changed."""

    name: RequiredName = omissible()
    form: FormCode = omissible()
    strain: Label = omissible()
    vein: VeinCode = omissible()
    vendor: Name = omissible()
    batch: Label = omissible()
    unit_mass_g: Positive | None = None
    unit_volume_ml: Positive | None = None
    mitragynine_content: Number | None = None
    hydroxymitragynine_content: Number | None = None
    content_basis: BasisCode = omissible()
    lab_name: Name = omissible()
    lab_date: Day | None = None
    lab_batch: Label = omissible()
    favourite: Flag = omissible()
    usual_amount: Positive | None = None
    usual_unit: UsualUnit = omissible()


class ProductOut(Schema):
    id: int
    name: str
    form: str
    strain: str
    vein: str
    vendor: str
    batch: str
    unit_mass_g: float | None
    unit_volume_ml: float | None
    mitragynine_content: float | None
    hydroxymitragynine_content: float | None
    content_basis: str
    lab_tested: bool
    lab_name: str
    lab_date: dt.date | None
    lab_batch: str
    favourite: bool
    usual_amount: float | None
    usual_unit: str
    created_at: Instant
    updated_at: Instant


class QuickLogIn(Input):
    taken_at: Moment | None = None
