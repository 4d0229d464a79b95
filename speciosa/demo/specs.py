"""What a synthetic patient is made of: profile, products, medicines, habits and how their pain responds.

Plain data, no database: the cast is written as specs, the history simulated from them, and only then stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from speciosa.core.units import Basis, Form, ProductFacts, Unit, normalise_dose


@dataclass(frozen=True)
class ProductSpec:
    """A product on the patient's shelf and how they dose it.

    ``values`` are the fields create_product takes. The product is in use between ``since_days_ago`` and
    ``until_days_ago`` (None: the whole history); ``weight`` is its share of the doses while several are in use.
    Doses are the day's leaf-equivalent target converted to ``unit`` and rounded to ``step``, unless the product has
    ``fixed_amounts`` (a 7-OH tablet has no leaf equivalent to aim at).
    """

    key: str
    values: dict[str, Any]
    unit: Unit
    step: float
    weight: float = 1.0
    since_days_ago: int | None = None
    until_days_ago: int | None = None
    fixed_amounts: tuple[float, ...] = ()

    def facts(self) -> ProductFacts:
        values = self.values
        basis = values.get("content_basis") or (
            Basis.LABEL if values.get("mitragynine_content") is not None else Basis.DEFAULT)
        return ProductFacts(
            form=Form(values["form"]),
            unit_mass_g=values.get("unit_mass_g"),
            mitragynine_content=values.get("mitragynine_content"),
            hydroxymitragynine_content=values.get("hydroxymitragynine_content"),
            content_basis=Basis(basis),
        )

    def leaf_g_per_unit(self) -> float | None:
        """Leaf-equivalent grams in one ``unit`` of this product (None for a 7-OH product)."""
        return normalise_dose(self.facts(), 1, self.unit).leaf_equivalent_g

    def in_use(self, days_ago: int) -> bool:
        started = self.since_days_ago is None or days_ago <= self.since_days_ago
        stopped = self.until_days_ago is not None and days_ago <= self.until_days_ago
        return started and not stopped


@dataclass(frozen=True)
class MedicationSpec:
    name: str
    rxnorm: str
    dose_text: str
    stopped_days_ago: int | None = None


@dataclass(frozen=True)
class Regimen:
    """How the patient doses: usual leaf-equivalent grams a day, how many doses, at which local hours.

    ``escalation`` is the relative rise of the daily amount over the last eight weeks (0.9: +90 %, steadily, so the
    last four weeks average about a third more than the four before); ``gap_days_ago`` starts a four-day break (run
    out, or an attempt to stop) with withdrawal symptoms from its first day.
    """

    daily_leaf_g: float
    doses_per_day: tuple[int, int]
    hours: tuple[float, ...]
    skip_day_chance: float = 0.03
    escalation: float = 0.0
    gap_days_ago: int | None = None


@dataclass(frozen=True)
class Response:
    """How the patient feels: pain at the start and the share of it gone after about eight weeks (0 to 0.5)."""

    pain_baseline: float
    improvement: float
    mood_baseline: float = 5.0
    checkin_chance: float = 0.85
    side_effect_chance: float = 0.08
    jaundice_days: int = 0


@dataclass(frozen=True)
class LiverSpec:
    """Liver tests: this patient's laboratory (its ULNs and units) and whether the last draw shows an injury."""

    alt_baseline: float = 22.0
    uln: dict[str, float] = field(default_factory=lambda: {"ALT": 40.0, "AST": 40.0, "ALP": 120.0, "TBIL": 1.2,
                                                            "GGT": 60.0})
    bilirubin_unit: str = "mg/dL"
    injury: bool = False


@dataclass(frozen=True)
class PatientSpec:
    number: int
    story: str
    profile: dict[str, Any]
    products: tuple[ProductSpec, ...]
    medications: tuple[MedicationSpec, ...]
    regimen: Regimen
    response: Response
    liver: LiverSpec = field(default_factory=LiverSpec)

    @property
    def username(self) -> str:
        return patient_username(self.number)


def patient_username(number: int) -> str:
    return f"patient{number:02d}"
