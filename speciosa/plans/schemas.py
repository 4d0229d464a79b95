"""API shapes for treatment plans. Inputs refuse unknown fields, NUL characters and booleans where numbers belong;
the domain checks every value again (speciosa.plans.domain.clean_plan)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from speciosa.lib.schemas import Code, Day, Input, Instant, Note, Number, Whole
from speciosa.plans.models import PlanVersion

GoalText = Annotated[str, Field(pattern=r"^[^\x00]*$", max_length=300)]


class TitrationIn(Input):
    start_g: Number
    step_g: Number
    interval_days: Whole
    ceiling_g: Number
    starts_on: Day


class CareGoalIn(Input):
    kind: Code
    goal: GoalText


class PlanIn(Input):
    """A new version of the plan. Leave a limit out (or null) for none; ``effective_from`` defaults to today.

    The schedules are kept unless you say otherwise: leaving out ``instrument_schedule``, ``non_drug_care`` or
    ``titration`` keeps the value of the version in force on the new version's first day; an explicit empty value
    (``{}``, ``[]``, ``null``) removes it.
    """

    max_daily_leaf_g: Number | None = None
    max_daily_mitragynine_mg: Number | None = None
    max_doses_per_day: Whole | None = None
    titration: TitrationIn | None = Field(
        default=None, description="A gradual schedule under the daily maximum. Left out: kept from the version in "
                                  "force; null: none.")
    lab_interval_days: Whole | None = None
    instrument_schedule: dict[Code, Code] = Field(
        default_factory=dict, max_length=20,
        description="Questionnaire id -> frequency. Left out: kept from the version in force; {}: none.")
    non_drug_care: list[CareGoalIn] = Field(
        default_factory=list, max_length=12,
        description="Non-drug care goals. Left out: kept from the version in force; []: none.")
    review_on: Day | None = None
    effective_from: Day | None = None
    note: Note = ""


class CareGoalOut(Schema):
    kind: str
    goal: str


class TitrationOut(Schema):
    start_g: float
    step_g: float
    interval_days: int
    ceiling_g: float
    starts_on: dt.date


class PlanVersionOut(Schema):
    id: int
    version: int
    effective_from: dt.date
    max_daily_leaf_g: float | None
    max_daily_mitragynine_mg: float | None
    max_doses_per_day: int | None
    titration: TitrationOut | None
    lab_interval_days: int | None
    instrument_schedule: dict[str, str]
    non_drug_care: list[CareGoalOut]
    review_on: dt.date | None
    note: str
    authored_by: str | None
    created_at: Instant
    acknowledged_at: Instant | None

    @staticmethod
    def resolve_authored_by(version: PlanVersion) -> str | None:
        return None if version.authored_by is None else version.authored_by.username


class PlanOut(Schema):
    """The patient's plan: the version in force today, today's leaf-equivalent limit, and every version."""

    today: dt.date
    current: PlanVersionOut | None
    today_limit_g: float | None = Field(description="Today's leaf-equivalent limit in grams: a limit, not a target")
    versions: list[PlanVersionOut]


def plan_out(*, today: dt.date, current: PlanVersion | None, versions: list[PlanVersion]) -> dict[str, Any]:
    return {"today": today, "current": current, "versions": versions,
            "today_limit_g": None if current is None else current.limit_on(today)}
