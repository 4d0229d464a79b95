"""A drawn chart and its two outputs: SVG text to inline in a page, PNG bytes to place in a PDF.

Both outputs are deterministic (fixed SVG ids, no dates in metadata), so the same data always gives the same bytes.
The SVG carries a <title> and <desc> (the text summary) and is labelled by them, so a screen reader announces the
chart as one image with its summary; the numbers themselves travel beside it as ``table``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from matplotlib.figure import Figure

from speciosa.core.charts.style import Layout, drawing

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)  # the XML declaration and DOCTYPE, which cannot sit inside HTML
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
# matplotlib's one <style> element (line joins and caps) would break the content security policy, which refuses
# <style> elements; site.css sets the same two properties on svg.chart.
_STYLE_ELEMENT = re.compile(r"\s*<style\b[^>]*>.*?</style>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(href="#|url\(#)([^")]+)')
_ROOT = re.compile(r"<svg\b([^>]*)>")


@dataclass(frozen=True)
class Table:
    """The numbers a chart shows, for a screen reader or anyone who prefers to read them."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"headers": list(self.headers), "rows": [list(row) for row in self.rows]}


@dataclass(frozen=True)
class Chart:
    key: str  # a short name, unique on a page: "outcomes", "liver" (prefixes the SVG's ids)
    title: str
    summary: str  # what the chart shows, in one or two sentences
    table: Table
    layout: Layout
    figure: Figure = field(compare=False, repr=False)
    empty: bool = False

    def svg(self) -> str:
        """The chart as an inline <svg> element with its title and summary."""
        buffer = io.StringIO()
        with drawing(self.layout, self.key):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return _inline(buffer.getvalue(), self.key, self.title, self.summary)

    def png(self, *, dpi: int = 200) -> bytes:
        buffer = io.BytesIO()
        with drawing(self.layout, self.key):
            self.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "summary": self.summary, "table": self.table.to_dict(),
                "empty": self.empty}


def _inline(svg: str, key: str, title: str, summary: str) -> str:
    svg = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1), count=1)
    svg = _STYLE_ELEMENT.sub("", svg)
    # Several charts share one page: prefix every id (and every reference to one) with the chart's key.
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda match: f'id="{key}-{match.group(1)}"', svg)
    svg = _REFERENCE.sub(lambda match: f"{match.group(1)}{key}-{match.group(2)}"
                         if match.group(2) in ids else match.group(0), svg)
    labels = (f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(summary)}</desc>')
    return _ROOT.sub(lambda match: f'<svg{match.group(1)} class="chart" role="img" '
                                   f'aria-labelledby="{key}-title {key}-desc">{labels}', svg, count=1).strip()
