"""``{% today_alert_cards user as cards %}``: the signed-in patient's alerts as Today's cards (speciosa.safety.today),
for the diary's Today page, which cannot import the safety app."""

from __future__ import annotations

from typing import Any

from django import template

from speciosa.safety.lists import alerts_with_status
from speciosa.safety.today import TodayCard, today_cards

register = template.Library()


@register.simple_tag
def today_alert_cards(user: Any) -> list[TodayCard]:
    if not getattr(user, "is_patient", False):
        return []
    return today_cards(user, alerts_with_status(user))
