from __future__ import annotations

from django import forms

from speciosa.lib.forms import DateInput


class TimelineRangeForm(forms.Form):
    """Which week the timeline shows: the seven days ending on ``until`` (default: today)."""

    until = forms.DateField(label="Show the week ending", required=False, widget=DateInput())
