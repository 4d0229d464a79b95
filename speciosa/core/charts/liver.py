"""Liver tests as multiples of each draw's upper limit of normal (×ULN), with dashed lines at 2×, 3× and 5×.

The lines are the thresholds of the drug-induced liver injury criteria a clinician applies: ALT ≥ 5× ULN, or
ALT ≥ 3× ULN with bilirubin > 2× ULN, or ALP ≥ 2× ULN (Aithal et al., Clin Pharmacol Ther 2011;89:806,
doi:10.1038/clpt.2011.58; U.S. FDA guidance "Drug-Induced Liver Injury: Premarketing Clinical Evaluation", 2009,
https://www.fda.gov/regulatory-information/search-fda-guidance-documents/drug-induced-liver-injury-premarketing-clinical-evaluation).
The chart only marks the thresholds; the safety rules (speciosa.core.safety.rules.liver) apply them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from speciosa.core.charts.empty import empty_chart
from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PHONE,
    PURPLE,
    VERMILLION,
    Layout,
    date_axis,
    day,
    days,
    drawing,
    few_ticks,
    figure_title,
    new_figure,
)
from speciosa.core.charts.words import day_words, number, period_words

KEY = "liver"
TITLE = "Liver tests (× upper limit of normal)"
THRESHOLDS = (2.0, 3.0, 5.0)
# code -> (colour, line style, marker), in the order the legend lists them
SERIES = {
    "ALT": (VERMILLION, "-", "o"),
    "AST": (BLUE, "--", "s"),
    "ALP": (GREEN, "-.", "^"),
    "GGT": (PURPLE, ":", "D"),
    "TBIL": (ORANGE, "-", "v"),
}
NAMES = {"ALT": "ALT", "AST": "AST", "ALP": "ALP", "GGT": "GGT", "TBIL": "Bilirubin"}


@dataclass(frozen=True)
class LabPoint:
    code: str  # ALT, AST, ALP, GGT or TBIL (INR has no ULN and is not drawn)
    day: dt.date
    times_uln: float


def liver_chart(points: Sequence[LabPoint], *, start: dt.date, end: dt.date, layout: Layout = PHONE) -> Chart:
    drawn = sorted((point for point in points if point.code in SERIES), key=lambda point: (point.day, point.code))
    if not drawn:
        return empty_chart(KEY, TITLE, "No liver test results with an upper limit of normal in this period.",
                           layout=layout)
    by_code: dict[str, list[LabPoint]] = defaultdict(list)
    for point in drawn:
        by_code[point.code].append(point)
    highest = max(point.times_uln for point in drawn)
    with drawing(layout, KEY):
        figure = new_figure(layout.scaled(layout.height * 1.1))
        axes = figure.subplots()
        figure_title(figure, axes, TITLE, f"{period_words(start, end)}; dashed: 2×, 3×, 5×")
        axes.axhline(1.0, color=GREY, linewidth=1.0)
        for threshold in THRESHOLDS:
            axes.axhline(threshold, color=BLACK, linewidth=1.1, linestyle=(0, (5, 3)))
        for code in SERIES:
            if code in by_code:
                colour, style, marker = SERIES[code]
                series = by_code[code]
                axes.plot(days([point.day for point in series]), [point.times_uln for point in series], color=colour,
                          linestyle=style, marker=marker, label=NAMES[code], markersize=7)
        top = max(6.0, highest * 1.15)
        axes.set_ylim(0, top)
        axes.set_xlim(day(start - dt.timedelta(days=1)), day(end + dt.timedelta(days=1)))
        for threshold, label in ((1.0, "ULN"), *((value, f"{value:g}×") for value in THRESHOLDS)):
            axes.annotate(label, xy=(1.0, threshold), xycoords=("axes fraction", "data"), xytext=(3, 0),
                          textcoords="offset points", va="center", ha="left", color=GREY,
                          fontsize=layout.font_pt * 0.85)
        axes.set_ylabel("× ULN")
        few_ticks(axes, count=4, integer=True)
        date_axis(axes)
        figure.legend(loc="outside lower center", ncols=min(5 if layout.width > 6 else 3, len(by_code)))
    return Chart(key=KEY, title=TITLE, summary=_summary(by_code), table=_table(drawn), layout=layout,
                 figure=figure)


def _summary(by_code: dict[str, list[LabPoint]]) -> str:
    latest = [f"{NAMES[code]} {number(by_code[code][-1].times_uln)}× ULN on {day_words(by_code[code][-1].day)}"
              for code in SERIES if code in by_code]
    peak = max((point for series in by_code.values() for point in series), key=lambda point: point.times_uln)
    over = [f"{value:g}×" for value in THRESHOLDS if peak.times_uln >= value]
    reached = (f"; it reached the {over[-1]} line" if over else "; below the 2× line")
    return (f"Latest results: {', '.join(latest)}. Highest: {NAMES[peak.code]} {number(peak.times_uln)}× ULN "
            f"on {day_words(peak.day)}{reached}.")


def _table(points: Sequence[LabPoint]) -> Table:
    return Table(headers=("Day", "Test", "× ULN"),
                 rows=tuple((day_words(point.day), NAMES[point.code], number(point.times_uln, 2))
                            for point in points))
