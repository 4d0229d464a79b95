"""Coded concepts: a Code is a (system, code, display) triple, as in FHIR's Coding."""

from __future__ import annotations

from dataclasses import dataclass

LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"


@dataclass(frozen=True, slots=True)
class Code:
    system: str
    code: str
    display: str

    def to_dict(self) -> dict[str, str]:
        return {"system": self.system, "code": self.code, "display": self.display}


# Liver tests in serum or plasma, as LOINC codes; the lab record keeps our short code and its unit.
LAB_CODES: dict[str, Code] = {
    "ALT": Code(LOINC, "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
    "AST": Code(LOINC, "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
    "ALP": Code(LOINC, "6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma"),
    "TBIL": Code(LOINC, "1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"),
    "GGT": Code(LOINC, "2324-2", "Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma"),
    "INR": Code(LOINC, "6301-6", "INR in Platelet poor plasma by Coagulation assay"),
}

# Usual units per lab code; the first is the one a form offers by default.
LAB_UNITS: dict[str, tuple[str, ...]] = {
    "ALT": ("U/L", "IU/L", "µkat/L"),
    "AST": ("U/L", "IU/L", "µkat/L"),
    "ALP": ("U/L", "IU/L", "µkat/L"),
    "GGT": ("U/L", "IU/L", "µkat/L"),
    "TBIL": ("mg/dL", "µmol/L"),
    "INR": ("ratio",),
}

# INR is a ratio already; it has no upper limit of normal in the ×ULN sense.
LABS_WITHOUT_ULN = frozenset({"INR"})


def times_uln(value: float, uln: float) -> float:
    """A lab value as a multiple of its own draw's upper limit of normal (×ULN)."""
    if uln <= 0:
        raise ValueError("the upper limit of normal must be positive")
    return value / uln
