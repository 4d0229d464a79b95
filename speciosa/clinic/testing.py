"""Test helpers for sharing: an accepted share in one call."""

from __future__ import annotations

from collections.abc import Sequence

from speciosa.accounts.models import User
from speciosa.clinic.domain import accept_invitation, invite_clinician
from speciosa.clinic.enums import Scope
from speciosa.clinic.models import Share


def share(patient: User, clinician: User, scopes: Sequence[str] = tuple(Scope.values), *,
          can_edit_plan: bool = False) -> Share:
    """An accepted share from ``patient`` to ``clinician``."""
    _, code = invite_clinician(patient, scopes=list(scopes), can_edit_plan=can_edit_plan)
    return accept_invitation(clinician, code=code)
