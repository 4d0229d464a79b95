"""How a plan version reads on a page: its lines in plain words, and what changed from the version before.

Nothing here shows an internal id: questionnaires read by their titles, frequencies and kinds of care by their
labels, dates as every page writes them ("20 Nov 2026").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from speciosa.lib.dates import patient_date
from speciosa.plans.domain import instrument_titles
from speciosa.plans.enums import CareKind, Frequency
from speciosa.plans.models import PlanVersion

ABSENT = "—"  # a part the version does not have (the "before" of the first version, or of an item added)
QUESTIONNAIRES = "Questionnaires"
NON_DRUG_CARE = "Non-drug care"


@dataclass(frozen=True)
class Line:
    label: str
    text: str


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str

    @property
    def words(self) -> str:
        """The change as one sentence: "Most leaf-equivalent a day: 8 g → 6 g", "PEG: added, every day"."""
        if self.before == ABSENT:
            return f"{self.label}: added, {self.after}"
        if self.after == ABSENT:
            return f"{self.label}: removed (was {self.before})"
        return f"{self.label}: {self.before} → {self.after}"


def day_words(day: dt.date | str) -> str:
    """A date in the site's one format (speciosa.lib.dates: "20 Nov 2026", US style "Nov 20, 2026")."""
    return patient_date(dt.date.fromisoformat(day) if isinstance(day, str) else day)


def _amount(value: Decimal | float | int | None, unit: str) -> str:
    if value is None:
        return "none set"
    return f"{float(value):g} {unit}"


def _titration(value: dict[str, Any] | None) -> str:
    if not value:
        return "none"
    return (f"from {day_words(value['starts_on'])}: {float(value['start_g']):g} g a day, up by "
            f"{float(value['step_g']):g} g every {value['interval_days']} days, never above "
            f"{float(value['ceiling_g']):g} g")


def _frequency(value: str) -> str:
    return Frequency(value).label.lower() if value in Frequency.values else "unknown frequency"


def _instrument(instrument: str, titles: dict[str, str]) -> str:
    return titles.get(instrument, "a questionnaire no longer offered")


def schedule_items(version: PlanVersion | None) -> dict[str, str]:
    """Each scheduled questionnaire's title -> how often, in the registry's order."""
    if version is None:
        return {}
    titles = instrument_titles()
    order = {instrument: index for index, instrument in enumerate(titles)}
    return {_instrument(instrument, titles): _frequency(frequency) for instrument, frequency in
            sorted(version.instrument_schedule.items(), key=lambda item: order.get(item[0], len(order)))}


def care_items(version: PlanVersion | None) -> dict[str, str]:
    """Each non-drug care goal: "Exercise goal" -> its words."""
    if version is None:
        return {}
    return {f"{CareKind(goal['kind']).label} goal": goal["goal"] for goal in version.non_drug_care}


def _joined(items: dict[str, str]) -> str:
    return "; ".join(f"{label}: {text}" for label, text in items.items()) or "none"


def lines(version: PlanVersion) -> list[Line]:
    """Every part of the version, in the order a reader expects."""
    return [
        Line("Takes effect", day_words(version.effective_from)),
        Line("Most leaf-equivalent a day", _amount(version.max_daily_leaf_g, "g")),
        Line("Most mitragynine a day", _amount(version.max_daily_mitragynine_mg, "mg")),
        Line("Most doses a day", "none set" if version.max_doses_per_day is None else str(version.max_doses_per_day)),
        Line("Titration schedule", _titration(version.titration)),
        Line("Liver tests every", _amount(version.lab_interval_days, "days")),
        Line(QUESTIONNAIRES, _joined(schedule_items(version))),
        Line(NON_DRUG_CARE, "; ".join(f"{CareKind(goal['kind']).label}: {goal['goal']}"
                                      for goal in version.non_drug_care) or "none"),
        Line("Review on", day_words(version.review_on) if version.review_on else "not set"),
        Line("Note", version.note or "none"),
    ]


def care_goals(version: PlanVersion) -> list[Line]:
    """The non-drug care goals with their kinds in words."""
    return [Line(CareKind(goal["kind"]).label, goal["goal"]) for goal in version.non_drug_care]


def _item_changes(before: dict[str, str], after: dict[str, str]) -> list[Change]:
    labels = [*after, *(label for label in before if label not in after)]
    return [Change(label, before.get(label, ABSENT), after.get(label, ABSENT)) for label in labels
            if before.get(label) != after.get(label)]


def changes(older: PlanVersion | None, newer: PlanVersion) -> list[Change]:
    """The parts that differ between two versions (all of ``newer`` against nothing for the first version).

    Questionnaires and care goals are compared one by one ("PEG: added, every day"), not as one long line.
    """
    before = {line.label: line.text for line in lines(older)} if older is not None else {}
    found: list[Change] = []
    for line in lines(newer):
        if line.label == QUESTIONNAIRES:
            found += _item_changes(schedule_items(older), schedule_items(newer))
        elif line.label == NON_DRUG_CARE:
            found += _item_changes(care_items(older), care_items(newer))
        elif before.get(line.label) != line.text:
            found.append(Change(line.label, before.get(line.label, ABSENT), line.text))
    return found


def history(versions: list[PlanVersion]) -> list[tuple[PlanVersion, list[Change]]]:
    """Versions newest first, each with its changes from the version before it."""
    ordered = sorted(versions, key=lambda v: v.version)
    pairs = [(version, changes(ordered[i - 1] if i else None, version)) for i, version in enumerate(ordered)]
    return list(reversed(pairs))
