"""LongSelect and choice_labels write the same markup as Django's own widgets and templates, only faster."""

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from speciosa.lib.form_tags import choice_labels
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


class Choices(forms.Form):
    pain = forms.TypedChoiceField(choices=[(n, str(n)) for n in range(11)], coerce=int, widget=forms.RadioSelect,
                                  required=False, help_text="0 = none")
    effects = forms.MultipleChoiceField(choices=[("nausea", "Nausea"), ("itch", "Itch & <rash>")],
                                        widget=forms.CheckboxSelectMultiple, required=False)


DJANGO_LOOP = Template('{% for choice in field %}<label class="choice" for="{{ choice.id_for_label }}">'
                       '{{ choice.tag }} <span>{{ choice.choice_label }}</span></label>{% endfor %}')


@pytest.mark.parametrize("data", [None, {"pain": "7", "effects": ["itch"]}, {"pain": "eleven"}])
@pytest.mark.parametrize("name", ["pain", "effects"])
def test_choice_labels_write_what_djangos_templates_write(name, data):
    form = Choices(data, initial={"pain": 3})
    if data:
        form.is_valid()
    field = form[name]
    assert parse_html(choice_labels(field)) == parse_html(DJANGO_LOOP.render(Context({"field": field})))
