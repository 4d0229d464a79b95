"""Querysets of shares in force, reused by access checks, the panel and the sharing pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from speciosa.clinic.enums import Scope
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.diary.models import Checkin, Dose, LabResult


def active_shares(now: dt.datetime) -> QuerySet[Share]:
    """Accepted, not revoked, not expired at ``now``."""
    return Share.objects.filter(accepted_at__isnull=False, revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def shares_given_by(patient) -> QuerySet[Share]:  # type: ignore[no-untyped-def]
    """Every share the patient made, newest first, with its clinician (for the sharing page and API)."""
    return Share.objects.filter(patient=patient).select_related("clinician").order_by("-created_at", "-pk")


def notes_on(patient, *, viewer) -> QuerySet[ClinicalNote]:  # type: ignore[no-untyped-def]
    """Clinical notes on ``patient`` that ``viewer`` may read: all of them for the patient, a clinician's own.

    Callers check first that a clinician still holds an active share.
    """
    notes = ClinicalNote.objects.filter(patient=patient).select_related("author")
    return notes if viewer.pk == patient.pk else notes.filter(author=viewer)


def timeline_for(patient, scopes: Iterable[str], *, start: dt.datetime, end: dt.datetime  # type: ignore[no-untyped-def]
                 ) -> list[tuple[dt.datetime, str, object]]:
    """The diary's timeline (newest first) limited to what the share opens: doses (diary), check-ins (checkins),
    lab results (medical). Only the shared kinds are read."""
    entries: list[tuple[dt.datetime, str, object]] = []
    if Scope.DIARY in scopes:
        doses = Dose.objects.of(patient).filter(taken_at__gte=start, taken_at__lt=end).select_related("product")
        entries += [(dose.taken_at, "dose", dose) for dose in doses]
    if Scope.CHECKINS in scopes:
        entries += [(checkin.at, "checkin", checkin)
                    for checkin in Checkin.objects.of(patient).filter(at__gte=start, at__lt=end)]
    if Scope.MEDICAL in scopes:
        entries += [(lab.collected_at, "lab", lab)
                    for lab in LabResult.objects.of(patient).filter(collected_at__gte=start, collected_at__lt=end)]
    entries.sort(key=lambda entry: entry[0], reverse=True)
    return entries
