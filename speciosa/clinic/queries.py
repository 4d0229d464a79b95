"""Querysets of shares in force, reused by access checks, the panel and the sharing pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from speciosa.accounts.models import User
from speciosa.clinic.models import ClinicalNote, NotesRead, Share


def active_shares(now: dt.datetime) -> QuerySet[Share]:
    """Accepted, not revoked, not expired at ``now``."""
    return Share.objects.filter(accepted_at__isnull=False, revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def shares_given_by(patient: User) -> QuerySet[Share]:
    """Every share the patient made, newest first, with its clinician (for the sharing page and API)."""
    return Share.objects.filter(patient=patient).select_related("clinician").order_by("-created_at", "-pk")


def unread_notes_of(patient: User) -> QuerySet[ClinicalNote]:
    """The patient's notes written since the patient last opened their sharing page (all of them if never), newest
    first."""
    read = NotesRead.objects.filter(patient=patient).values_list("read_at", flat=True).first()
    notes = ClinicalNote.objects.filter(patient=patient).select_related("author").order_by("-created_at", "-pk")
    return notes if read is None else notes.filter(created_at__gt=read)


def notes_on(patient: User, *, viewer: User) -> QuerySet[ClinicalNote]:
    """Clinical notes on ``patient`` that ``viewer`` may read: all of them for the patient, a clinician's own.

    Callers check first that a clinician still holds an active share.
    """
    notes = ClinicalNote.objects.filter(patient=patient).select_related("author")
    return notes if viewer.pk == patient.pk else notes.filter(author=viewer)
