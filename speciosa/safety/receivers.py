"""Marks a patient for re-evaluation whenever their record changes (connected in SafetyConfig.ready)."""

from __future__ import annotations

from typing import Any

from speciosa.accounts.models import User
from speciosa.safety.domain import mark_pending


def reevaluate_on_change(sender: Any, *, patient: User, **kwargs: Any) -> None:
    mark_pending(patient)
