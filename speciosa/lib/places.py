"""Picking a place or a time zone by typing a few letters of its name: a text box with a list of suggestions (an
HTML datalist, which phones and desktop browsers search as one types, with no script), read back to the code.

A patient never has to know that Alabama is ``US-AL``: the box shows "Alabama, United States" and the form stores the
code. A code typed by someone who knows it is accepted too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from speciosa.core.jurisdictions import history, known_codes, parent_codes, validate_code
from speciosa.lib.tz import valid_time_zones

# The federal entry's name says "(federal)"; in a place's full name the country is just the country.
COUNTRY_NAMES = {"US": "United States"}


class DatalistInput(forms.TextInput):
    """A text box with its suggestions: ``<input list=...>`` followed by its ``<datalist>``."""

    def __init__(self, options: list[str], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.options = options

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
               ) -> SafeString:
        list_id = f"{(attrs or {}).get('id') or name}_options"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((option,) for option in self.options))
        return format_html("{}<datalist id=\"{}\">{}</datalist>", box, list_id, options)


def _name_of(code: str) -> str:
    entries = history(code)
    return COUNTRY_NAMES.get(code) or (entries[-1].name if entries else code)


@cache
def place_names() -> dict[str, str]:
    """Every place Speciosa holds legal data for, code -> its full name ("San Diego, California, United States"),
    sorted by name."""
    names = {code: ", ".join(_name_of(part) for part in parent_codes(code)) for code in known_codes()}
    return dict(sorted(names.items(), key=lambda item: item[1]))


def place_label(code: str) -> str:
    """A code's full name for the text box; a code we hold no data for stays as typed."""
    return place_names().get(code, code)


class PlaceField(forms.CharField):
    """Where the patient lives, typed by name (or by code); cleans to the code, or "" when left empty."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 120)
        super().__init__(widget=DatalistInput(list(place_names().values())), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return place_label(value) if isinstance(value, str) and value in place_names() else value

    def to_python(self, value: Any) -> str:
        text = " ".join(str(super().to_python(value)).split())
        if not text:
            return ""
        by_name = {name.casefold(): code for code, name in place_names().items()}
        short = {_name_of(code).casefold(): code for code in place_names()}
        found = by_name.get(text.casefold()) or short.get(text.casefold())
        if found:
            return found
        if validate_code(text.upper()):
            return text.upper()
        raise ValidationError(f"No place called “{text}” in the list. Type a few letters of your country, state "
                              "or city and pick it from the suggestions.", code="unknown_place")


class TimeZoneField(forms.CharField):
    """An IANA time zone, typed with suggestions (America/New_York). The sign-up and welcome pages fill it from the
    browser's own zone with a short script (static/speciosa/time-zone.js)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(widget=DatalistInput(sorted(valid_time_zones()), attrs={"data-browser-zone": ""}), **kwargs)

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value)).strip()
        if text and text not in valid_time_zones():
            matches = {zone.casefold(): zone for zone in valid_time_zones()}
            if text.replace(" ", "_").casefold() not in matches:
                raise ValidationError(f"“{text}” is not a time zone in the list. Type your city or region, such as "
                                      "New York or Europe/London, and pick it from the suggestions.",
                                      code="unknown_zone")
            text = matches[text.replace(" ", "_").casefold()]
        return text
