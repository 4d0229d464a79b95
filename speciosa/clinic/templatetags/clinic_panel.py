"""Short forms a clinician's tables need: "13 h ago" that never wraps, and a dose trend as an inline sparkline."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from speciosa.core.charts.sparkline import Trend, sparkline_svg
from speciosa.core.safety.clinical import clinical_line
from speciosa.safety.models import StoredAlert

register = template.Library()


@register.filter
def ago(moment: dt.datetime | None) -> str:
    """The time since ``moment`` in one short unit: "just now", "13 min ago", "13 h ago", "3 d ago", "5 wk ago"."""
    if moment is None:
        return ""
    seconds = max(0, int((timezone.now() - moment).total_seconds()))
    for below, size, unit in ((60, 0, ""), (3600, 60, "min"), (48 * 3600, 3600, "h"), (14 * 86400, 86400, "d"),
                              (365 * 86400, 7 * 86400, "wk")):
        if seconds < below:
            return "just now" if not size else f"{seconds // size}\u00a0{unit} ago"
    return f"{seconds // (365 * 86400)}\u00a0y ago"


@register.filter
def sparkline(trend: Trend | None, label: str = "Daily amount, last 4 weeks") -> SafeString:
    """The trend as inline SVG with its words as the accessible name (the SVG is built from numbers alone and the
    label is escaped, so it is safe to mark)."""
    if trend is None:
        return mark_safe("")
    return mark_safe(sparkline_svg(trend, label=label))  # noqa: S308 - numbers and an escaped label only


@register.filter
def clinical(alert: StoredAlert) -> str:
    """The alert's finding in one clinical line (its title when its evidence says nothing more)."""
    return clinical_line(alert.code, alert.evidence, title=alert.title)
