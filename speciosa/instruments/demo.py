"""Questionnaire answers for the synthetic demo patients, derived from their simulated check-ins.

Each demo patient answers the PEG weekly and the PHQ-4 every two weeks, from the evening of their first week on.
Answers follow the week's check-ins (pain and function for the PEG, mood for the PHQ-4) with a little noise, then are
scored by the core like any other response. Deterministic for a seed (through the check-ins).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections.abc import Sequence
from typing import Any

from speciosa.core import instruments
from speciosa.instruments.models import Response, Schedule

DEMO_SCHEDULE = {"peg": "weekly", "phq4": "biweekly"}
EVERY_DAYS = {"peg": 7, "phq4": 14}


def demo_responses(patient: Any, checkins: Sequence[Any], *, number: int) -> list[Response]:
    """Unsaved Response rows for a demo patient; ``checkins`` have ``at`` and ``ratings`` (0-10), oldest first."""
    if not checkins:
        return []
    rng = random.Random(f"speciosa-demo:questionnaires:{number}")  # the check-ins already follow the demo's seed
    first = checkins[0].at
    rows = []
    for instrument_id, every in EVERY_DAYS.items():
        moment = first + dt.timedelta(days=every)
        while moment <= checkins[-1].at:
            week = [c.ratings for c in checkins if moment - dt.timedelta(days=7) < c.at <= moment]
            if week and rng.random() < 0.9:  # now and then a questionnaire is missed
                answers = _answers(instrument_id, week, rng)
                result = instruments.score(instrument_id, answers)
                rows.append(Response(patient=patient, instrument=instrument_id,
                                     version=instruments.get(instrument_id).version, at=moment, answers=answers,
                                     score=result.score, band=result.band or "", subscores=dict(result.subscores)))
            moment += dt.timedelta(days=every)
    return sorted(rows, key=lambda row: row.at)


def demo_schedule(patient: Any) -> list[Schedule]:
    return [Schedule(patient=patient, instrument=key, frequency=value) for key, value in DEMO_SCHEDULE.items()]


def _mean(week: list[dict[str, int]], name: str, default: float) -> float:
    values = [ratings[name] for ratings in week if ratings.get(name) is not None]
    return statistics.fmean(values) if values else default


def _clamp(value: float, high: int) -> int:
    return max(0, min(high, round(value)))


def _answers(instrument_id: str, week: list[dict[str, int]], rng: random.Random) -> list[int]:
    pain = _mean(week, "pain_avg_24h", 5)
    function = _mean(week, "function", 5)
    mood = _mean(week, "mood", 5)
    if instrument_id == "peg":
        return [_clamp(pain + rng.gauss(0, 0.5), 10), _clamp(10 - mood + rng.gauss(0, 0.8), 10),
                _clamp(10 - function + rng.gauss(0, 0.8), 10)]
    low = (10 - mood) / 3  # mood 10 = best: a low mood shows as more days bothered
    return [_clamp(low + rng.gauss(-0.3, 0.6), 3) for _ in range(4)]
