"""What an instrument is, as data: items with their response options, scoring, bands, sources, licence, codes.

Every instrument here is answered with whole numbers (the value of the chosen option), so an answer list is a plain
list of integers wherever it travels: the API, the command line, the database and the snapshot.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from speciosa.core.codes import LOINC, Code
from speciosa.core.errors import InputError
from speciosa.core.evidence import Source


class Scoring(StrEnum):
    SUM = "sum"  # the total of the answers
    MEAN = "mean"  # the mean of the answers
    COUNT = "count"  # how many answers are "yes" (1)


class Frequency(StrEnum):
    """How often a questionnaire is due. The words are the ones a schedule stores."""

    DAILY = "daily"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Option:
    value: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label}


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    options: tuple[Option, ...]
    loinc: str | None = None  # the item's LOINC question code, where one is known (see Instrument.loinc_status)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "options": [option.to_dict() for option in self.options], "loinc": self.loinc}


@dataclass(frozen=True, slots=True)
class Band:
    """An interpretation band: scores from ``minimum`` up to the next band's minimum."""

    minimum: float
    name: str
    meaning: str

    def to_dict(self) -> dict[str, Any]:
        return {"minimum": self.minimum, "name": self.name, "meaning": self.meaning}


@dataclass(frozen=True, slots=True)
class Subscale:
    """A subscale: the sum of some items (by index), and the total at which a screen counts as positive."""

    id: str
    title: str
    items: tuple[int, ...]
    positive_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "items": list(self.items), "positive_at": self.positive_at}


@dataclass(frozen=True, slots=True)
class Score:
    instrument: str
    version: str
    score: float
    band: str | None
    subscores: Mapping[str, float | str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"instrument": self.instrument, "score": self.score, "band": self.band,
                "subscores": dict(self.subscores)}


@dataclass(frozen=True, slots=True)
class Instrument:
    """One validated questionnaire. ``bands`` are in ascending order of minimum; empty when the instrument's
    publication gives none (a score without a band is better than a band nobody validated)."""

    id: str
    version: str
    title: str
    short_title: str
    purpose: str
    instructions: str
    items: tuple[Item, ...]
    scoring: Scoring
    sources: tuple[Source, ...]
    licence: str
    freely_usable: bool
    suggested_frequency: Frequency
    bands: tuple[Band, ...] = ()
    band_sources: tuple[Source, ...] = ()
    subscales: tuple[Subscale, ...] = ()
    loinc_panel: str | None = None
    loinc_score: str | None = None
    loinc_status: str = "No LOINC code is known for this instrument."
    adaptation: str = ""  # how the wording here differs from the published form, if it does
    limits: str = ""  # what a reader of the score should keep in mind

    @property
    def minimum(self) -> float:
        lows = [min(item.values) for item in self.items]
        return self._aggregate(lows)

    @property
    def maximum(self) -> float:
        highs = [max(item.values) for item in self.items]
        return self._aggregate(highs)

    @property
    def codes(self) -> tuple[Code, ...]:
        """The LOINC codes of the panel and of the score, as Code triples (see ``loinc_status`` for how sure)."""
        found = []
        if self.loinc_panel:
            found.append(Code(LOINC, self.loinc_panel, f"{self.short_title} panel"))
        if self.loinc_score:
            found.append(Code(LOINC, self.loinc_score, f"{self.short_title} score"))
        return tuple(found)

    def check_answers(self, answers: Any) -> tuple[int, ...]:
        """The answers as whole numbers, or InputError naming the first bad one (``answers[3]``)."""
        if isinstance(answers, str | bytes | Mapping) or not isinstance(answers, Sequence):
            raise InputError("answers", f"expected a list of {len(self.items)} answers")
        expected, got = len(self.items), len(answers)
        if got != expected:
            # Name the first item that is missing, or the first answer with no item to go to.
            where = f"answers[{min(got, expected)}]"
            problem = "is missing" if got < expected else "has no item to answer"
            raise InputError(where, f"{problem}: {self.short_title} has {expected} items; "
                                    f"{got} answer{'' if got == 1 else 's'} given")
        return tuple(_check_answer(answer, item, f"answers[{index}]") for index, (answer, item)
                     in enumerate(zip(answers, self.items, strict=True)))

    def score(self, answers: Any) -> Score:
        checked = self.check_answers(answers)
        total = self._aggregate(checked)
        subscores: dict[str, float | str] = {}
        if self.scoring is Scoring.COUNT:  # which items were answered yes, numbered from 1 as on the form
            subscores["criteria_met"] = ", ".join(str(index + 1) for index, value in enumerate(checked) if value == 1)
        for subscale in self.subscales:
            value = float(sum(checked[index] for index in subscale.items))
            subscores[subscale.id] = value
            if subscale.positive_at is not None:
                subscores[f"{subscale.id}_screen"] = "positive" if value >= subscale.positive_at else "negative"
        return Score(instrument=self.id, version=self.version, score=total, band=self.band_of(total),
                     subscores=subscores)

    def band_of(self, score: float) -> str | None:
        found = None
        for band in self.bands:
            if score >= band.minimum:
                found = band.name
        return found

    def band_meaning(self, name: str | None) -> str:
        return next((band.meaning for band in self.bands if band.name == name), "")

    def _aggregate(self, values: Sequence[int]) -> float:
        if self.scoring is Scoring.MEAN:
            return round(sum(values) / len(values), 2)
        if self.scoring is Scoring.COUNT:
            return float(sum(1 for value in values if value == 1))
        return float(sum(values))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "version": self.version, "title": self.title, "short_title": self.short_title,
            "purpose": self.purpose, "instructions": self.instructions,
            "items": [item.to_dict() for item in self.items], "scoring": self.scoring.value,
            "minimum": self.minimum, "maximum": self.maximum,
            "bands": [band.to_dict() for band in self.bands],
            "band_sources": [source.to_dict() for source in self.band_sources],
            "subscales": [subscale.to_dict() for subscale in self.subscales],
            "sources": [source.to_dict() for source in self.sources],
            "licence": self.licence, "freely_usable": self.freely_usable,
            "suggested_frequency": self.suggested_frequency.value,
            "loinc": {"panel": self.loinc_panel, "score": self.loinc_score, "status": self.loinc_status},
            "adaptation": self.adaptation, "limits": self.limits,
        }


def _check_answer(answer: Any, item: Item, field_name: str) -> int:
    allowed = item.values
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise InputError(field_name, f"expected a whole number ({_allowed(allowed)}), got {_kind(answer)}")
    if not math.isfinite(answer) or answer != int(answer):
        raise InputError(field_name, f"expected a whole number ({_allowed(allowed)}), got {answer!r}")
    value = int(answer)
    if value not in allowed:
        raise InputError(field_name, f"{value} is not an answer to this item; expected {_allowed(allowed)}")
    return value


def _allowed(values: tuple[int, ...]) -> str:
    ordered = sorted(values)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{ordered[0]} to {ordered[-1]}"
    return " or ".join(str(value) for value in ordered)


def _kind(value: Any) -> str:
    return {bool: "a boolean", str: "text", type(None): "null", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def scale(low: int, high: int, labels: Mapping[int, str]) -> tuple[Option, ...]:
    """Options ``low``..``high``; the labelled ones carry their words, the others only their number."""
    return tuple(Option(value, labels.get(value, str(value))) for value in range(low, high + 1))


YES_NO = (Option(0, "No"), Option(1, "Yes"))
