"""Reads of a patient's questionnaire responses, shared by pages, API, reports and the snapshot."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, QuerySet

from speciosa.accounts.models import User
from speciosa.core.analytics.inputs import ScoreRow
from speciosa.instruments.models import Response, Schedule


def responses_of(patient: User, *, instrument: str | None = None) -> QuerySet[Response]:
    """The patient's live responses, newest first."""
    found = Response.objects.of(patient)
    if instrument:
        found = found.filter(instrument=instrument)
    return found.order_by("-at", "-id")


def last_answered(patient: User) -> dict[str, dt.datetime]:
    """When each instrument was last answered (one query)."""
    rows = Response.objects.of(patient).values("instrument").annotate(last=Max("at"))
    return {row["instrument"]: row["last"] for row in rows}


def score_rows(patient: User, *, start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[ScoreRow]:
    """Scores for analytics and charts, oldest first; ``start`` inclusive, ``end`` exclusive."""
    found = Response.objects.of(patient)
    if start is not None:
        found = found.filter(at__gte=start)
    if end is not None:
        found = found.filter(at__lt=end)
    return [ScoreRow(instrument=instrument, at=at, score=score, band=band or None)
            for instrument, at, score, band in found.order_by("at", "id").values_list("instrument", "at", "score",
                                                                                     "band")]


def own_schedule(patient: User) -> dict[str, str]:
    """The schedule the patient chose (a plan in force may override it): ``{instrument: frequency}``."""
    return dict(Schedule.objects.filter(patient=patient).values_list("instrument", "frequency"))
