"""API shapes for sharing, the panel, clinical notes and a clinician's actions on alerts."""

from __future__ import annotations

from typing import Annotated, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from speciosa.clinic.models import ClinicalNote, Share
from speciosa.lib.schemas import Flag, Input, Instant, Moment, NoNul, Note
from speciosa.safety.schemas import AlertCardOut, AlertOut

ScopeName = Annotated[str, Field(pattern=NoNul, max_length=20, description="diary, checkins, medical or notes")]


class ShareIn(Input):
    scopes: list[ScopeName] = Field(..., max_length=10, description="the parts of your record to share")
    can_edit_plan: Flag = Field(False, description="may the clinician also write and change your plan")
    expires_at: Moment | None = Field(None, description="when sharing ends by itself (within three years); "
                                                        "null: until you revoke it")
    email: Annotated[str, Field(pattern=NoNul, max_length=254)] = Field(
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
    being_rechecked: bool = Field(description="the record changed since the alerts were last evaluated (the same as "
                                              "evaluation == \"pending\")")
    evaluation: Literal["current", "pending"] = Field(
        description="pending: the record changed and its alerts are being checked (seconds); the counts are the "
                    "last check's, and the row is sorted and filtered with the urgent ones until the check ends")
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
    text: Annotated[str, Field(pattern=NoNul, max_length=ClinicalNote.MAX_LENGTH)]


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
    note: Note = Field("", description="optional: what you decided or did")


__all__ = ["AcceptIn", "AdherenceOut", "AlertCardOut", "AlertNoteIn", "AlertOut", "InvitationOut", "NoteIn", "NoteOut", "PanelOut",
           "PanelRowOut", "ShareIn", "ShareOut"]
