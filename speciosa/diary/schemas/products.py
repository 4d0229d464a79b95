"""Products a patient keeps."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from speciosa.lib.schemas import Code, Day, Flag, Input, Instant, Label, Moment, Name, Number


class ProductIn(Input):
    name: Name
    form: Code
    strain: Label = ""
    vein: Code = ""
    vendor: Name = ""
    batch: Label = ""
    unit_mass_g: Number | None = None
    unit_volume_ml: Number | None = None
    mitragynine_content: Number | None = None
    hydroxymitragynine_content: Number | None = None
    content_basis: Code = ""
    lab_name: Name = ""
    lab_date: Day | None = None
    lab_batch: Label = ""
    favourite: Flag = False
    usual_amount: Number | None = None
    usual_unit: Code = ""


class ProductPatch(Input):
    """Only the fields sent are changed."""

    name: Name | None = None
    form: Code | None = None
    strain: Label | None = None
    vein: Code | None = None
    vendor: Name | None = None
    batch: Label | None = None
    unit_mass_g: Number | None = None
    unit_volume_ml: Number | None = None
    mitragynine_content: Number | None = None
    hydroxymitragynine_content: Number | None = None
    content_basis: Code | None = None
    lab_name: Name | None = None
    lab_date: Day | None = None
    lab_batch: Label | None = None
    favourite: Flag | None = None
    usual_amount: Number | None = None
    usual_unit: Code | None = None


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
