"""Phrases several rules must say the same way, so that a patient reads one promise in one voice.

Everything here is the patient's plain first layer (short sentences, everyday words; a test holds the alerts that
use them to a Flesch-Kincaid grade of 8 or less). Clinical terms belong in an alert's ``clinical_message``.

An urgent "stop kratom" action is only safe advice with its consequence attached: after regular use, stopping at once
can bring opioid-like withdrawal within a day (Stanciu 2019 review; Singh 2014 found withdrawal in most daily users),
so every such action ends with ``STOPPING_NOTE``.
"""

from __future__ import annotations

import datetime as dt

STOPPING_NOTE = ("If you take kratom every day, stopping at once can bring withdrawal within a day or two. You may "
                 "have aches, a runny nose, loose stools, poor sleep or cravings. Tell your clinician you are "
                 "stopping so they can help you. Call your local emergency number if you feel very unwell.")

# Jargon the patient's first layer never uses: it belongs to the clinical voice. Matched as whole words.
CLINICAL_TERMS = ("Hy's law", "ULN", "R =", "nR", "CYP3A", "CYP3A4", "CYP2D6", "hERG", "IMMPACT", "95% interval",
                  "DSM-5", "PHQ-4", "PHQ-2", "GAD-2", "SOWS", "QT interval", "leaf-equivalent", "DILI", "INR",
                  "version 1")


def with_stopping_note(action: str) -> str:
    """``action`` followed by the withdrawal warning that must go with any advice to stop kratom."""
    return f"{action.rstrip()} {STOPPING_NOTE}"


def about_leaf(grams: float) -> str:
    """A leaf-equivalent amount as a patient reads it: ``about 12 g of leaf`` (the term is explained once, on the
    page that shows it)."""
    return f"about {grams:.3g} g of leaf" if grams < 10 else f"about {round(grams):g} g of leaf"


def plain_date(day: dt.date | dt.datetime | str) -> str:
    """A date as the first layer says it: ``18 Nov`` (pages show dates in the patient's own format; the alert's text
    is stored, so it uses one short form that reads the same everywhere)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {day:%b} {day.year}"
