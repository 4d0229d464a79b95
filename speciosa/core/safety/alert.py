"""What a rule returns: an alert that explains itself (rule, inputs seen, what to do, sources)."""

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
            "evidence": self.evidence,
            "sources": [source.to_dict() for source in self.sources],
            "rule_version": self.rule_version,
        }
