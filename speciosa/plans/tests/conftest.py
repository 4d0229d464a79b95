"""The plan's personas: alice (patient), bob (a clinician alice allowed to edit her plan), rita (a clinician alice
shared her diary with, read only), dana (a clinician alice never shared with) and charlie (another patient)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from speciosa.accounts.models import User
from speciosa.clinic.testing import share
from speciosa.plans.domain import publish_plan
from speciosa.plans.models import PlanVersion
from speciosa.testing import Persona, Personas, make_clinician, signed_in

NEW_YORK_NOON = dt.time(12, 0)
TODAY = dt.date(2026, 11, 20)  # alice lives in New York; the tests run at noon there on this day


@pytest.fixture(autouse=True)
def noon_in_new_york():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC), tick=False):
        yield


@dataclass
class Team:
    personas: Personas
    rita: Persona
    dana: Persona

    @property
    def alice(self) -> Persona:
        return self.personas.alice

    @property
    def bob(self) -> Persona:
        return self.personas.bob

    @property
    def charlie(self) -> Persona:
        return self.personas.charlie


def clinician(username: str) -> Persona:
    return signed_in(make_clinician(username))


@pytest.fixture
def team(personas) -> Team:  # type: ignore[no-untyped-def]
    share(personas.alice.user, personas.bob.user, can_edit_plan=True)
    rita = clinician("rita")
    share(personas.alice.user, rita.user, scopes=["diary"], can_edit_plan=False)
    return Team(personas=personas, rita=rita, dana=clinician("dana"))


def publish_on(day: dt.date, patient: User, clinician: User, **fields: Any) -> PlanVersion:
    """Publishes a version at noon (New York) on ``day``, taking effect that day unless told otherwise."""
    moment = dt.datetime.combine(day, NEW_YORK_NOON, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with time_machine.travel(moment, tick=False):
        return publish_plan(patient, by=clinician, **{"effective_from": day, **fields})
