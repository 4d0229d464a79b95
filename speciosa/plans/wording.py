"""How a plan version reads on a page: its lines in plain words, and what changed from the version before."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from speciosa.plans.enums import CareKind, Frequency
from speciosa.plans.models import PlanVersion


@dataclass(frozen=True)
class Line:
    label: str
    text: str


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _amount(value: Decimal | float | int | None, unit: str) -> str:
    if value is None:
        return "none set"
    return f"{float(value):g} {unit}"


def _titration(value: dict[str, Any] | None) -> str:
    if not value:
        return "none"
    return (f"from {value['starts_on']}: {float(value['start_g']):g} g a day, up by {float(value['step_g']):g} g "
            f"every {value['interval_days']} days, never above {float(value['ceiling_g']):g} g")


def _schedule(value: dict[str, str]) -> str:
    if not value:
        return "none"
    return "; ".join(f"{instrument}: {Frequency(frequency).label.lower()}"
                     for instrument, frequency in sorted(value.items()))


def _care(value: list[dict[str, str]]) -> str:
    if not value:
        return "none"
    return "; ".join(f"{CareKind(goal['kind']).label}: {goal['goal']}" for goal in value)


def lines(version: PlanVersion) -> list[Line]:
    """Every part of the version, in the order a reader expects."""
    return [
        Line("Takes effect", version.effective_from.isoformat()),
        Line("Most leaf-equivalent a day", _amount(version.max_daily_leaf_g, "g")),
        Line("Most mitragynine a day", _amount(version.max_daily_mitragynine_mg, "mg")),
        Line("Most doses a day", "none set" if version.max_doses_per_day is None else str(version.max_doses_per_day)),
        Line("Titration schedule", _titration(version.titration)),
        Line("Liver tests every", _amount(version.lab_interval_days, "days")),
        Line("Questionnaires", _schedule(version.instrument_schedule)),
        Line("Non-drug care", _care(version.non_drug_care)),
        Line("Review on", version.review_on.isoformat() if version.review_on else "not set"),
        Line("Note", version.note or "none"),
    ]


def care_goals(version: PlanVersion) -> list[Line]:
    """The non-drug care goals with their kinds in words."""
    return [Line(CareKind(goal["kind"]).label, goal["goal"]) for goal in version.non_drug_care]


def changes(older: PlanVersion | None, newer: PlanVersion) -> list[Change]:
    """The lines that differ between two versions (all of ``newer`` against nothing for the first version)."""
    before = {line.label: line.text for line in lines(older)} if older is not None else {}
    return [Change(line.label, before.get(line.label, "—"), line.text) for line in lines(newer)
            if before.get(line.label) != line.text]


def history(versions: list[PlanVersion]) -> list[tuple[PlanVersion, list[Change]]]:
    """Versions newest first, each with its changes from the version before it."""
    ordered = sorted(versions, key=lambda v: v.version)
    pairs = [(version, changes(ordered[i - 1] if i else None, version)) for i, version in enumerate(ordered)]
    return list(reversed(pairs))
