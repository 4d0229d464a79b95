"""Template filters for forms, built in to every template (settings.TEMPLATES "builtins").

``choice_labels`` writes a radio or checkbox group's labelled inputs in Python. Django renders every input through
its own template, and the full check-in form has 368 of them: that was most of the page's server time. The markup is
Django's input (``django/forms/widgets/input.html``) inside the label includes/field.html used before.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def choice_labels(field: BoundField) -> SafeString:
    """``<label class="choice" for=…><input …> <span>label</span></label>`` for each choice of ``field``."""
    return format_html_join("", '<label class="choice" for="{}">{} <span>{}</span></label>', (
        (choice.id_for_label, choice_input(choice.data), choice.choice_label) for choice in field))


def choice_input(data: dict) -> SafeString:
    value = data.get("value")
    shown = "" if value is None else format_html(' value="{}"', value)
    return format_html('<input type="{}" name="{}"{}{}>', data["type"], data["name"], shown, flatatt(data["attrs"]))
