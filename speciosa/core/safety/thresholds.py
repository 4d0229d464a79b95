"""Rule thresholds a clinician may set in the plan (``plan.settings``), each with a cited default and a valid range.

A rule reads its threshold with ``threshold(snapshot, name)``: the plan's value when one is set, else the default.
``check_settings`` validates a settings mapping (range and type) and names the offending field, so a bad value is
rejected where the plan is written or the snapshot parsed, never silently ignored by a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speciosa.core.units import check_number

if TYPE_CHECKING:  # the snapshot parser calls check_settings, so this module must not import it at run time
    from speciosa.core.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Threshold:
    name: str
    rule: str
    default: float
    minimum: float
    maximum: float
    unit: str
    why: str


THRESHOLDS: dict[str, Threshold] = {t.name: t for t in (
    Threshold("dose_high_daily_leaf_g", "DOSE_HIGH", 15.0, 1.0, 100.0, "g leaf-equivalent per day",
              "Adverse effects clustered at >=5 g per dose and >=22 doses a week, about 15 g a day (Grundmann "
              "2017); >=3 glasses a day (about 237 mg mitragynine, about 18 g of reference leaf) went with severe "
              "dependence and withdrawal (Singh 2014). 15 g is the lower of the two."),
    Threshold("dose_escalation_pct", "DOSE_ESCALATION", 25.0, 5.0, 500.0, "% rise in mean daily dose",
              "Issue 4 of the project's specification; tolerance shows as a rising dose without more relief."),
    Threshold("escalation_pain_improvement_pct", "DOSE_ESCALATION", 10.0, 0.0, 100.0, "% fall in mean pain",
              "IMMPACT: a 10-20% fall in pain is the smallest change patients notice (Dworkin 2008); a smaller "
              "fall counts as not improved."),
    Threshold("withdrawal_min_grade", "WITHDRAWAL", 2.0, 1.0, 4.0, "symptom grade (0-3 in the diary)",
              "Grade 2 is 'moderate' on the diary's 0-3 scale, the level the rule is defined at."),
    Threshold("withdrawal_gap_hours", "WITHDRAWAL", 24.0, 4.0, 336.0, "hours since the last dose",
              "Mitragynine's half-life is about 23-45 h (Trakulsrichai 2015; Tanna 2022); symptoms after a day "
              "without a dose point to physical dependence rather than to something else."),
    Threshold("product_7oh_max_pct_of_mitragynine", "PRODUCT_7OH", 2.0, 0.1, 100.0,
              "% 7-OH relative to mitragynine",
              "State kratom consumer protection acts forbid 7-OH above 2% of the alkaloid fraction (e.g. "
              "Oklahoma tit. 63 s.1-1432.4); natural leaf holds far less (about 0.01-0.04% of alkaloids, CFSRE)."),
    Threshold("pain_improvement_pct", "PAIN_NOT_IMPROVING", 30.0, 10.0, 100.0, "% fall in mean pain",
              "IMMPACT: a fall of 30% or more is a moderately important improvement (Dworkin 2008)."),
    Threshold("pain_min_weeks_of_use", "PAIN_NOT_IMPROVING", 4.0, 1.0, 52.0, "weeks of use",
              "Issue 4 of the project's specification: judge benefit after at least four weeks of use."),
)}


def threshold(snapshot: Snapshot, name: str) -> float:
    """The plan's value for ``name`` when set, else the cited default."""
    known = THRESHOLDS[name]
    if snapshot.plan is not None and name in snapshot.plan.settings:
        return float(snapshot.plan.settings[name])
    return known.default


def for_rule(code: str) -> list[Threshold]:
    return [t for t in THRESHOLDS.values() if t.rule == code]


def check_settings(settings: Mapping[str, object], path: str = "plan.settings") -> None:
    """Raises InputError naming the field when a known setting is not a number within its range.

    Unknown names are left alone, as the snapshot format ignores unknown fields so that newer writers do not break
    older readers; the place where a clinician edits the plan should reject them.
    """
    for name, value in settings.items():
        known = THRESHOLDS.get(name)
        if known is not None:
            check_number(value, f"{path}.{name}", minimum=known.minimum, maximum=known.maximum)
