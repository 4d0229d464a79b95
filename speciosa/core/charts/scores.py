"""Questionnaire scores over time, one panel per instrument, on the instrument's own scale with its bands shaded.

The bands come from the instrument's definition (the caller passes them, so this module knows no instrument);
shading runs from light (the lowest band) to darker, one hue, so the order reads without relying on colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from speciosa.core.charts.empty import empty_chart
from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.style import (
    BAND_SHADES,
    BLACK,
    GREY,
    PHONE,
    Layout,
    date_axis,
    day,
    days,
    drawing,
    few_ticks,
    new_figure,
)
from speciosa.core.charts.words import day_words, number, period_words

KEY = "scores"
TITLE = "Questionnaire scores"
MAX_PANELS = 5


@dataclass(frozen=True)
class Band:
    """A band's region runs from ``low`` up to the next band's ``low`` (the last one to the scale's maximum).

    For a whole-number score, put ``low`` half a point under the band's first score (PHQ-4 "mild", 3-5: 2.5), so
    each score sits inside its band rather than on a boundary.
    """

    label: str
    low: float


@dataclass(frozen=True)
class ScorePoint:
    day: dt.date
    score: float
    band: str | None = None  # as the instrument's scoring named it; else read from the bands drawn


@dataclass(frozen=True)
class ScoreSeries:
    instrument: str  # the instrument's id, "phq4"
    title: str  # as people know it, "PHQ-4 (anxiety and depression)"
    minimum: float
    maximum: float
    points: tuple[ScorePoint, ...]  # oldest first
    bands: tuple[Band, ...] = ()  # lowest first
    higher_is_worse: bool = True


def score_chart(series: Sequence[ScoreSeries], *, start: dt.date, end: dt.date, layout: Layout = PHONE) -> Chart:
    shown = [one for one in series if one.points][:MAX_PANELS]
    if not shown:
        return empty_chart(KEY, TITLE, "No questionnaires answered in this period.", layout=layout)
    with drawing(layout, KEY):
        figure = new_figure(layout.scaled(0.6 + 1.75 * len(shown) * layout.font_pt / 12))
        panels = figure.subplots(len(shown), 1, sharex=True, squeeze=False)[:, 0]
        figure.suptitle(TITLE, x=0.01, ha="left", fontweight="bold")
        for axes, one in zip(panels, shown, strict=True):
            _panel(axes, one, layout)
        panels[-1].set_xlim(day(start - dt.timedelta(days=1)), day(end + dt.timedelta(days=1)))
        date_axis(panels[-1])
    return Chart(key=KEY, title=TITLE, summary=_summary(shown, start, end), table=_table(shown), layout=layout,
                 figure=figure)


def _panel(axes, one: ScoreSeries, layout: Layout) -> None:
    direction = "higher is worse" if one.higher_is_worse else "higher is better"
    axes.set_title(f"{one.title}, {number(one.minimum)}-{number(one.maximum)}, {direction}", loc="left",
                   fontweight="normal", fontsize=layout.font_pt * 0.9, color=BLACK)
    for index, (low, high, label) in enumerate(_band_spans(one)):
        shade = BAND_SHADES[min(index, len(BAND_SHADES) - 1)]
        axes.axhspan(low, high, color=shade, linewidth=0, zorder=0)
        axes.annotate(label, xy=(1.0, (low + high) / 2), xycoords=("axes fraction", "data"), xytext=(3, 0),
                      textcoords="offset points", va="center", ha="left", color=GREY,
                      fontsize=layout.font_pt * 0.75)
    axes.plot(days([point.day for point in one.points]), [point.score for point in one.points], color=BLACK, marker="o",
              markersize=6, linewidth=1.6)
    padding = (one.maximum - one.minimum) * 0.04
    axes.set_ylim(one.minimum - padding, one.maximum + padding)
    axes.grid(False)
    few_ticks(axes, count=3)


def _band_spans(one: ScoreSeries) -> list[tuple[float, float, str]]:
    bands = sorted(one.bands, key=lambda band: band.low)
    spans = []
    for index, band in enumerate(bands):
        low = one.minimum if index == 0 else band.low
        high = one.maximum if index == len(bands) - 1 else bands[index + 1].low
        spans.append((max(low, one.minimum), min(high, one.maximum), band.label))
    return spans


def _band_of(one: ScoreSeries, score: float) -> str:
    found = ""
    for low, _, label in _band_spans(one):
        if score >= low:
            found = label
    return found


def _summary(shown: Sequence[ScoreSeries], start: dt.date, end: dt.date) -> str:
    parts = []
    for one in shown:
        latest = one.points[-1]
        band = latest.band or _band_of(one, latest.score)
        parts.append(f"{one.title}: {len(one.points)} answered, latest {number(latest.score)}"
                     f"{f' ({band})' if band else ''} on {day_words(latest.day)}")
    return f"{period_words(start, end)}. " + "; ".join(parts) + "."


def _table(shown: Sequence[ScoreSeries]) -> Table:
    rows = tuple((day_words(point.day), one.title, number(point.score), point.band or _band_of(one, point.score))
                 for one in shown for point in one.points)
    return Table(headers=("Day", "Questionnaire", "Score", "Band"), rows=rows)
