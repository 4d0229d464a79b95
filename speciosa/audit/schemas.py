"""API shapes for the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from speciosa.audit.enums import Action
from speciosa.lib.schemas import NoNul


class AuditEntryOut(Schema):
    at: dt.datetime
    actor: str = Field(alias="actor_label")
    action: Action
    what: str
    patient_ref: str
    ip: str | None
    user_agent: str


class AuditFilters(Schema):
    action: Action | None = None
    actor: Annotated[str, Field(pattern=NoNul, max_length=150)] = ""
    patient_ref: Annotated[str, Field(pattern=NoNul, max_length=40)] = ""
