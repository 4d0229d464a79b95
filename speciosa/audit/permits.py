"""The two permits the database triggers on the audit log accept (migration 0003), each for one transaction.

An account's deletion nulls the links of the entries that name it (Django's on_delete=SET_NULL; the labels and the
patient's pseudonym stay): the ``pre_delete`` signal of the account writes an ``unlink`` permit for it and
``post_delete`` removes it, both inside the transaction Django deletes in. The retention purge takes a ``purge``
permit for its cutoff (``purging``). Any other UPDATE or DELETE of an entry is refused by the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from speciosa.audit.models import AuditPermit


def permit_unlink(sender: Any, *, instance: Any, using: str, **kwargs: Any) -> None:
    """pre_delete receiver for the user model (connected in AuditConfig.ready)."""
    AuditPermit.objects.using(using).create(kind="unlink", user_id=instance.pk)


def end_unlink(sender: Any, *, instance: Any, using: str, **kwargs: Any) -> None:
    """post_delete receiver for the user model: the permit does not outlive the deletion."""
    AuditPermit.objects.using(using).filter(kind="unlink", user_id=instance.pk).delete()


@contextmanager
def purging(cutoff: dt.datetime) -> Iterator[None]:
    """Inside this block (one transaction), entries older than ``cutoff`` may be deleted; only domain.purge_expired
    uses it."""
    with transaction.atomic():
        permit = AuditPermit.objects.create(kind="purge", cutoff=cutoff)
        yield
        AuditPermit.objects.filter(pk=permit.pk).delete()
