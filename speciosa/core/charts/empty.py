"""The figure shown where a chart has nothing to draw yet: its title and a plain sentence, never empty axes."""

from __future__ import annotations

from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.style import GREY, PHONE, Layout, drawing, new_figure

NO_DATA = "No data yet"


def empty_chart(key: str, title: str, message: str, *, layout: Layout = PHONE) -> Chart:
    with drawing(layout, key):
        figure = new_figure(layout.scaled(layout.height * 0.6))
        figure.suptitle(title, x=0.01, ha="left", fontweight="bold")
        figure.text(0.5, 0.5, NO_DATA, ha="center", va="center", color=GREY, fontsize=layout.font_pt * 1.3)
        figure.text(0.5, 0.22, message, ha="center", va="center", color=GREY, fontsize=layout.font_pt * 0.85,
                    wrap=True)
    return Chart(key=key, title=title, summary=f"{NO_DATA}. {message}", table=Table(headers=(), rows=()),
                 layout=layout, figure=figure, empty=True)
