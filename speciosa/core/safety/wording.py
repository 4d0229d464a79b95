"""Phrases several rules must say the same way, so that a patient reads one promise in one voice.

An urgent "stop kratom" action is only safe advice with its consequence attached: after regular use, stopping at once
can bring opioid-like withdrawal within a day (Stanciu 2019 review; Singh 2014 found withdrawal in most daily users),
so every such action ends with ``STOPPING_NOTE``.
"""

from __future__ import annotations

STOPPING_NOTE = ("If you have been taking kratom every day, stopping at once can bring withdrawal within a day or two "
                 "(aches, restlessness, runny nose, diarrhoea, trouble sleeping, cravings): tell your clinician you "
                 "are stopping so they can help you through it, and call your local emergency number if you feel "
                 "very unwell.")


def with_stopping_note(action: str) -> str:
    """``action`` followed by the withdrawal warning that must go with any advice to stop kratom."""
    return f"{action.rstrip()} {STOPPING_NOTE}"
