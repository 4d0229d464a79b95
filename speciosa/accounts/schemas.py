"""API shapes for accounts. Inputs refuse unknown fields; strings refuse NUL characters; numbers refuse booleans;
yes/no fields take JSON true or false only (the PREGNANCY rule reads ``pregnant``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from speciosa.lib.schemas import Flag, Input, NoNul, Number, Whole, omissible


class TokenIn(Input):
    username: Annotated[str, Field(pattern=NoNul, max_length=150)]
    password: Annotated[str, Field(pattern=NoNul, max_length=200)]
    label: Annotated[str, Field(pattern=NoNul, max_length=100)] = ""
    otp: Annotated[str, Field(pattern=NoNul, max_length=20)] | None = Field(
        None, description="Required for accounts with two-factor authentication (all clinicians and administrators): "
                          "the current code from the authenticator app, or a backup code.")


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    id: int
    expires_at: datetime = Field(description="when the token ends unless used again; each use extends it, up to a "
                                             "limit from issue (shorter for clinicians and administrators)")


class TokenInfoOut(Schema):
    """A token as its holder sees it: never the token itself (only its digest is kept)."""

    id: int
    label: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    current: bool = Field(description="the token this request was sent with")


class ProfileOut(Schema):
    birth_year: int | None
    sex: str
    weight_kg: Decimal | None
    pregnant: bool
    breastfeeding: bool
    time_zone: str
    jurisdiction: str
    conditions: list[str]
    comorbidities: list[str]
    goals: str
    urgent_alert_emails: bool = Field(description="an e-mail (no health details) when one of your alerts is urgent")


class ProfileIn(Input):
    """Only the fields sent are changed."""

    birth_year: Whole | None = None
    sex: Annotated[str, Field(pattern=NoNul, max_length=16)] | None = None
    weight_kg: Number | None = None
    pregnant: Flag = omissible()
    breastfeeding: Flag = omissible()
    time_zone: Annotated[str, Field(pattern=NoNul, max_length=64)] = omissible()
    jurisdiction: Annotated[str, Field(pattern=NoNul, max_length=40)] | None = None
    conditions: list[Annotated[str, Field(pattern=NoNul, max_length=40)]] = omissible()
    comorbidities: list[Annotated[str, Field(pattern=NoNul, max_length=40)]] = omissible()
    goals: Annotated[str, Field(pattern=NoNul, max_length=4000)] = omissible()
    # true: e-mail me (in plain words, with no health details) when one of my alerts becomes urgent
    urgent_alert_emails: Flag = omissible()


class MeOut(Schema):
    id: int
    username: str
    email: str
    role: str
    profile: ProfileOut | None


class DeleteAccountIn(Input):
    password: Annotated[str, Field(pattern=NoNul, max_length=200)]
