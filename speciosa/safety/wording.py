"""Plain words for the engine's codes, and its alert evidence as a list a person can read.

Pages and API share these, so an evidence level or a verdict reads the same wherever it appears. Words state the
strength of the evidence; none says that kratom is without risk.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from speciosa.core.safety.registry import Rule, all_rules
from speciosa.core.safety.wording import PATIENT_TOPICS, PLAIN_EVIDENCE

EVIDENCE_LEVEL_WORDS = {
    "clinical-study": "Clinical studies in people",
    "case-reports": "Published case reports: individual patients, not controlled studies",
    "in-vitro": "Laboratory (in-vitro) studies, not yet confirmed in people",
    "guideline": "A clinical guideline or an agency's published standard",
    "expert-consensus": "Expert consensus, without direct studies of kratom",
}
VERDICT_WORDS = {
    "supported": "Supported by the evidence",
    "mixed": "Mixed evidence",
    "preclinical": "Only laboratory or animal evidence",
    "contradicted": "Contradicted by the evidence",
    "unknown": "Not known: too little evidence",
}
GRADE_WORDS = {
    "high": "High certainty",
    "moderate": "Moderate certainty",
    "low": "Low certainty",
    "very low": "Very low certainty",
}
FAMILY_WORDS = {
    "liver": "Liver",
    "labs": "Lab tests",
    "interactions": "Other medicines",
    "dosing": "Amounts taken",
    "dependence": "Dependence and withdrawal",
    "population": "Pregnancy and health conditions",
    "product": "Products and the law",
    "outcomes": "Whether it helps",
    "mood": "Mood",
}

# Words inside evidence keys written as people write them; other words are kept as they are.
_KEY_WORDS = {"x": "×", "uln": "ULN", "pct": "%", "id": "ID", "qt": "QT", "cyp3a4": "CYP3A4", "cyp2d6": "CYP2D6",
              "alt": "ALT", "ast": "AST", "alp": "ALP", "tbil": "TBIL", "ggt": "GGT", "inr": "INR", "r": "R"}
# A key whose value names the item it sits in, so a list of objects reads as "ALT: ..." rather than "1: ...".
_NAMING_KEYS = ("name", "code", "day", "generic")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def words_for(table: dict[str, str], code: str) -> str:
    return table.get(code, code.replace("_", " ").replace("-", " ").capitalize())


@dataclass(frozen=True)
class Row:
    """One line of an alert's inputs: a label, its value in words, and nested lines (for lists and objects)."""

    label: str
    text: str = ""
    children: list[Row] = field(default_factory=list)


def evidence_rows(evidence: Any) -> list[Row]:
    """The inputs an alert saw, as labelled lines; times in the active time zone, numbers without noise. Internal
    record ids (a product's ``id``) are left out: they mean nothing to a reader."""
    if isinstance(evidence, dict):
        return [_row(key_words(str(key)), value) for key, value in evidence.items() if key != "id"]
    return [_row("Value", evidence)]


def key_words(key: str) -> str:
    if key.isupper():
        return key  # already a code such as ALT
    words = [_KEY_WORDS.get(part.lower(), part) for part in key.split("_") if part]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _row(label: str, value: Any) -> Row:
    if isinstance(value, dict):
        return Row(label, "", evidence_rows(value)) if value else Row(label, "none")
    if isinstance(value, list | tuple):
        if not value:
            return Row(label, "none")
        if all(not isinstance(item, dict | list | tuple) for item in value):
            return Row(label, ", ".join(value_words(item) for item in value))
        return Row(label, "", [_item_row(index, item) for index, item in enumerate(value, start=1)])
    return Row(label, value_words(value))


def _item_row(index: int, item: Any) -> Row:
    if not isinstance(item, dict):
        return _row(str(index), item)
    naming = next((key for key in _NAMING_KEYS if isinstance(item.get(key), str) and item[key]), None)
    rest = {key: value for key, value in item.items() if key not in (naming, "id")}
    return Row(item[naming] if naming else str(index), "", evidence_rows(rest))


def value_words(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, str) and _MOMENT.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"
    text = str(value)
    return text if text.startswith(("https://", "http://")) else text.replace("_", " ")


def paragraphs(text: str) -> list[str]:
    """A rule's docstring section as paragraphs: blank lines separate them, wrapped lines are joined."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()).replace("``", "") for block in blocks if block]


@dataclass(frozen=True)
class Topic:
    """One topic of the patient's "Safety checks" page: its heading, what it is about, and its checks with the
    strength of their evidence in plain words."""

    key: str
    heading: str
    about: str
    checks: list[tuple[Rule, str]]


def patient_topics() -> list[Topic]:
    """Every registered rule under the one topic that takes it (speciosa.core.safety.wording.PATIENT_TOPICS); a rule
    no topic takes lands under "Other checks", so a new rule is never left off the patient's page."""
    named = {code for *_, codes in PATIENT_TOPICS for code in codes}
    placed: set[str] = set()
    topics = []
    for key, heading, about, families, codes in PATIENT_TOPICS:
        rules = [rule for rule in all_rules()
                 if rule.code in codes or (rule.family in families and rule.code not in named)]
        placed.update(rule.code for rule in rules)
        topics.append(Topic(key, heading, about, [(rule, PLAIN_EVIDENCE[rule.evidence_level.value]) for rule in rules]))
    rest = [rule for rule in all_rules() if rule.code not in placed]
    if rest:
        topics.append(Topic("other", "Other checks", "More checks Speciosa runs.",
                            [(rule, PLAIN_EVIDENCE[rule.evidence_level.value]) for rule in rest]))
    return topics


def plain_evidence(rule: Rule | None) -> str:
    """How strong the evidence behind a rule is, in plain words; empty for a rule no longer registered."""
    return "" if rule is None else PLAIN_EVIDENCE[rule.evidence_level.value]
