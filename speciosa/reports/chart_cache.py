"""The charts page's drawn charts (and its headline), kept per patient, period and viewer's scope until the patient's record changes.

Drawing a chart (matplotlib) costs far more than reading the data, and a record changes far less often than it is
looked at. So the drawing is done when the record changes, not when someone next looks: a change enqueues
``reports.tasks.draw_charts`` (a few seconds later, so a burst of writes draws once), which draws the patient's own
charts page for its default period into the cache. On the embedded default the queue's workers run inside the web
process and share its cache; a deployment's gunicorn processes each keep their own (Django's in-process cache), so
there the first look after a change still draws. The cache key holds the patient's record stamp (speciosa.reports.models.RecordStamp), renewed by the
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
from django.db import connection
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.charts import Chart, Table
from speciosa.lib.statements import Statements, run_or_add
from speciosa.reports.access import Visible
from speciosa.reports.figures import phone_charts_of
from speciosa.reports.models import RecordStamp
from speciosa.reports.periods import DEFAULT_DAYS, last_days
from speciosa.reports.queries import report_data
from speciosa.reports.summary import ChangeRow, Headline, change_rows, pain_headline

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


_STAMPS = RecordStamp._meta.db_table
_RENEW_STAMP_SQL = (f"INSERT INTO {_STAMPS} (patient_id, stamp) VALUES (%s, %s) "
                    "ON CONFLICT (patient_id) DO UPDATE SET stamp = excluded.stamp")


def renew_stamp(sender: Any, *, patient: User, statements: Statements | None = None, **kwargs: Any) -> None:
    """Receiver of patient_record_changed: one upsert, sent with the writer's other ``statements`` when it collects
    them (speciosa.lib.statements).

    Every write runs this, so it is one plain statement, as safety's pending mark is: compiling the ORM's UPDATE
    cost six times the statement itself (benchmarks/bench_log_dose.py).
    """
    stamp = RecordStamp._meta.get_field("stamp").get_db_prep_value(uuid.uuid4(), connection)
    run_or_add(_RENEW_STAMP_SQL, [patient.pk, stamp], statements)


def stamp_of(patient: User) -> uuid.UUID:
    stamp, _ = RecordStamp.objects.get_or_create(patient_id=patient.pk)
    return stamp.stamp


@dataclass(frozen=True)
class ChartsPage:
    """Everything the charts page computes from the record: the drawn charts, the headline and the change rows."""

    charts: tuple[DrawnChart, ...]
    headline: Headline | None
    changes: tuple[ChangeRow, ...]


def build_charts_page(patient: User, *, start: dt.date, end: dt.date, visible: Visible, own: bool) -> ChartsPage:
    """Draws the page: one chart per measure for a phone, the pain headline and the change rows (own: in the
    patient's words, "your pain"; otherwise the clinician's)."""
    report = report_data(patient, start=start, end=end, visible=visible)
    changes = report.outcomes.changes
    return ChartsPage(charts=tuple(DrawnChart.of(chart) for chart in phone_charts_of(report)),
                      headline=pain_headline(changes["pain"], own=own) if visible.checkins else None,
                      changes=tuple(change_rows(changes)) if visible.checkins else ())


def page_key(patient: User, *, start: dt.date, end: dt.date, visible: Visible, own: bool) -> str:
    scope = f"{visible.key()}{int(own)}"
    return f"speciosa:charts:{patient.pk}:{stamp_of(patient)}:{start.isoformat()}:{end.isoformat()}:{scope}"


def cached(key: str) -> ChartsPage | None:
    found = cache.get(key)
    return found if isinstance(found, ChartsPage) else None


def default_period(patient: User) -> tuple[dt.date, dt.date]:
    """The period the charts page opens on (the last DEFAULT_DAYS days, today in the patient's time zone)."""
    today = timezone.now().astimezone(zone_of(patient)).date()
    return last_days(DEFAULT_DAYS, today=today)


def charts_page(patient: User, *, start: dt.date, end: dt.date, visible: Visible, own: bool,
                build: Callable[[], ChartsPage] | None = None) -> ChartsPage:
    """The page for this record, period and viewer's scope: from the cache when drawn before, else drawn (by
    ``build``, ``build_charts_page`` by default) and kept. "own" changes the headline's words, so it is part of the
    scope the page is kept under."""
    key = page_key(patient, start=start, end=end, visible=visible, own=own)
    found = cached(key)
    if found is not None:
        return found
    page = (build or (lambda: build_charts_page(patient, start=start, end=end, visible=visible, own=own)))()
    cache.set(key, page, TIMEOUT_S)
    return page
