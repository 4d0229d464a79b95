"""``{% questionnaires_due user as due %}``: the questionnaires due today for the Today page."""

from __future__ import annotations

from typing import Any

from django import template

from speciosa.accounts.queries import today_of
from speciosa.core.instruments import all_instruments
from speciosa.instruments.schedules import Due, due_today

register = template.Library()


@register.simple_tag
def questionnaires_due(user: Any) -> list[Due]:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_patient", False):
        return []
    return due_today(user, today=today_of(user))


@register.filter
def band_words(band: str) -> str:
    return band.replace("_", " ") if band else ""


def _subscale_titles() -> dict[str, str]:
    return {subscale.id: subscale.title for instrument in all_instruments() for subscale in instrument.subscales}


_SUBSCALES = _subscale_titles()


@register.filter
def subscore_lines(subscores: Any) -> list[str]:
    """A response's subscores in words: "Anxiety (GAD-2) 3, positive screen", "criteria met: 1, 2, 5"."""
    if not isinstance(subscores, dict):
        return []
    lines = []
    for name, value in subscores.items():
        if name in _SUBSCALES:
            screen = subscores.get(f"{name}_screen")
            lines.append(f"{_SUBSCALES[name]} {value:g}" + (f", {screen} screen" if screen else ""))
        elif name == "criteria_met":
            lines.append(f"criteria met: {value or 'none'}")
    return lines


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
