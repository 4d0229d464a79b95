"""Pain and PEG over time above the daily leaf-equivalent dose, with the days the plan changed marked (the visit
report's chart; the charts page draws one measure per chart, speciosa.core.charts.measures).

Mood is not drawn here: on a 0-10 axis where pain and PEG are better low, mood (better high) would run the other way
and invite the wrong reading. It stays in the summary and the table of numbers.

Two panels sharing the time axis read more easily on a phone than two y-axes on one panel: ratings (0-10) on top,
grams below. Longer periods (more than ``WEEKLY_AFTER_DAYS`` days) are drawn as weekly averages, which a small screen
can still resolve.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from speciosa.core.analytics.series import Day, weekly_series
from speciosa.core.charts.empty import empty_chart
from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.style import (
    BLACK,
    BLUE,
    PHONE,
    SKY_BLUE,
    VERMILLION,
    Layout,
    date_axis,
    drawing,
    few_ticks,
    figure_title,
    new_figure,
)
from speciosa.core.charts.style import day as day_number
from speciosa.core.charts.style import days as day_numbers
from speciosa.core.charts.words import day_words, number, period_words

KEY = "outcomes"
TITLE = "Pain and dose"
WEEKLY_AFTER_DAYS = 100
# (field, legend label, colour, line style, marker)
RATINGS = (
    ("pain", "Pain (0 none, 10 worst)", VERMILLION, "-", "o"),
    ("peg", "PEG (0-10, lower is better)", BLUE, "--", "s"),
)
PLAN_LINE: dict[str, Any] = {"color": BLACK, "linestyle": (0, (5, 3)), "linewidth": 1.3}


def outcome_chart(days: Sequence[Day], *, plan_changes: Sequence[dt.date] = (),
                  limits: Mapping[dt.date, float] | None = None, layout: Layout = PHONE) -> Chart:
    """Ratings and daily dose over ``days`` (from analytics' daily series), plan changes as vertical lines.

    ``limits`` maps a day to the plan's leaf-equivalent limit that day, drawn as a step line when given.
    """
    if not any(day.logged for day in days):
        return empty_chart(KEY, TITLE, "No doses or check-ins recorded in this period yet.", layout=layout)
    first, last = days[0].day, days[-1].day
    weekly = len(days) > WEEKLY_AFTER_DAYS
    points = _weekly_points(days) if weekly else _daily_points(days)
    changes = sorted(day for day in plan_changes if first <= day <= last)
    with drawing(layout, KEY):
        figure = new_figure(layout.scaled(layout.height * 1.45))
        top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        subtitle = f"{period_words(first, last)}, {'weekly averages' if weekly else 'by day'}"
        figure_title(figure, top, TITLE, subtitle)
        handles: list[Line2D | Patch] = []
        for name, label, colour, style, marker in RATINGS:
            values = [_nan(point[name]) for point in points]
            if all(math.isnan(value) for value in values):
                continue
            (line,) = top.plot([point["x"] for point in points], values, color=colour, linestyle=style,
                               marker=marker, label=label)
            handles.append(line)
        top.set_ylim(0, 10.4)
        top.set_yticks([0, 5, 10])
        top.set_ylabel("0-10, lower is better")
        width = 5.5 if weekly else 0.8
        bars = bottom.bar([point["x"] for point in points], [point["leaf_g"] for point in points], width=width,
                          color=SKY_BLUE, edgecolor=BLUE, linewidth=0.4,
                          label="Leaf-eq. g a day" + (" (weekly mean)" if weekly else ""))
        handles.append(bars)
        if limits:
            limit_days = [day.day for day in days if limits.get(day.day) is not None]
            if limit_days:
                (limit_line,) = bottom.step(day_numbers(limit_days), [limits[day] for day in limit_days], where="mid",
                                            color=BLACK, linewidth=1.8, label="Plan limit")
                handles.append(limit_line)
        bottom.set_ylabel("g a day")
        bottom.set_ylim(bottom=0)
        few_ticks(bottom, count=3, integer=True)
        for change in changes:
            for axes in (top, bottom):
                axes.axvline(day_number(change), **PLAN_LINE)
        if changes:
            handles.append(Line2D([], [], label="Plan changed", **PLAN_LINE))
        bottom.set_xlim(day_number(first - dt.timedelta(days=1)), day_number(last + dt.timedelta(days=1)))
        date_axis(bottom)
        figure.legend(handles=handles, loc="outside lower center", ncols=2)
    return Chart(key=KEY, title=TITLE, summary=_summary(days, changes), table=_table(points, weekly),
                 layout=layout, figure=figure)


def _daily_points(days: Sequence[Day]) -> list[dict]:
    return [{"x": day_number(day.day), "label": day_words(day.day), "leaf_g": day.leaf_g, "pain": day.pain, "peg": day.peg,
             "mood": day.mood} for day in days]


def _weekly_points(days: Sequence[Day]) -> list[dict]:
    return [{"x": day_number(week.start + dt.timedelta(days=3)), "label": f"week of {day_words(week.start)}",
             "leaf_g": week.leaf_g_per_day, "pain": week.pain, "peg": week.peg, "mood": week.mood}
            for week in weekly_series(days)]


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def _summary(days: Sequence[Day], changes: Sequence[dt.date]) -> str:
    dosed = [day for day in days if day.doses]
    leaf = [day.leaf_g for day in dosed if day.doses > day.unconverted_doses]  # 7-OH-only days have no grams
    parts = [f"{period_words(days[0].day, days[-1].day)}: doses on {len(dosed)} of {len(days)} days"]
    if leaf:
        parts[0] += (f", on average {number(sum(leaf) / len(leaf))} g leaf-equivalent on days with leaf doses "
                     f"(most {number(max(leaf))} g)")
    unconverted = sum(day.unconverted_doses for day in days)
    if unconverted:
        parts.append(f"{unconverted} dose{'s' if unconverted != 1 else ''} of 7-OH products "
                     f"{'have' if unconverted != 1 else 'has'} no leaf equivalent and {'are' if unconverted != 1 else 'is'} "
                     "not in the bars")
    for name, label in (("pain", "Pain"), ("peg", "PEG"), ("mood", "Mood")):
        values = [value for day in days if (value := getattr(day, name)) is not None]
        if values:
            parts.append(f"{label} ranged from {number(min(values))} to {number(max(values))} "
                         f"(mean {number(sum(values) / len(values))}, {len(values)} days rated)")
    if changes:
        parts.append("The plan changed on " + ", ".join(day_words(day) for day in changes))
    return ". ".join(parts) + "."


def _table(points: list[dict], weekly: bool) -> Table:
    rows = tuple((point["label"], number(point["leaf_g"]), number(point["pain"]), number(point["peg"]),
                  number(point["mood"])) for point in points)
    leaf = "Leaf-eq. g a day (mean)" if weekly else "Leaf-eq. g"
    return Table(headers=("Week" if weekly else "Day", leaf, "Pain", "PEG", "Mood"), rows=rows)
