"""The charts of a patient's report, the same set for the page (SVG) and the visit report (PNG)."""

from __future__ import annotations

from collections import defaultdict

from speciosa.accounts.queries import zone_of
from speciosa.core import instruments
from speciosa.core.charts import (
    PHONE,
    Band,
    Chart,
    LabPoint,
    Layout,
    ScorePoint,
    ScoreSeries,
    liver_chart,
    outcome_chart,
    score_chart,
    side_effect_chart,
)
from speciosa.core.charts.measures import dose_chart, rating_chart
from speciosa.core.errors import InputError
from speciosa.core.instruments import Scoring
from speciosa.diary.enums import SideEffect
from speciosa.reports.queries import PatientReport


def charts_of(report: PatientReport, *, layout: Layout, combined: bool = True) -> list[Chart]:
    """Pain and dose (the visit report's combined chart, unless ``combined`` is False); then, as far as the viewer
    may see them, side effects, liver tests and questionnaires."""
    outcomes = report.outcomes
    charts = ([outcome_chart(outcomes.days, plan_changes=outcomes.plan_changes, limits=report.limits, layout=layout)]
              if combined else [])
    if report.visible.checkins:
        charts.append(side_effect_chart(outcomes.side_effects, names=dict(SideEffect.choices), layout=layout))
    if report.visible.medical:
        charts.append(liver_chart(lab_points(report), start=report.start, end=report.end, layout=layout))
    if report.visible.checkins:
        charts.append(score_chart(score_series(report), start=report.start, end=report.end, layout=layout))
    return charts


def phone_charts_of(report: PatientReport) -> list[Chart]:
    """The charts page's set, for a phone: pain, mood and the daily amount each on its own chart (weekly averages
    beyond 45 days), then side effects, liver tests and questionnaires as far as the viewer may see them."""
    outcomes, layout = report.outcomes, PHONE
    changes = outcomes.plan_changes
    charts = []
    if report.visible.checkins:
        charts += [rating_chart(outcomes.days, measure=measure, plan_changes=changes, layout=layout)
                   for measure in ("pain", "mood")]
    charts.append(dose_chart(outcomes.days, limits=report.limits, plan_changes=changes, layout=layout))
    return charts + charts_of(report, layout=layout, combined=False)


def lab_points(report: PatientReport) -> list[LabPoint]:
    zone = zone_of(report.patient)
    return [LabPoint(code=lab.code, day=lab.collected_at.astimezone(zone).date(), times_uln=times_uln)
            for lab in report.labs if (times_uln := lab.times_uln) is not None]


def score_series(report: PatientReport) -> list[ScoreSeries]:
    """One series per questionnaire answered in the period, in the registry's order, on its own scale and bands."""
    by_instrument = defaultdict(list)
    for row in report.scores:
        by_instrument[row.instrument].append(ScorePoint(day=report.data.local_day(row.at), score=row.score,
                                                        band=row.band))
    series = []
    for instrument in instruments.all_instruments():
        points = by_instrument.get(instrument.id)
        if not points:
            continue
        whole = instrument.scoring in (Scoring.SUM, Scoring.COUNT)  # shade whole-number bands from half a point below
        bands = tuple(Band(label=band.name, low=band.minimum - (0.5 if whole and index else 0.0))
                      for index, band in enumerate(instrument.bands))
        series.append(ScoreSeries(instrument=instrument.id, title=instrument.short_title,
                                  minimum=instrument.minimum, maximum=instrument.maximum,
                                  points=tuple(sorted(points, key=lambda point: point.day)), bands=bands))
    return series


def instrument_title(instrument_id: str) -> str:
    try:
        return instruments.get(instrument_id).short_title
    except InputError:
        return instrument_id
