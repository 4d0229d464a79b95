"""How often each side effect was reported, by the day's leaf-equivalent dose band.

*Bands.* Low < 5 g, moderate 5-15 g (both ends included: exactly 5 g and exactly 15 g are moderate), high > 15 g.
They follow the dose ranges reported in the literature: 1-5 g of leaf mildly stimulant, 5-15 g opioid-like, > 15 g
sedating (Prozialeck, Jivan & Andurkar, J Am Osteopath Assoc 2012;112(12):792-799, a review of traditional use and
user reports); the 1-5 and 5-15 ranges meet at 5 g, and negative effects, mostly nausea and constipation, were
reported mainly at 5 g or more per dose (Grundmann, Drug Alcohol Depend 2017;176:63-70,
doi:10.1016/j.drugalcdep.2017.03.007), which is why 5 g itself falls in the moderate band. 15 g stays moderate
because the review's high band is "> 15 g".

*Known limits.* The literature bands are per occasion and come from surveys and reviews, not trials; here they are
applied to the day's total, so a day of three 2 g doses is "moderate". No band has been shown to be safe, and the
boundaries are conventions, not thresholds of harm. Only days with a check-in and a complete dose total (at least one
dose, every dose converted to leaf-equivalent grams) count. Frequencies are days with the symptom at grade 1 or more,
with Wilson 95% intervals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from speciosa.core.analytics.series import Day
from speciosa.core.analytics.stats import Proportion, proportion

LOW_BELOW_G = 5.0
HIGH_ABOVE_G = 15.0
SOURCES = (
    "Prozialeck WC, Jivan JK, Andurkar SV. Pharmacology of kratom. J Am Osteopath Assoc 2012;112(12):792-799",
    "Grundmann O. Drug Alcohol Depend 2017;176:63-70, doi:10.1016/j.drugalcdep.2017.03.007",
)
BANDS = (
    ("low", "Low (under 5 g a day)", None, LOW_BELOW_G),
    ("moderate", "Moderate (5 to 15 g a day)", LOW_BELOW_G, HIGH_ABOVE_G),
    ("high", "High (over 15 g a day)", HIGH_ABOVE_G, None),
)


def band_of(leaf_g: float) -> str:
    """``low`` below 5 g, ``moderate`` from 5 g to 15 g inclusive, ``high`` above 15 g."""
    if leaf_g < LOW_BELOW_G:
        return "low"
    if leaf_g <= HIGH_ABOVE_G:
        return "moderate"
    return "high"


@dataclass(frozen=True, slots=True)
class SymptomFrequency:
    symptom: str
    days: Proportion  # days with grade >= 1 of the band's days

    def to_dict(self) -> dict[str, Any]:
        return {"symptom": self.symptom, **self.days.to_dict()}


@dataclass(frozen=True, slots=True)
class BandSummary:
    band: str
    label: str
    lower_g: float | None  # inclusive for moderate
    upper_g: float | None  # exclusive for low, inclusive for moderate
    days: int
    any_symptom: Proportion
    symptoms: tuple[SymptomFrequency, ...]  # most frequent first

    def to_dict(self) -> dict[str, Any]:
        return {"band": self.band, "label": self.label, "lower_g": self.lower_g, "upper_g": self.upper_g,
                "days": self.days, "any_symptom": self.any_symptom.to_dict(),
                "symptoms": [s.to_dict() for s in self.symptoms], "sources": list(SOURCES)}


def by_dose_band(days: Iterable[Day]) -> tuple[BandSummary, ...]:
    """One summary per band (always all three, in order), counting days with a check-in and a dose."""
    counted: dict[str, int] = defaultdict(int)
    with_any: dict[str, int] = defaultdict(int)
    present: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    symptoms_seen: set[str] = set()
    for day in days:
        if day.checkins == 0 or day.doses == 0 or not day.leaf_g_complete:
            continue
        band = band_of(day.leaf_g)
        counted[band] += 1
        symptoms_seen.update(day.side_effects)
        reported = [symptom for symptom, grade in day.side_effects.items() if grade >= 1]
        with_any[band] += bool(reported)
        for symptom in reported:
            present[band][symptom] += 1
    summaries = []
    for band, label, lower, upper in BANDS:
        n = counted[band]
        frequencies = sorted(
            (SymptomFrequency(symptom, proportion(present[band][symptom], n)) for symptom in symptoms_seen),
            key=lambda item: (-item.days.count, item.symptom))
        summaries.append(BandSummary(band, label, lower, upper, n, proportion(with_any[band], n), tuple(frequencies)))
    return tuple(summaries)
