"""The clinic's extra personas beside alice (patient), bob (clinician she shares with) and charlie (another patient):
dana, a clinician alice never shared with, and erin, a clinician whose share alice revoked."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from speciosa.clinic.domain import revoke_share
from speciosa.clinic.models import Share
from speciosa.clinic.testing import share
from speciosa.testing import Persona, Personas, make_clinician, signed_in


@dataclass
class Clinic:
    personas: Personas
    dana: Persona
    erin: Persona
    bobs_share: Share

    @property
    def alice(self) -> Persona:
        return self.personas.alice

    @property
    def bob(self) -> Persona:
        return self.personas.bob

    @property
    def charlie(self) -> Persona:
        return self.personas.charlie

    def everyone(self) -> dict[str, Persona]:
        return {"alice": self.alice, "bob": self.bob, "charlie": self.charlie, "dana": self.dana, "erin": self.erin}


def clinician(username: str) -> Persona:
    return signed_in(make_clinician(username))


@pytest.fixture
def clinic(personas) -> Clinic:  # type: ignore[no-untyped-def]
    """alice shares everything with bob; erin had a share that alice revoked; dana never had one."""
    bobs_share = share(personas.alice.user, personas.bob.user)
    erin = clinician("erin")
    revoke_share(share(personas.alice.user, erin.user), by=personas.alice.user)
    return Clinic(personas=personas, dana=clinician("dana"), erin=erin, bobs_share=bobs_share)

