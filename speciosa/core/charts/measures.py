"""One measure per chart, for a phone: pain, mood and the daily dose each on their own axis.

A phone is about 360 px wide: one line on one scale reads at a glance, where two measures running in opposite
directions on one axis (pain, 10 = worst; mood, 10 = best) invite the wrong reading. Each chart states its scale and
which way is better. Periods longer than ``WEEKLY_AFTER_DAYS`` days are drawn as weekly averages (about 13 points
for 90 days), which a small screen resolves; shorter ones by day.

Drawn with fixed margins rather than matplotlib's constrained layout: the charts page draws several of these, and
the layout solver costs more than the drawing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from speciosa.core.analytics.series import Day, Week, weekly_series
from speciosa.core.charts.empty import empty_chart
from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    PHONE,
    SKY_BLUE,
    VERMILLION,
    Layout,
    date_axis,
    drawing,
    few_ticks,
)
from speciosa.core.charts.style import day as day_number
from speciosa.core.charts.words import day_words, number, period_words

WEEKLY_AFTER_DAYS = 45
PLAN_LINE: dict[str, Any] = {"color": BLACK, "linestyle": (0, (5, 3)), "linewidth": 1.3}


@dataclass(frozen=True)
class Measure:
    key: str  # Day's attribute, and the chart's key
    title: str
    scale: str  # what the ends of the scale mean
    better: str  # "lower" or "higher"
    colour: str
    marker: str


MEASURES = {
    "pain": Measure("pain", "Pain", "0 = no pain, 10 = worst", "lower", VERMILLION, "o"),
    "mood": Measure("mood", "Mood", "0 = very low, 10 = very good", "higher", GREEN, "^"),
}


@dataclass(frozen=True)
class Point:
    x: float
    label: str
    value: float | None


def weekly(days: Sequence[Day]) -> bool:
    return len(days) > WEEKLY_AFTER_DAYS


def rating_chart(days: Sequence[Day], *, measure: str, plan_changes: Sequence[dt.date] = (),
                 layout: Layout = PHONE) -> Chart:
    """One 0-10 rating over ``days`` (analytics' daily series), by day or by week, plan changes marked."""
    spec = MEASURES[measure]
    if not days or all(getattr(day, measure) is None for day in days):
        return empty_chart(measure, spec.title, f"No {spec.title.lower()} ratings in this period yet.", layout=layout)
    by_week = weekly(days)
    points = _points(days, lambda day: getattr(day, measure), lambda week: getattr(week, measure), by_week)
    with drawing(layout, measure):
        figure, axes = _figure(layout, spec.title, f"{spec.scale} ({spec.better} is better)",
                               _how(days, by_week))
        # A day or week without a rating is a gap in the line, not a straight line drawn across it.
        xs = [point.x for point in points]
        ys = [math.nan if point.value is None else point.value for point in points]
        axes.plot(xs, ys, color=spec.colour, marker=spec.marker, linewidth=2.2, markersize=6 if by_week else 4)
        axes.set_ylim(0, 10.4)
        axes.set_yticks([0, 5, 10])
        _finish(axes, days, plan_changes)
    rated = [value for day in days if (value := getattr(day, measure)) is not None]
    summary = (f"{spec.title} ({spec.scale}; {spec.better} is better), {_how(days, by_week)}, "
               f"{period_words(days[0].day, days[-1].day)}: rated on {len(rated)} of {len(days)} days, from "
               f"{number(min(rated))} to {number(max(rated))}, average {number(sum(rated) / len(rated))}.")
    table = Table(headers=("Week of" if by_week else "Day", spec.title),
                  rows=tuple((point.label, number(point.value)) for point in points))
    return Chart(key=measure, title=spec.title, summary=summary, table=table, layout=layout, figure=figure)


def dose_chart(days: Sequence[Day], *, limits: Mapping[dt.date, float] | None = None,
               plan_changes: Sequence[dt.date] = (), layout: Layout = PHONE) -> Chart:
    """Leaf-equivalent grams a day (the week's daily average for long periods), the plan's limit as a line."""
    key, title = "dose", "Daily amount"
    if not any(day.doses for day in days):
        return empty_chart(key, title, "No doses logged in this period yet.", layout=layout)
    by_week = weekly(days)
    points = _points(days, lambda day: day.leaf_g, lambda week: week.leaf_g_per_day, by_week)
    with drawing(layout, key):
        figure, axes = _figure(layout, title, "Grams of leaf (or its equivalent) a day", _how(days, by_week))
        axes.bar([point.x for point in points], [point.value or 0.0 for point in points],
                 width=5.5 if by_week else 0.8, color=SKY_BLUE, edgecolor=BLUE, linewidth=0.4)
        limit_days = [day.day for day in days if limits and limits.get(day.day) is not None]
        if limits and limit_days:
            axes.step([day_number(day) for day in limit_days], [limits[day] for day in limit_days], where="mid",
                      color=BLACK, linewidth=1.8)
            last = limit_days[-1]
            axes.annotate(f"plan limit {number(limits[last])} g", (day_number(last), limits[last]),
                          xytext=(-4, 4), textcoords="offset points", ha="right", va="bottom", color=BLACK,
                          fontsize=layout.font_pt * 0.8)
        axes.set_ylim(bottom=0)
        few_ticks(axes, count=3, integer=True)
        _finish(axes, days, plan_changes)
    dosed = [day for day in days if day.doses]
    leaf = [day.leaf_g for day in dosed if day.doses > day.unconverted_doses]
    summary = f"Daily amount, {_how(days, by_week)}, {period_words(days[0].day, days[-1].day)}: doses on " \
              f"{len(dosed)} of {len(days)} days"
    if leaf:
        summary += f", on average {number(sum(leaf) / len(leaf))} g a day on those days (most {number(max(leaf))} g)"
    table = Table(headers=("Week of" if by_week else "Day", "Grams a day" + (" (average)" if by_week else "")),
                  rows=tuple((point.label, number(point.value)) for point in points))
    return Chart(key=key, title=title, summary=summary + ".", table=table, layout=layout, figure=figure)


def _how(days: Sequence[Day], by_week: bool) -> str:
    return "weekly averages" if by_week else "by day"


def _points(days: Sequence[Day], daily: Callable[[Day], float | None], per_week: Callable[[Week], float | None],
            by_week: bool) -> list[Point]:
    if not by_week:
        return [Point(day_number(day.day), day_words(day.day), daily(day)) for day in days]
    first, last = days[0].day, days[-1].day
    # A week's point sits mid-week, but never outside the period (the first and last weeks may be partial).
    return [Point(day_number(min(max(week.start + dt.timedelta(days=3), first), last)), day_words(week.start),
                  per_week(week)) for week in weekly_series(days)]


def _figure(layout: Layout, title: str, scale: str, how: str) -> tuple[Figure, Any]:
    height = layout.height * 0.8
    figure = Figure(figsize=(layout.width, height))
    inch = 1 / height
    figure.subplots_adjust(left=0.11, right=0.97, top=1 - 0.78 * inch, bottom=0.45 * inch)
    axes = figure.add_subplot()
    figure.text(0.015, 1 - 0.1 * inch, title, ha="left", va="top", fontweight="bold",
                fontsize=layout.font_pt * 1.15)
    figure.text(0.015, 1 - 0.42 * inch, f"{scale}; {how}", ha="left", va="top", color=GREY,
                fontsize=layout.font_pt * 0.8)
    return figure, axes


def _finish(axes: Any, days: Sequence[Day], plan_changes: Sequence[dt.date]) -> None:
    first, last = days[0].day, days[-1].day
    for change in plan_changes:
        if first <= change <= last:
            axes.axvline(day_number(change), **PLAN_LINE)
    axes.set_xlim(day_number(first - dt.timedelta(days=1)), day_number(last + dt.timedelta(days=1)))
    date_axis(axes)
