"""A rule's threshold: a number the rule compares against, with a cited default a clinician may change in the plan.

A threshold is declared on the rules that read it (``@rule(..., settings=(DAILY_LEAF_LIMIT,))``) and read through
one of them (``dose_high.setting(snapshot, DAILY_LEAF_LIMIT)``): the plan's value (``plan.settings``) when one is
set, else the default. A threshold two rules read is one object listed on both, so the documentation of each rule
names every number it depends on. The registry collects them (``all_thresholds``) and checks a plan's settings
against them (``check_settings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speciosa.core.evidence import Source
from speciosa.core.units import check_number

NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Threshold:
    """``why`` says where the default comes from, citing ``sources`` by author and year (a default that follows
    from a definition, such as a grade on the diary's own scale, may have no source)."""

    name: str
    default: float
    minimum: float
    maximum: float
    unit: str
    why: str
    sources: tuple[Source, ...] = ()

    def check(self, value: object, field: str) -> float:
        """The value as a number within this threshold's range, or InputError naming ``field``."""
        return check_number(value, field, minimum=self.minimum, maximum=self.maximum)

    def problems(self) -> list[str]:
        """What keeps this threshold from being registered on a rule; empty when nothing does."""
        found = []
        if not NAME.fullmatch(self.name):
            found.append(f"setting name {self.name!r} is not lower_snake_case")
        if not self.minimum <= self.default <= self.maximum:
            found.append(f"setting {self.name}: default {self.default:g} is outside its range "
                         f"{self.minimum:g}-{self.maximum:g}")
        if not self.unit.strip():
            found.append(f"setting {self.name} has no unit")
        if not self.why.strip():
            found.append(f"setting {self.name} gives no reason for its default")
        found += [f"setting {self.name}: {problem}" for source in self.sources for problem in source_problems(source)]
        return found


def source_problems(source: Source) -> list[str]:
    """Why a clinician could not open ``source``; empty when they can."""
    found = []
    if not source.citation.strip():
        found.append("a source has no citation")
    if not source.url.startswith("https://"):
        found.append(f"source {source.citation[:40]!r} has no https:// address ({source.url!r})")
    return found
