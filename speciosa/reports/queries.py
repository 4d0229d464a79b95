"""Everything a charts page or a visit report shows about one patient over a period, read in a fixed few queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.analytics.inputs import PatientData, ScoreRow
from speciosa.core.analytics.summary import PatientOutcomes, summarise
from speciosa.core.plan_days import DayLimits
from speciosa.diary.models import Checkin, Dose, LabResult, Medication
from speciosa.reports.access import Visible
from speciosa.reports.outcomes import patient_data, period_bounds
from speciosa.reports.plans import PlanFacts, daily_limits, plan_on
from speciosa.safety.disclosure import alerts_as_shown
from speciosa.safety.models import StoredAlert
from speciosa.safety.queries import current_alerts, evaluation_pending

PERIODS = (30, 90, 365)  # days a page offers

LABS_SHOWN = 14
NOTES_SHOWN = 20


@dataclass(frozen=True)
class Note:
    at: dt.datetime
    kind: str  # "check-in" or "dose"
    text: str


@dataclass(frozen=True)
class PatientReport:
    patient: User
    start: dt.date
    end: dt.date
    visible: Visible
    data: PatientData
    plan_limits: dict[dt.date, DayLimits]  # each day's limits, for days a plan with a dose limit was in force
    plan: PlanFacts | None
    labs: list[LabResult] = field(default_factory=list)  # newest first
    labs_total: int = 0
    medications: list[Medication] = field(default_factory=list)
    alerts: list[StoredAlert] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    notes_total: int = 0
    alerts_pending: bool = False  # the record changed since its alerts were last evaluated: they may be incomplete

    @property
    def limits(self) -> dict[dt.date, float]:
        """Each day's leaf-equivalent limit, for the charts' limit line."""
        return {day: limits.leaf_equivalent_g for day, limits in self.plan_limits.items()
                if limits.leaf_equivalent_g is not None}

    @cached_property
    def outcomes(self) -> PatientOutcomes:
        """Analytics over the period (computed on first use, so reading and computing can be timed apart)."""
        return summarise(self.data, start=self.start, end=self.end)

    @property
    def scores(self) -> list[ScoreRow]:
        """Questionnaire scores answered within the period, oldest first."""
        return sorted((row for row in self.data.scores if self.start <= self.data.local_day(row.at) <= self.end),
                      key=lambda row: row.at)


def report_data(patient: User, *, start: dt.date, end: dt.date, visible: Visible,
                include_notes: bool = False, baseline_in_period: bool = False) -> PatientReport:
    """The patient's record from local day ``start`` to ``end``, limited to what ``visible`` allows.

    By default analytics reads the record from its beginning, so that the charts page's outcome change compares the
    first week of use with the latest week; with ``baseline_in_period`` (the visit report) it reads the period only,
    so the baseline is the first week with ratings inside it, never a week the report does not cover. Every series,
    chart and table covers the period only.
    """
    data = patient_data(patient, start=start if baseline_in_period else None, end=end, checkins=visible.checkins)
    lower, upper = period_bounds(patient, start=start, end=end)
    labs: list[LabResult] = []
    medications: list[Medication] = []
    labs_total = 0
    if visible.medical:
        in_period = LabResult.objects.of(patient).filter(collected_at__gte=lower, collected_at__lt=upper)
        labs = list(in_period.order_by("collected_at", "code"))
        labs_total = len(labs)
        medications = list(Medication.objects.of(patient).exclude(start__gt=end).exclude(stop__lt=start)
                           .order_by("name"))
    notes: list[Note] = []
    notes_total = 0
    if include_notes and visible.notes:
        notes, notes_total = _notes(patient, lower, upper, checkins=visible.checkins)
    return PatientReport(
        patient=patient, start=start, end=end, visible=visible, data=data,
        plan_limits=daily_limits(patient, start=start, end=end),
        plan=plan_on(patient, end), labs=labs, labs_total=labs_total, medications=medications,
        alerts=alerts_as_shown(current_alerts(patient), details=visible.alert_details), notes=notes, notes_total=notes_total,
        alerts_pending=evaluation_pending(patient))


def _notes(patient: User, lower: dt.datetime, upper: dt.datetime, *, checkins: bool) -> tuple[list[Note], int]:
    found = [Note(at, "dose", text) for at, text in Dose.objects.of(patient).filter(
        taken_at__gte=lower, taken_at__lt=upper).exclude(note="").values_list("taken_at", "note")]
    if checkins:
        found += [Note(at, "check-in", text) for at, text in Checkin.objects.of(patient).filter(
            at__gte=lower, at__lt=upper).exclude(note="").values_list("at", "note")]
    found.sort(key=lambda note: note.at, reverse=True)
    return found[:NOTES_SHOWN], len(found)


def local_today(patient: User, now: dt.datetime) -> dt.date:
    return now.astimezone(zone_of(patient)).date()
