"""Dates and numbers as a chart's text writes them (no locale: charts read the same on every machine)."""

from __future__ import annotations

import datetime as dt

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MISSING = "–"


def day_words(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_words(first: dt.date, last: dt.date) -> str:
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} to {day_words(last)}"
    return f"{day_words(first)} to {day_words(last)}"


def number(value: float | None, places: int = 1) -> str:
    """One decimal place, without a trailing ".0"; a dash for a missing value."""
    if value is None:
        return MISSING
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
