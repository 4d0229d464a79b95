"""Products a patient keeps."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeAlias

from ninja import Schema

from speciosa.diary.enums import ContentBasis, DoseUnit, ProductForm, VeinColour
from speciosa.lib.schemas import Day, Flag, Input, Instant, Label, Moment, Name, Number, RequiredName, choices

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
    unit_mass_g: Number | None = None
    unit_volume_ml: Number | None = None
    mitragynine_content: Number | None = None
    hydroxymitragynine_content: Number | None = None
    content_basis: BasisCode = ""
    lab_name: Name = ""
    lab_date: Day | None = None
    lab_batch: Label = ""
    favourite: Flag = False
    usual_amount: Number | None = None
    usual_unit: UsualUnit = ""


class ProductPatch(Input):
    """Only the fields sent are changed."""

    name: RequiredName | None = None
    form: FormCode | None = None
    strain: Label | None = None
    vein: VeinCode | None = None
    vendor: Name | None = None
    batch: Label | None = None
    unit_mass_g: Number | None = None
    unit_volume_ml: Number | None = None
    mitragynine_content: Number | None = None
    hydroxymitragynine_content: Number | None = None
    content_basis: BasisCode | None = None
    lab_name: Name | None = None
    lab_date: Day | None = None
    lab_batch: Label | None = None
    favourite: Flag | None = None
    usual_amount: Number | None = None
    usual_unit: UsualUnit | None = None


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
