"""Charts a person would rather look at than read, drawn the same for pages (SVG) and reports (PNG).

Plain data in (analytics' series, lab points, score series), a ``Chart`` out with ``svg()``, ``png()``, a text summary
and the numbers as a table. matplotlib with the Agg backend: no display, no network, no clock.
"""

from speciosa.core.charts.empty import NO_DATA, empty_chart
from speciosa.core.charts.liver import LabPoint, liver_chart
from speciosa.core.charts.outcomes import outcome_chart
from speciosa.core.charts.render import Chart, Table
from speciosa.core.charts.scores import Band, ScorePoint, ScoreSeries, score_chart
from speciosa.core.charts.side_effects import side_effect_chart
from speciosa.core.charts.style import PHONE, PRINT, Layout

__all__ = ["NO_DATA", "PHONE", "PRINT", "Band", "Chart", "LabPoint", "Layout", "ScorePoint", "ScoreSeries", "Table",
           "empty_chart", "liver_chart", "outcome_chart", "score_chart", "side_effect_chart"]
