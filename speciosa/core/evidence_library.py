"""The evidence library: claims patients meet in articles, each with an honest verdict, grade and sources.

Rules and alerts link to the entries they rest on (``for_rule``), so a patient who reads an alert can see what the
studies found. The wording of every summary is checked against phrases that would present kratom as free of risk
(``forbidden_phrases``): a library meant to correct such claims must never make one itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from speciosa.core.bibliography import cite_all
from speciosa.core.errors import InputError
from speciosa.core.evidence import Source
from speciosa.core.reference import load


class Verdict(StrEnum):
    SUPPORTED = "supported"
    MIXED = "mixed"
    PRECLINICAL = "preclinical"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"


class Grade(StrEnum):
    """Certainty of the evidence, in GRADE's four levels."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very low"


# Wording that would tell a patient kratom carries no risk. Matched case-insensitively on whole words, so
# "safety" and "unsafe" pass while "safe" does not; summaries are written to avoid these words even in negation,
# because a reader skimming a sentence should never come away with them.
_FORBIDDEN = (
    r"safe", r"safely", r"harmless", r"non-?addictive", r"not addictive", r"addiction[- ]free",
    r"free (?:of|from) (?:addiction|dependence|risk|side effects)", r"risk[- ]free", r"no risks?",
    r"without (?:any )?risks?", r"cannot (?:cause|lead to) (?:addiction|dependence|overdose|harm)",
)
_FORBIDDEN_RE = re.compile(r"\b(?:" + "|".join(_FORBIDDEN) + r")\b", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RULE_CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
_MAX_TEXT = 2000
_E = TypeVar("_E", Verdict, Grade)


def forbidden_phrases(text: str) -> list[str]:
    """The phrases in ``text`` that would present kratom as safe or free of addiction, in order of appearance."""
    return [match.group(0) for match in _FORBIDDEN_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    id: str
    claim: str
    verdict: Verdict
    grade: Grade
    summary: str  # what the studies found, for a clinician
    plain: str  # the same in plain words, the patient's first layer
    sources: tuple[Source, ...]
    rules: tuple[str, ...]
    checked: date

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "claim": self.claim, "verdict": self.verdict.value, "grade": self.grade.value,
                "summary": self.summary, "plain": self.plain, "sources": [source.to_dict() for source in self.sources],
                "rules": list(self.rules), "checked": self.checked.isoformat()}


def all_entries() -> tuple[EvidenceEntry, ...]:
    return _entries()


def get(entry_id: str) -> EvidenceEntry | None:
    return next((entry for entry in _entries() if entry.id == entry_id), None)


def for_rule(code: str) -> tuple[EvidenceEntry, ...]:
    """The entries a rule rests on, in library order."""
    return tuple(entry for entry in _entries() if code in entry.rules)


@cache
def _entries() -> tuple[EvidenceEntry, ...]:
    return parse_entries(load("evidence_library"))


def parse_entries(data: Any) -> tuple[EvidenceEntry, ...]:
    """Validates the library file; an error names the field (``[3].sources[0].url``)."""
    if not isinstance(data, list):
        raise InputError("", "expected a list of evidence entries")
    seen: set[str] = set()
    out = []
    for i, item in enumerate(data):
        entry = _entry(item, f"[{i}]")
        if entry.id in seen:
            raise InputError(f"[{i}].id", f"{entry.id} appears twice")
        seen.add(entry.id)
        out.append(entry)
    return tuple(out)


def _entry(item: Any, where: str) -> EvidenceEntry:
    if not isinstance(item, dict):
        raise InputError(where, "expected an object")
    entry_id = _text(item.get("id"), f"{where}.id")
    if not _SLUG.match(entry_id):
        raise InputError(f"{where}.id", "expected a slug such as liver-at-higher-doses")
    summary = _text(item.get("summary"), f"{where}.summary")
    plain = _text(item.get("plain"), f"{where}.plain")
    for field, text in (("summary", summary), ("plain", plain)):
        bad = forbidden_phrases(text)
        if bad:
            raise InputError(f"{where}.{field}", f"must not present kratom as free of risk ({', '.join(bad)})")
    sources = cite_all(item.get("sources"), f"{where}.sources")
    rules = item.get("rules")
    if not isinstance(rules, list) or not all(isinstance(code, str) and _RULE_CODE.match(code) for code in rules):
        raise InputError(f"{where}.rules", "expected a list of rule codes such as LIVER_INJURY")
    checked = item.get("checked")
    try:
        checked_on = date.fromisoformat(checked) if isinstance(checked, str) and len(checked) == 10 else None
    except ValueError:
        checked_on = None
    if checked_on is None:
        raise InputError(f"{where}.checked", "expected a date as YYYY-MM-DD")
    return EvidenceEntry(
        id=entry_id, claim=_text(item.get("claim"), f"{where}.claim"),
        verdict=_choice(Verdict, item.get("verdict"), f"{where}.verdict"),
        grade=_choice(Grade, item.get("grade"), f"{where}.grade"), summary=summary, plain=plain,
        sources=sources,
        rules=tuple(rules), checked=checked_on)


def _choice(kind: type[_E], value: Any, field: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        raise InputError(field, f"expected one of {', '.join(member.value for member in kind)}") from None


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, "expected non-empty text")
    if "\x00" in value or len(value) > _MAX_TEXT:
        raise InputError(field, f"must be plain text of at most {_MAX_TEXT} characters")
    return value
