"""A word-sized line of daily amounts (a sparkline) as inline SVG, with a text label for screen readers.

Plain string building, no plotting library: a panel draws one per row and must stay cheap. The label carries what
the picture shows (first and last week's mean, the change), so the trend reads the same without sight.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from speciosa.core.charts.words import number

WIDTH, HEIGHT, PAD = 96, 24, 2
RISE_PERCENT = 15.0  # a week-over-four-weeks change this large (either way) is named as rising or falling


@dataclass(frozen=True)
class Trend:
    """Daily amounts over a window, oldest first (None: nothing taken that day, drawn as zero)."""

    values: tuple[float, ...]
    unit: str = "g"

    @property
    def first_week(self) -> float | None:
        return _mean(self.values[:7])

    @property
    def last_week(self) -> float | None:
        return _mean(self.values[-7:])

    @property
    def change_percent(self) -> float | None:
        first, last = self.first_week, self.last_week
        if first is None or last is None or first <= 0:
            return None
        return (last - first) / first * 100.0

    @property
    def direction(self) -> str:
        change = self.change_percent
        if change is None:
            return "no doses" if not any(self.values) else "new"
        if change >= RISE_PERCENT:
            return "rising"
        if change <= -RISE_PERCENT:
            return "falling"
        return "steady"

    def words(self) -> str:
        """One line: "rising, first week to last of 28 days: 6.1 → 8.7 g/day (+43%)"."""
        days = len(self.values)
        if not any(self.values):
            return f"no doses in the last {days} days"
        first, last, change = self.first_week, self.last_week, self.change_percent
        span = f"{number(first)} → {number(last)} {self.unit}/day"
        if change is None:
            sign = ""
        elif round(abs(change)) == 0:
            sign = " (±0%)"
        else:
            sign = f" ({'+' if change > 0 else '−'}{number(abs(change), 0)}%)"
        return f"{self.direction}, first week to last of {days} days: {span}{sign}"

    def to_dict(self) -> dict[str, object]:
        return {"daily": [round(value, 2) for value in self.values], "unit": self.unit, "direction": self.direction,
                "first_week_mean": _round(self.first_week), "last_week_mean": _round(self.last_week),
                "change_percent": _round(self.change_percent)}


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def sparkline_svg(trend: Trend, *, label: str) -> str:
    """The trend as an inline SVG (role="img", its label the trend in words); the last day is marked with a dot."""
    values = trend.values
    text = escape(f"{label}: {trend.words()}", quote=True)
    if len(values) < 2 or not any(values):
        return f'<span class="spark-empty">{text}</span>'
    top = max(values) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    points = [(PAD + index * step, HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD))
              for index, value in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return (f'<svg class="spark spark-{trend.direction.replace(" ", "-")}" role="img" aria-label="{text}" '
            f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" focusable="false">'
            f'<title>{text}</title><polyline points="{path}" fill="none" stroke="currentColor" stroke-width="1.5" '
            f'stroke-linejoin="round"/><circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2" fill="currentColor"/></svg>')
