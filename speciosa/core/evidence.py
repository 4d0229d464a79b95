"""Sources and the strength of evidence behind a rule or a claim."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EvidenceLevel(StrEnum):
    CLINICAL_STUDY = "clinical-study"
    CASE_REPORTS = "case-reports"
    IN_VITRO = "in-vitro"
    GUIDELINE = "guideline"
    EXPERT_CONSENSUS = "expert-consensus"


@dataclass(frozen=True, slots=True)
class Source:
    """A citation a clinician can open: a DOI, a PubMed record or an agency page."""

    citation: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"citation": self.citation, "url": self.url}
