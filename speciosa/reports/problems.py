"""A patient's problems as a clinician reads them: each alert card (speciosa.safety.cards) in one clinical line.

The line comes from the alert's stored evidence through speciosa.core.safety.clinical; a viewer who may not read
alert details (speciosa.safety.disclosure) gets the card's fixed title instead, which never quotes the record.
``problems_of`` reads the current alerts of many patients in one query, for a panel page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from speciosa.core.safety.clinical import clinical_line
from speciosa.safety.cards import AlertCard, cards_of
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert

SEVERITY_RANK = {"urgent": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Problem:
    """One card as a line: "Liver: ALT 7.4×ULN, bilirubin 2.6×", its severity, and whether it is acknowledged."""

    line: str
    severity: str
    acknowledged: bool
    first_seen: dt.datetime
    alert_id: int  # the lead alert, whose page shows the evidence
    parts: int
    title: str = ""  # the card's clinical title, which never quotes the record (the line may)

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "severity": self.severity, "acknowledged": self.acknowledged,
                "first_seen": self.first_seen, "alert_id": self.alert_id, "findings": self.parts}


def problem_of(card: AlertCard, *, details: bool) -> Problem:
    lead = card.lead
    line = clinical_line(lead.code, lead.evidence, title=card.title) if details else card.title
    return Problem(line=line, severity=card.severity, acknowledged=card.status == AlertStatus.ACKNOWLEDGED,
                   first_seen=card.first_seen, alert_id=lead.pk, parts=len(card.parts), title=card.title)


def _order(alert: StoredAlert) -> tuple[int, int, float, str]:
    # Most severe first; among equals, an open one before an acknowledged one, then the newest.
    return (SEVERITY_RANK.get(alert.severity, 3), alert.status != AlertStatus.OPEN, -alert.last_seen.timestamp(),
            alert.code)


def problems_from(alerts: Iterable[StoredAlert], *, details: bool) -> list[Problem]:
    """Current alerts of one patient as problems, most severe (and open) first."""
    cards = cards_of(sorted(alerts, key=_order))
    problems = [problem_of(card, details=details) for card in cards]
    return sorted(problems, key=lambda problem: (SEVERITY_RANK.get(problem.severity, 3), problem.acknowledged))


def problems_of(patient_ids: Sequence[int], *, details: Mapping[int, bool]) -> dict[int, list[Problem]]:
    """Each patient's current problems, read in one query; ``details[patient_id]`` says whether this viewer may
    read the alerts' details (their evidence)."""
    if not patient_ids:
        return {}
    alerts: dict[int, list[StoredAlert]] = defaultdict(list)
    for alert in StoredAlert.objects.filter(patient_id__in=list(patient_ids), status__in=AlertStatus.current()):
        alerts[alert.patient_id].append(alert)
    return {pk: problems_from(alerts.get(pk, ()), details=details.get(pk, False)) for pk in patient_ids}
