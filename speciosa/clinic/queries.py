"""Querysets of shares in force, reused by access checks, the panel and the sharing pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from speciosa.clinic.models import Share


def active_shares(now: dt.datetime) -> QuerySet[Share]:
    """Accepted, not revoked, not expired at ``now``."""
    return Share.objects.filter(accepted_at__isnull=False, revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now))
