"""The reports app's task: draw a patient's charts when their record changes, before anyone looks.

Drawing the charts page (matplotlib) takes about a second; reading it from the cache a few milliseconds
(speciosa.reports.chart_cache). A change to the record enqueues ``draw_charts`` a few seconds after the commit, and
only one per patient while one is waiting, so a burst of writes (a check-in with its questionnaire, an import) draws
once, on the record as it stands after the burst.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.reports.access import Visible
from speciosa.reports.chart_cache import cached, charts_page, default_period, page_key
from speciosa.safety.tasks import enqueue_quietly

DRAW_AFTER_S = 5  # after the write's commit: a burst of writes in these seconds draws once


@db_task(retries=1, retry_delay=30)
def draw_charts(patient_id: int) -> bool:
    """Draws the patient's own charts page for its default period into the cache; False when there was nothing
    to draw (no such patient, or already drawn for this record)."""
    cache.delete(_waiting(patient_id))
    patient = User.objects.filter(pk=patient_id, is_active=True).first()
    if patient is None:
        return False
    with timezone.override(zone_of(patient)):
        start, end = default_period(patient)
        everything = Visible.everything()
        if cached(page_key(patient, start=start, end=end, visible=everything, own=True)) is not None:
            return False
        charts_page(patient, start=start, end=end, visible=everything, own=True)
    return True


def _waiting(patient_id: int) -> str:
    return f"speciosa:charts-waiting:{patient_id}"


def schedule_drawing(patient_id: int) -> bool:
    return enqueue_quietly(lambda: draw_charts.schedule((patient_id,), delay=DRAW_AFTER_S),
                           f"the drawing of patient {patient_id}'s charts")


def draw_after_commit(sender: Any, *, patient: User, **kwargs: Any) -> None:
    """Receiver of patient_record_changed: after the commit, one drawing enqueued per patient while one waits."""
    def enqueue() -> None:
        if cache.add(_waiting(patient.pk), True, timeout=DRAW_AFTER_S * 12):  # the marker outlives a slow queue
            schedule_drawing(patient.pk)

    transaction.on_commit(enqueue)
