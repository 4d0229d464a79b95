"""API shapes for sharing, the panel, clinical notes and a clinician's actions on alerts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from speciosa.clinic.enums import Scope
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.diary.schemas.checkins import CheckinOut
from speciosa.diary.schemas.doses import DoseOut
from speciosa.diary.schemas.labs import LabOut
from speciosa.diary.schemas.medications import MedicationOut
from speciosa.lib.schemas import Flag, Input, Instant, Moment, NoNul, Note, choices
from speciosa.safety.schemas import AlertCardOut, AlertEntryOut, AlertOut, CommentIn

ScopeName = Annotated[str, choices(Scope.values, description="diary, checkins, medical or notes")]
# Empty (no e-mail) or one address; Django's validator has the last word.
EmailOrNothing = Annotated[str, Field(pattern=NoNul, max_length=254,
                                      json_schema_extra={"anyOf": [{"maxLength": 0}, {"format": "email"}]})]


class ShareIn(Input):
    scopes: list[ScopeName] = Field(..., max_length=10, description="the parts of your record to share",
                                    json_schema_extra={"minItems": 1, "uniqueItems": True})
    can_edit_plan: Flag = Field(False, description="may the clinician also write and change your plan")
    expires_at: Moment | None = Field(None, description="when sharing ends by itself (within three years); "
                                                        "null: until you revoke it")
    email: EmailOrNothing = Field(
        "", description="optional: e-mail the invitation link to this address")


class ShareOut(Schema):
    id: int
    status: str = Field(description="invited, active, expired or revoked")
    scopes: list[str]
    can_edit_plan: bool
    patient: int = Field(description="the patient's id")
    clinician: str | None = Field(description="username of the clinician who accepted, if any")
    invited_email: str
    created_at: Instant
    code_expires_at: Instant
    accepted_at: Instant | None
    expires_at: Instant | None
    revoked_at: Instant | None

    @staticmethod
    def resolve_status(share: Share) -> str:
        return share.status_at(timezone.now()).value

    @staticmethod
    def resolve_patient(share: Share) -> int:
        return share.patient_id

    @staticmethod
    def resolve_clinician(share: Share) -> str | None:
        return share.clinician.username if share.clinician is not None else None


class InvitationOut(Schema):
    share: ShareOut
    code: str = Field(description="the one-time code; shown only in this answer")
    accept_url: str = Field(description="the page where the clinician enters it, with the code filled in")
    emailed: bool = Field(description="whether the link was e-mailed to the address given")


class AcceptIn(Input):
    code: Annotated[str, Field(pattern=NoNul, max_length=40, description="such as ABCDE-FGHJK")]


class AdherenceOut(Schema):
    has_plan: bool
    days_over: int = Field(description="days above the plan's leaf-equivalent limit in the window")
    days_counted: int = Field(description="days in the window on which a plan with a limit was in force")
    window_days: int


class ProblemOut(Schema):
    line: str = Field(description="the alert card in one clinical line, e.g. 'Liver: ALT 7.4×ULN, bilirubin 2.6×' "
                                  "(its title only when the share does not open alert details)")
    severity: str
    acknowledged: bool
    first_seen: Instant
    alert_id: int = Field(description="the card's lead alert")
    findings: int = Field(description="alerts on the card (one event can meet several rules)")


class SeriesOut(Schema):
    daily: list[float] = Field(description="one total per local day, oldest first")
    unit: str
    direction: str = Field(description="rising, falling, steady, new or no doses (first week against last)")
    first_week_mean: float | None
    last_week_mean: float | None
    change_percent: float | None


class DoseTrendOut(Schema):
    days: int
    leaf_equivalent_g: SeriesOut
    mitragynine_mg: SeriesOut
    unconverted_doses: int = Field(description="doses without a leaf equivalent (7-OH products) in the window")


class OutcomeChangeOut(Schema):
    measure: str
    category: str = Field(description="IMMPACT: substantial, moderate, minimal, none, worse or insufficient")
    baseline: float | None = Field(description="mean of the first week of ratings")
    latest: float | None = Field(description="mean of the latest week")
    absolute: float | None = Field(description="improvement in points (positive = better)")
    percent: float | None
    summary: str


class PanelRowOut(Schema):
    id: int
    username: str
    name: str
    scopes: list[str]
    can_edit_plan: bool
    urgent_open: int
    warning_open: int
    urgent_current: int = Field(description="urgent alerts open or acknowledged")
    warning_current: int = Field(description="warnings open or acknowledged")
    being_rechecked: bool = Field(description="the record changed since the alerts were last evaluated")
    evaluation: str = Field(description="pending (being checked: sorted and filtered with the urgent) or current")
    top_problem: ProblemOut | None = Field(description="the most severe current problem; null when none")
    reviewed_at: Instant | None = Field(description="when you last opened this patient's page")
    new_since_review: int = Field(description="current alerts first seen since your last review (all, before one)")
    labs_overdue: bool
    plan_review_on: dt.date | None = Field(description="the review date of the plan in force")
    dose_trend: DoseTrendOut | None = Field(description="daily totals over 4 weeks; null when doses are not shared")
    pain_change: OutcomeChangeOut | None = Field(description="null when check-ins are not shared")
    last_dose: Instant | None = Field(description="null when none, or doses are not shared")
    last_checkin: Instant | None = Field(description="null when none, or check-ins are not shared")
    last_activity: Instant | None
    adherence: AdherenceOut | None = Field(description="null when doses are not shared")


class PanelOut(Schema):
    count: int
    page: int
    pages: int
    items: list[PanelRowOut]


class NoteIn(Input):
    text: Annotated[str, Field(pattern=r"^[^\x00]*[^\x00\s][^\x00]*$", min_length=1, max_length=ClinicalNote.MAX_LENGTH)]


class NoteOut(Schema):
    id: int
    patient: int
    author: str | None = Field(description="username of the clinician who wrote it")
    created_at: Instant
    text: str

    @staticmethod
    def resolve_patient(note: ClinicalNote) -> int:
        return note.patient_id

    @staticmethod
    def resolve_author(note: ClinicalNote) -> str | None:
        return note.author.username if note.author is not None else None


class AlertNoteIn(Input):
    note: Note = Field("", description="optional: what you decided or did; kept as an entry of the alert's "
                                       "conversation, which the patient reads")


__all__ = ["AcceptIn", "AdherenceOut", "AlertCardOut", "AlertEntryOut", "AlertNoteIn", "AlertOut", "CommentIn",
           "InvitationOut", "NoteIn", "NoteOut", "PanelOut", "PanelRowOut", "ShareIn", "ShareOut"]


class LiverTestOut(Schema):
    code: str
    value: float
    unit: str
    x_uln: float | None
    collected_at: Instant


class PlanFactsOut(Schema):
    version: int
    effective_from: dt.date | None
    max_daily_leaf_g: float | None
    max_daily_mitragynine_mg: float | None
    max_doses_per_day: int | None
    review_on: dt.date | None
    review_due: bool


class SummaryOut(Schema):
    as_of: Instant
    evaluation: str = Field(description="pending (being checked) or current")
    problems: list[ProblemOut] = Field(description="current problems, most severe first")
    alert_details_shared: bool
    current_daily_leaf_equivalent_g: float | None = Field(description="mean of the last 7 days; null: not shared")
    current_daily_mitragynine_mg: float | None
    dose_trend: DoseTrendOut | None
    adherence: AdherenceOut | None
    plan: PlanFactsOut | None
    pain_change: OutcomeChangeOut | None
    function_change: OutcomeChangeOut | None
    liver_tests: list[LiverTestOut] | None = Field(description="latest of each liver test; null: labs not shared")


class TimelineEntryOut(Schema):
    at: Instant
    kind: str = Field(description="dose, checkin or lab; the record is under the key of that name")
    dose: DoseOut | None = None
    checkin: CheckinOut | None = None
    lab: LabOut | None = None


class TimelineOut(Schema):
    first: dt.date
    until: dt.date
    kinds: list[str] = Field(description="the kinds of record the share opens")
    entries: list[TimelineEntryOut]


class LabsAndMedicinesOut(Schema):
    medications: list[MedicationOut]
    labs: list[LabOut]
