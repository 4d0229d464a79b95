"""How every chart looks: a colour-blind-safe palette, large type, few ticks, and one lock around matplotlib.

Colours come from the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays distinguishable
with the common colour-vision deficiencies; every series also differs in line style or marker, so no meaning rests on
colour alone. Type is DejaVu Sans, which ships with matplotlib, so a chart looks the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: charts are drawn to SVG text and PNG bytes only

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#595959"  # text and reference lines: 7:1 on white
LIGHT_GREY = "#D9D9D9"

# Band shading, lightest first, one hue (sequential palettes stay ordered for every kind of colour vision).
BAND_SHADES = ("#F2F7FB", "#DCEAF5", "#BDD7EC", "#9CC3E2", "#7BAFD8")


@dataclass(frozen=True)
class Layout:
    """A chart's size in inches and its base type size in points.

    ``PHONE`` suits a page: drawn about 460 px wide, it shrinks to a phone's width with text still about 12 px.
    ``PRINT`` suits an A4 page 180 mm wide.
    """

    width: float
    height: float
    font_pt: float

    def scaled(self, height: float) -> Layout:
        """The same layout with another height (multi-panel charts grow downwards)."""
        return Layout(width=self.width, height=height, font_pt=self.font_pt)


PHONE = Layout(width=4.8, height=3.6, font_pt=13)
PRINT = Layout(width=7.2, height=3.0, font_pt=10)

_LOCK = threading.RLock()  # rcParams are process-wide: one chart is drawn or saved at a time


def rc_params(layout: Layout, salt: str) -> dict[str, Any]:
    size = layout.font_pt
    return {
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": size,
        "axes.titlesize": size * 1.15,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": size,
        "axes.labelcolor": GREY,
        "axes.edgecolor": GREY,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": LIGHT_GREY,
        "grid.linewidth": 0.8,
        "xtick.labelsize": size * 0.9,
        "ytick.labelsize": size * 0.9,
        "xtick.color": GREY,
        "ytick.color": GREY,
        "legend.fontsize": size * 0.85,
        "legend.frameon": False,
        "lines.linewidth": 2.0,
        "lines.markersize": 5.5,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        # Deterministic output: fixed ids in SVG, text kept as text (smaller, readable by search and screen readers).
        "svg.hashsalt": f"speciosa-{salt}",
        "svg.fonttype": "none",
        "path.simplify": True,
    }


@contextmanager
def drawing(layout: Layout, salt: str) -> Iterator[None]:
    """Holds the chart lock with the house style in force (for building a figure and for saving it)."""
    with _LOCK, matplotlib.rc_context(cast(Any, rc_params(layout, salt))):
        yield


def new_figure(layout: Layout) -> Figure:
    # Figure, not pyplot: no global registry of open figures, so nothing leaks between requests.
    return Figure(figsize=(layout.width, layout.height), layout="constrained")


def days(values: Sequence[dt.date]) -> list[float]:
    """Dates as matplotlib's day numbers (what its axes hold)."""
    return [float(date2num(value)) for value in values]


def day(value: dt.date) -> float:
    return float(date2num(value))


def date_axis(axes: Axes) -> None:
    locator = AutoDateLocator(minticks=3, maxticks=5)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False))


def few_ticks(axes: Axes, *, count: int = 4, integer: bool = False) -> None:
    axes.yaxis.set_major_locator(MaxNLocator(nbins=count, integer=integer, min_n_ticks=2))


def figure_title(figure: Figure, top: Axes, title: str, subtitle: str = "") -> None:
    """The title at the top left in bold, and under it, in grey, a line saying what the chart covers."""
    figure.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=matplotlib.rcParams["axes.titlesize"])
    if subtitle:
        top.set_title(subtitle, loc="left", fontweight="normal", color=GREY,
                      fontsize=matplotlib.rcParams["font.size"] * 0.85)
