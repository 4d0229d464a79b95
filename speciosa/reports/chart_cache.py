"""The charts page's drawn charts (and its headline), kept per patient, period and viewer's scope until the patient's record changes.

Drawing a chart (matplotlib) costs far more than reading the data, and a record changes far less often than it is
looked at. The cache key holds the patient's record stamp (speciosa.reports.models.RecordStamp), renewed by the
record-changed signal inside the writing transaction, so a cached chart is never older than the record: any change
(a dose, a check-in, a lab, a plan version, a questionnaire, the time zone) makes every old entry unreachable, in
every process. Entries hold drawn SVG text only; Django's cache (in-process by default) keeps them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from speciosa.accounts.models import User
from speciosa.core.charts import Chart, Table
from speciosa.reports.models import RecordStamp
from speciosa.reports.summary import ChangeRow, Headline

TIMEOUT_S = 24 * 60 * 60


@dataclass(frozen=True)
class DrawnChart:
    """What the page shows of a chart: its SVG, summary and numbers (the figure itself is not kept)."""

    key: str
    title: str
    summary: str
    table: Table
    svg: str
    empty: bool

    @classmethod
    def of(cls, chart: Chart) -> DrawnChart:
        return cls(key=chart.key, title=chart.title, summary=chart.summary, table=chart.table, svg=chart.svg(),
                   empty=chart.empty)


def renew_stamp(sender: Any, *, patient: User, **kwargs: Any) -> None:
    """Receiver of patient_record_changed: one UPDATE (an INSERT the first time)."""
    if not RecordStamp.objects.filter(patient_id=patient.pk).update(stamp=uuid.uuid4()):
        RecordStamp.objects.get_or_create(patient_id=patient.pk)


def stamp_of(patient: User) -> uuid.UUID:
    stamp, _ = RecordStamp.objects.get_or_create(patient_id=patient.pk)
    return stamp.stamp


@dataclass(frozen=True)
class ChartsPage:
    """Everything the charts page computes from the record: the drawn charts, the headline and the change rows."""

    charts: tuple[DrawnChart, ...]
    headline: Headline | None
    changes: tuple[ChangeRow, ...]


def charts_page(patient: User, *, start: dt.date, end: dt.date, scope: str,
                build: Callable[[], ChartsPage]) -> ChartsPage:
    """``build()``'s page, from the cache when this record, period and scope were built before."""
    key = f"speciosa:charts:{patient.pk}:{stamp_of(patient)}:{start.isoformat()}:{end.isoformat()}:{scope}"
    found = cache.get(key)
    if isinstance(found, ChartsPage):
        return found
    page = build()
    cache.set(key, page, TIMEOUT_S)
    return page
