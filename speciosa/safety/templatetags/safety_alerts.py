"""Alerts inside the diary's pages (today, timeline) without the diary's views knowing about the safety app,
and the plain words for the engine's codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from speciosa.accounts.queries import zone_of
from speciosa.core.safety.registry import Rule
from speciosa.lib.tz import day_bounds, local_day
from speciosa.safety.cards import AlertCard, cards_of
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.models import StoredAlert
from speciosa.safety.queries import evaluation_pending
from speciosa.safety.wording import EVIDENCE_LEVEL_WORDS, GRADE_WORDS, VERDICT_WORDS, paragraphs, words_for

register = template.Library()


@register.simple_tag
def current_alerts_of(user: Any) -> list[StoredAlert]:
    """The signed-in patient's open and acknowledged alerts, most severe first; nothing for anyone else."""
    if not getattr(user, "is_patient", False):
        return []
    return list(alerts_with_status(user))


@register.simple_tag
def evaluation_pending_of(user: Any) -> bool:
    """Whether the signed-in patient's alerts are being checked after a change (never "no alerts" meanwhile)."""
    return bool(getattr(user, "is_patient", False)) and evaluation_pending(user)


@register.filter
def alert_cards(alerts: list[StoredAlert]) -> list[AlertCard]:
    """Alerts as the cards a person reads: the alerts one event raised become one card (speciosa.safety.cards)."""
    return cards_of(alerts)


@register.simple_tag
def days_with_alerts(days: list[tuple[dt.date, list]], user: Any, first: dt.date, until: dt.date
                     ) -> list[tuple[dt.date, list, list[StoredAlert]]]:
    """The timeline's (day, entries) with the alerts first seen on each day added, newest day first.

    A day with an alert but nothing recorded still appears, so no alert is left off the timeline.
    """
    if not getattr(user, "is_patient", False):
        return [(day, entries, []) for day, entries in days]
    zone = zone_of(user)
    start, end = day_bounds(first, zone)[0], day_bounds(until, zone)[1]
    by_day: dict[dt.date, list[StoredAlert]] = {}
    for alert in alerts_with_status(user, "all").filter(first_seen__gte=start, first_seen__lt=end).order_by("rank", "first_seen", "code"):
        by_day.setdefault(local_day(alert.first_seen, zone), []).append(alert)
    entries_of = dict(days)
    return [(day, entries_of.get(day, []), by_day.get(day, []))
            for day in sorted(set(entries_of) | set(by_day), reverse=True)]


@register.filter
def evidence_level_words(code: str) -> str:
    return words_for(EVIDENCE_LEVEL_WORDS, str(code))


@register.filter
def verdict_words(code: str) -> str:
    return words_for(VERDICT_WORDS, str(code))


@register.filter
def grade_words(code: str) -> str:
    return words_for(GRADE_WORDS, str(code))


@register.filter
def severity_words(severities: Any) -> str:
    """``urgent`` → ``Urgent``; a rule's tuple of severities → ``Warning or urgent``."""
    codes = [str(severities)] if isinstance(severities, str) else [str(code) for code in severities]
    text = " or ".join(codes)
    return text[:1].upper() + text[1:]


@register.filter
def rule_section(rule: Rule, name: str) -> list[str]:
    """One section of a rule's documentation (What it checks, Why, Known limits) as paragraphs."""
    return paragraphs(rule.section(name))
