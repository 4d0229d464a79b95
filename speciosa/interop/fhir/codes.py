"""Every code system, code and unit the FHIR export emits and the import reads.

LOINC, SNOMED CT and RxNorm cannot be checked offline; docs/interop.md lists each code here with its display and the
source it was checked against. Units are UCUM (https://ucum.org): ``UCUM_UNITS`` maps Speciosa's unit words to UCUM
codes and back.
"""

from __future__ import annotations

from typing import Any

from speciosa.core.codes import LAB_CODES, LOINC, RXNORM, UCUM

__all__ = ["LAB_CODES", "LOINC", "RXNORM", "UCUM"]

UNII = "http://fdasis.nlm.nih.gov"  # FDA Unique Ingredient Identifier (the system FHIR registers for UNII)
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
DICOM_DCM = "http://dicom.nema.org/resources/ontology/DCM"
AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
MED_STATEMENT_CATEGORY = "http://terminology.hl7.org/CodeSystem/medication-statement-category"

# The alkaloids a kratom product's content is stated for. 7-hydroxymitragynine has no UNII we could confirm, so it
# travels as text only.
MITRAGYNINE = {"coding": [{"system": UNII, "code": "EP479K822J", "display": "MITRAGYNINE"}], "text": "Mitragynine"}
HYDROXYMITRAGYNINE = {"text": "7-Hydroxymitragynine"}

PAIN_SEVERITY = {"system": LOINC, "code": "72514-3",
                 "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
CONSENT_CATEGORY = {"system": LOINC, "code": "59284-0", "display": "Consent Document"}
LAB_CATEGORY = {"system": OBSERVATION_CATEGORY, "code": "laboratory", "display": "Laboratory"}
SURVEY_CATEGORY = {"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}

# Speciosa's unit words -> (UCUM code, the unit as printed). The import reads them back the other way.
LAB_UCUM: dict[str, tuple[str, str]] = {
    "U/L": ("U/L", "U/L"),
    "IU/L": ("[IU]/L", "IU/L"),
    "µkat/L": ("ukat/L", "µkat/L"),
    "mg/dL": ("mg/dL", "mg/dL"),
    "µmol/L": ("umol/L", "µmol/L"),
    "ratio": ("{INR}", "INR"),
}
DOSE_UCUM: dict[str, tuple[str, str]] = {
    "g": ("g", "g"),
    "mg": ("mg", "mg"),
    "ml": ("mL", "mL"),
    "capsule": ("{capsule}", "capsule"),
    "tablet": ("{tablet}", "tablet"),
}
# Total bilirubin: 1 mg/dL is 17.1 µmol/L (molar mass of bilirubin 584.66 g/mol).
BILIRUBIN_UMOL_PER_MG_DL = 17.1


def quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


# Other UCUM codes EHRs send for the same units (INR is dimensionless: "1" is UCUM's unity).
UCUM_ALIASES = {"1": "ratio", "{ratio}": "ratio", "{INR}": "ratio", "[iU]/L": "IU/L", "umol/L": "µmol/L"}


def lab_unit_of(ucum_code: str | None, printed: str | None) -> str | None:
    """Speciosa's unit word for a UCUM code (or, failing that, a unit as printed), or None."""
    for word, (code, _shown) in LAB_UCUM.items():
        if ucum_code is not None and ucum_code == code:
            return word
    if ucum_code is not None and ucum_code in UCUM_ALIASES:
        return UCUM_ALIASES[ucum_code]
    for word, (code, shown) in LAB_UCUM.items():
        if printed is not None and printed.strip().lower() in {word.lower(), shown.lower(), code.lower()}:
            return word
    return None
