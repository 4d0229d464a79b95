"""LongSelect writes the same <select> as Django's own widget, only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from speciosa.lib.forms import LongSelect

CHOICES = [("", "Not stated"), ("America/New_York", "America/New_York"), ("x&y", "<b>odd</b> & 'quoted'")]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, help_text="Days follow this zone.")
    ours = forms.ChoiceField(choices=CHOICES, help_text="Days follow this zone.", widget=LongSelect)


@pytest.mark.parametrize("data", [None, {"django": "x&y", "ours": "x&y"}, {"django": "nope", "ours": "nope"}])
def test_the_markup_is_djangos(data):
    form = Both(data, initial={"django": "America/New_York", "ours": "America/New_York"})
    if data:
        form.is_valid()
    ours = str(form["ours"]).replace("ours", "django")
    assert parse_html(ours) == parse_html(str(form["django"]))
