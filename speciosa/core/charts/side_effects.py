"""Side effects by the day's dose band: the share of days with each symptom, with its 95% interval.

Input is analytics' ``by_dose_band`` (bands low < 5 g, moderate 5-15 g, high > 15 g leaf-equivalent a day, with
their sources there). Bars are grouped by symptom, one per band that has days; each band also has its own hatch, so
the bands stay apart in greyscale print and for every kind of colour vision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from speciosa.core.analytics.side_effects import BandSummary
from speciosa.core.charts.empty import empty_chart
from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.style import (
    BLACK,
    GREY,
    ORANGE,
    PHONE,
    SKY_BLUE,
    VERMILLION,
    Layout,
    drawing,
    figure_title,
    new_figure,
)
from speciosa.core.charts.words import number

KEY = "side-effects"
TITLE = "Side effects by daily dose"
MAX_SYMPTOMS = 6
BAND_STYLE = {"low": (SKY_BLUE, ""), "moderate": (ORANGE, "//"), "high": (VERMILLION, "xx")}
BAND_SHORT = {"low": "Under 5 g", "moderate": "5-15 g", "high": "Over 15 g"}


def side_effect_chart(bands: Sequence[BandSummary], *, names: Mapping[str, str] | None = None,
                      layout: Layout = PHONE) -> Chart:
    """``names`` maps a symptom's code to the words people use ("loss_of_appetite" -> "Loss of appetite")."""
    shown = [band for band in bands if band.days]
    counts: dict[str, int] = {}
    for band in shown:
        for item in band.symptoms:
            counts[item.symptom] = counts.get(item.symptom, 0) + item.days.count
    symptoms = [symptom for symptom, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if count]
    symptoms = symptoms[:MAX_SYMPTOMS]
    if not shown:
        return empty_chart(KEY, TITLE, "No days with both a dose and a check-in in this period.", layout=layout)

    def label(symptom: str) -> str:
        return (names or {}).get(symptom) or symptom.replace("_", " ").capitalize()

    rows = symptoms or ["(none reported)"]
    with drawing(layout, KEY):
        figure = new_figure(layout.scaled(1.5 + 0.32 * len(rows) * len(shown) * layout.font_pt / 12))
        axes = figure.subplots()
        figure_title(figure, axes, TITLE, "% of days with it; lines: 95% interval")
        height = 0.8 / len(shown)
        highest: list[float] = []
        for index, band in enumerate(shown):
            colour, hatch = BAND_STYLE.get(band.band, (SKY_BLUE, ""))
            frequencies = {item.symptom: item.days for item in band.symptoms}
            values, low_err, high_err = [], [], []
            for symptom in symptoms:
                days = frequencies.get(symptom)
                share = days.proportion if days is not None and days.proportion is not None else 0.0
                values.append(100 * share)
                # Intervals are drawn where the symptom occurred (a bare line beside no bar reads as a bar); the
                # table gives every interval. max(0, ...): rounding can put a bound a hair past the share itself.
                if days is not None and days.count > 0:
                    low_err.append(max(0.0, 100 * (share - (days.low or 0.0))))
                    high_err.append(max(0.0, 100 * ((days.high or 0.0) - share)))
                else:
                    low_err.append(0.0)
                    high_err.append(0.0)
            highest += [value + error for value, error in zip(values, high_err, strict=True)]
            positions = [row + (index - (len(shown) - 1) / 2) * height for row in range(len(symptoms))]
            axes.barh(positions, values, height=height * 0.9, color=colour, hatch=hatch, edgecolor=BLACK,
                      linewidth=0.4, xerr=[low_err, high_err], error_kw={"ecolor": GREY, "elinewidth": 0.9},
                      label=f"{BAND_SHORT.get(band.band, band.label)} ({band.days} days)")
        axes.set_yticks(range(len(rows)), [label(symptom) for symptom in rows] if symptoms else rows)
        axes.invert_yaxis()
        reach = max([0.0, *highest])
        right = next(limit for limit in (20, 40, 60, 100) if reach <= limit)  # small shares stay readable
        axes.set_xlim(0, right)
        ticks = [0, right // 2, right]
        axes.set_xticks(ticks, [f"{tick}%" for tick in ticks])
        axes.grid(True, axis="x")
        axes.grid(False, axis="y")
        figure.legend(loc="outside lower center", ncols=min(3, len(shown)))
    return Chart(key=KEY, title=TITLE, summary=_summary(shown, symptoms, label), table=_table(shown, symptoms, label),
                 layout=layout, figure=figure)


def _summary(shown: Sequence[BandSummary], symptoms: Sequence[str], label) -> str:
    parts = []
    for band in shown:
        share = band.any_symptom.proportion
        text = f"{BAND_SHORT.get(band.band, band.label)}: {band.days} days, any side effect on {band.any_symptom.count}"
        if share is not None:
            text += f" ({number(100 * share, 0)}%)"
        top = [item for item in band.symptoms if item.days.count][:2]
        if top:
            text += ", most often " + " and ".join(label(item.symptom).lower() for item in top)
        parts.append(text)
    if not symptoms:
        parts.append("No side effect was reported on these days")
    return "Days with a dose and a check-in, by the day's leaf-equivalent total. " + "; ".join(parts) + "."


def _table(shown: Sequence[BandSummary], symptoms: Sequence[str], label) -> Table:
    rows = []
    for symptom in symptoms:
        cells = [label(symptom)]
        for band in shown:
            days = next((item.days for item in band.symptoms if item.symptom == symptom), None)
            cells.append(_share_words(days.count, days.n, days.low, days.high) if days else "0")
        rows.append(tuple(cells))
    headers = ("Symptom", *(f"{BAND_SHORT.get(band.band, band.label)} ({band.days} days)" for band in shown))
    return Table(headers=headers, rows=tuple(rows))


def _share_words(count: int, n: int, low: float | None, high: float | None) -> str:
    if not n:
        return "–"
    interval = f" (95% CI {number(100 * (low or 0), 0)}-{number(100 * (high or 0), 0)}%)" if low is not None else ""
    return f"{count} of {n} days, {number(100 * count / n, 0)}%{interval}"
