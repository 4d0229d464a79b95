"""The audit app's periodic task: the retention purge (docs/privacy.md), daily."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from speciosa.audit.domain import purge_expired


@db_periodic_task(crontab(hour="2", minute="40"))
@lock_task("speciosa-audit-purge")
def purge_audit() -> int:
    """Removes the entries older than the retention period; running twice removes nothing more."""
    return purge_expired(now=timezone.now())
