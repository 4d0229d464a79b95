"""How the pages write numbers: no trailing zeros (3 g, not 3.000 g), rounded to what the figure can bear."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone

from speciosa.core.safety.wording import about_leaf as about_leaf_words
from speciosa.diary.enums import Grade, SideEffect, WithdrawalSymptom

register = template.Library()


@register.filter
def plain_number(value: object, places: int = 3) -> str:
    """``value`` rounded to ``places`` decimals, without trailing zeros; empty for None."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@register.filter
def about_leaf(grams: object) -> str:
    """A leaf-equivalent amount in the patient's words: ``about 3 g of leaf``; empty for None."""
    if grams is None or grams == "":
        return ""
    return about_leaf_words(float(str(grams)))


@register.filter
def dose_unit(unit: str, amount: object = None) -> str:
    """``g``, ``mg`` and ``ml`` as written; a counted unit in the singular or plural (1 capsule, 2 capsules)."""
    if unit in ("capsule", "tablet"):
        return unit if plain_number(amount) == "1" else f"{unit}s"
    return unit


@register.filter
def graded(grades: dict[str, int], group: str) -> str:
    """Symptom grades in words, in the form's order: ``Nausea: mild, Headache: moderate``."""
    symptoms = SideEffect if group == "side_effects" else WithdrawalSymptom
    return ", ".join(f"{symptom.label}: {Grade(grades[symptom.value]).label.lower()}"
                     for symptom in symptoms if grades.get(symptom.value) in Grade.values)


@register.filter
def undo_dose_id(extra_tags: str) -> int | None:
    """The dose a success message offers to undo (its tags carry ``undo-<id>``, see diary.views.today.logged)."""
    for tag in str(extra_tags or "").split():
        if tag.startswith("undo-") and tag[5:].isdigit():
            return int(tag[5:])
    return None


@register.filter
def logged_ago(created_at: dt.datetime) -> str:
    """``1 minute ago``, ``2 minutes ago``: how long since a dose was logged, in whole minutes (at least one)."""
    minutes = max(1, round((timezone.now() - created_at).total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
