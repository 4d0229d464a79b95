"""What a rule returns: an alert that explains itself (rule, inputs seen, what to do, sources), in two voices.

The patient reads the plain first layer: ``title``, ``message`` (what it means) and ``action`` (what to do now), in
short sentences without clinical terms (a test holds every rule's case alerts to a Flesch-Kincaid grade of 8 or
less). The clinician reads the clinical voice: ``clinical_title`` (the rule's title) and ``clinical_message`` (the
finding with its figures and terms: "ALT 7.4x ULN, R = 4.45 ..."), which the patient can also open, behind the plain
layer, as the detail "for your clinician". The action is the patient's in both voices: clinicians read what the
patient was told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from speciosa.core.evidence import Source


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "urgent": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Alert:
    code: str
    severity: Severity
    title: str
    message: str
    action: str
    clinical_title: str = ""
    clinical_message: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    rule_version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "action": self.action,
            "clinical_title": self.clinical_title,
            "clinical_message": self.clinical_message,
            "evidence": self.evidence,
            "sources": [source.to_dict() for source in self.sources],
            "rule_version": self.rule_version,
        }
