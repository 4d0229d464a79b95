"""From the database to analytics' input: one patient's doses, check-ins and scores over a period of local days.

Three queries read flat rows (no model instances), so two years of diary load in a few milliseconds; see
benchmarks/bench_report.py.
"""

from __future__ import annotations

import datetime as dt

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData
from speciosa.core.analytics.series import daily_series
from speciosa.diary.models import Checkin, Dose
from speciosa.instruments.queries import score_rows
from speciosa.lib.tz import day_bounds
from speciosa.reports.plans import plan_change_dates_of
from speciosa.reports.summary import DoseSummary, dose_summary

RECENT_DAYS = 28


def period_bounds(patient: User, *, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The instants at which the patient's local day ``start`` begins and ``end`` ends."""
    zone = zone_of(patient)
    return day_bounds(start, zone)[0], day_bounds(end, zone)[1]


def patient_data(patient: User, *, start: dt.date | None, end: dt.date, checkins: bool = True) -> PatientData:
    """The patient's doses, check-ins and questionnaire scores from local day ``start`` to ``end`` inclusive.

    ``start=None`` reads from the first record, so that analytics' baseline is the first week of use.
    ``checkins=False`` leaves out check-ins and scores (for a clinician whose share does not include them).
    """
    lower, upper = period_bounds(patient, start=start or end, end=end)
    if start is None:
        lower = dt.datetime.min.replace(tzinfo=dt.UTC)
    doses = tuple(
        DoseRow(taken_at=taken_at, leaf_g=leaf_g, mitragynine_mg=mitragynine_mg, product=product, strain=strain)
        for taken_at, leaf_g, mitragynine_mg, product, strain in
        Dose.objects.of(patient).filter(taken_at__gte=lower, taken_at__lt=upper).order_by("taken_at")
        .values_list("taken_at", "leaf_equivalent_g", "mitragynine_mg", "product__name", "product__strain"))
    rows: tuple[CheckinRow, ...] = ()
    if checkins:
        rows = tuple(
            CheckinRow(at=at, pain=pain_avg if pain_avg is not None else pain_now, function=function, mood=mood,
                       energy=energy, sleep=sleep, side_effects=side_effects or {})
            for at, pain_avg, pain_now, function, mood, energy, sleep, side_effects in
            Checkin.objects.of(patient).filter(at__gte=lower, at__lt=upper).order_by("at")
            .values_list("at", "pain_avg_24h", "pain_now", "function", "mood", "energy", "sleep_quality",
                         "side_effects"))
    scores = tuple(score_rows(patient, start=lower, end=upper)) if checkins else ()
    return PatientData(time_zone=str(zone_of(patient)), doses=doses, checkins=rows, scores=scores,
                       plan_changes=tuple(plan_change_dates_of(patient)))


def recent_doses(patient: User, *, today: dt.date, days: int = RECENT_DAYS) -> DoseSummary:
    """The visit report's dose figures for the last ``days`` local days, ``today`` (the patient's) included: what a
    clinician sets a new limit beside. Days are counted in the patient's time zone."""
    start = today - dt.timedelta(days=days - 1)
    data = patient_data(patient, start=start, end=today, checkins=False)
    return dose_summary(daily_series(data, start=start, end=today), {})
