"""Marks a patient for re-evaluation whenever their record changed, and enqueues that evaluation after the write
commits (connected in SafetyConfig.ready)."""

from __future__ import annotations

from typing import Any

from speciosa.accounts.models import User
from speciosa.lib.statements import Statements
from speciosa.safety.domain import mark_pending
from speciosa.safety.tasks import evaluate_after_commit


def reevaluate_on_change(sender: Any, *, patient: User, statements: Statements | None = None, **kwargs: Any) -> None:
    mark_pending(patient, statements=statements)
    evaluate_after_commit(patient.pk)
