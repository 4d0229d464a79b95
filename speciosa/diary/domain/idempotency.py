"""Writes a phone may send twice: a record carrying the phone's own id (``client_id``) is stored once.

An offline queue sends again whatever it has not heard back about, and a tap on "Log" can reach the server twice on
a poor connection. The first arrival stores the record; every later one with the same id gets that record back
(deleted or not, changed or not) and stores nothing. The id is unique per patient in the database, so two arrivals
at the same moment cannot both insert: the loser of the race reads the winner's row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from speciosa.accounts.models import User
from speciosa.lib.checks import check_client_id

Record = TypeVar("Record", bound=models.Model)


def stored_once(model: type[Record], patient: User, client_id: Any, create: Callable[[uuid.UUID | None], Record]) -> Record:
    """``create(checked_id)`` unless the patient already has a ``model`` row with this client id (returned then)."""
    key = check_client_id(client_id)
    if key is None:
        return create(None)
    manager: Any = model._default_manager
    existing = manager.filter(patient=patient, client_id=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the caller's transaction usable
            return create(key)
    except IntegrityError:
        existing = manager.filter(patient=patient, client_id=key).first()
        if existing is None:
            raise
        return existing
