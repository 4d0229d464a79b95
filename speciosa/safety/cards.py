"""One problem, one card: the alerts that one event raises, shown together.

One abnormal liver draw can meet several liver rules at once (the DILI criteria, Hy's law, a raised bilirubin, raised
enzymes), and jaundice in a check-in adds the symptoms rule: each is right on its own, but four urgent cards each
repeating "stop kratom today" read as four emergencies. So pages and the API show the alerts of a grouped rule
family as one card: the most severe part decides its severity, each part keeps its own finding and its own page
(why it was raised, acknowledge, resolve), and the advice is said once, the lead part's. The rules and the stored
alerts stay one per rule code, so nothing about storing, acknowledging or e-mailing alerts changes.

What is grouped is decided here, outside the rules: a rule family whose alerts come from one event (``GROUPS``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from speciosa.core.safety.registry import get_rule
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert

# Family -> the card's title. Liver: one draw (and the symptoms that go with it) is one problem, possible liver injury.
GROUPS = {"liver": "Possible liver injury"}
# Within a card, among parts of the same severity, the finding a clinician reads first.
LEAD_ORDER = ("LIVER_SEVERE", "LIVER_HYS_LAW", "LIVER_INJURY", "LIVER_BILIRUBIN_HIGH", "LIVER_SYMPTOMS",
              "LIVER_ENZYMES_RAISED")


def group_of(code: str) -> str | None:
    """The group a rule code's alerts are shown in (its family, when that family is grouped), else None."""
    try:
        family = get_rule(code).family
    except KeyError:  # an alert stored by a rule no longer registered stands alone
        return None
    return family if family in GROUPS else None


@dataclass(frozen=True)
class AlertCard:
    """What a person sees as one alert: a stored alert alone, or the parts of one group, lead first."""

    key: str  # the group, or the rule code of an alert that stands alone
    parts: tuple[StoredAlert, ...]

    @property
    def lead(self) -> StoredAlert:
        return self.parts[0]

    @property
    def is_group(self) -> bool:
        return len(self.parts) > 1

    @property
    def title(self) -> str:
        return GROUPS[self.key] if self.is_group else self.lead.title

    @property
    def severity(self) -> str:
        return self.lead.severity

    def get_severity_display(self) -> str:
        return self.lead.get_severity_display()

    @property
    def status(self) -> str:
        """Acknowledged only when every part is; one new finding makes the card open again."""
        acknowledged = all(part.status == AlertStatus.ACKNOWLEDGED for part in self.parts)
        return AlertStatus.ACKNOWLEDGED if acknowledged else AlertStatus.OPEN

    @property
    def first_seen(self) -> dt.datetime:
        return min(part.first_seen for part in self.parts)

    @property
    def action(self) -> str:
        """What to do, said once: the lead's advice (the most severe finding, and among equals the one ``LEAD_ORDER``
        puts first). The other parts' advice is the same or overtaken by it (two urgent liver findings both say stop
        and be seen today; raised enzymes' "repeat the tests" gives way to it) and stays on each part's own page."""
        return self.lead.action


def _lead_first(alert: StoredAlert) -> tuple[int, int, str]:
    order = LEAD_ORDER.index(alert.code) if alert.code in LEAD_ORDER else len(LEAD_ORDER)
    return (-alert.severity_rank, order, alert.code)


def cards_of(alerts: Iterable[StoredAlert]) -> list[AlertCard]:
    """``alerts`` (most severe first) as cards, in the same order: a group sits where its first part did."""
    members: dict[str, list[StoredAlert]] = {}
    for alert in alerts:
        members.setdefault(group_of(alert.code) or f"alert:{alert.pk}", []).append(alert)
    return [AlertCard(key=key if not key.startswith("alert:") else parts[0].code,
                      parts=tuple(sorted(parts, key=_lead_first)))
            for key, parts in members.items()]
