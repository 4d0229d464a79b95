"""An alert as one line in a clinician's words: "Liver: ALT 7.4×ULN, bilirubin 2.6×".

The rules speak to the patient ("Your total bilirubin was ..."); a clinician scanning a panel or a red-flags box
needs the finding itself, named by its organ or its drug class, with the figures that make it serious. This module
reads the evidence each rule stores (the same dict the alert carries) and never re-decides anything: a code it does
not know, or evidence it cannot read, falls back to the rule's own title, which never quotes the record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from speciosa.core.charts.words import number

# Lab codes as a clinician writes them in a line ("bilirubin", not "TBIL").
LAB_WORDS = {"ALT": "ALT", "AST": "AST", "ALP": "ALP", "GGT": "GGT", "TBIL": "bilirubin", "INR": "INR"}
LIVER_ORDER = ("ALT", "TBIL", "AST", "ALP", "GGT")
SYMPTOM_WORDS = {"jaundice": "jaundice", "dark_urine": "dark urine", "pale_stools": "pale stools",
                 "itching": "pruritus", "abdominal_pain": "RUQ pain", "nausea": "nausea",
                 "loss_of_appetite": "anorexia"}
CLASS_WORDS = {"opioid": "opioid", "benzodiazepine": "benzodiazepine", "gabapentinoid": "gabapentinoid",
               "z_drug": "Z-drug", "sedating_antihistamine": "sedating antihistamine", "muscle_relaxant":
               "muscle relaxant", "barbiturate": "barbiturate", "antipsychotic": "antipsychotic"}


def _x(value: Any) -> str:
    return f"{number(float(value))}×"


def _liver_multiples(evidence: Mapping[str, Any], *, key: str = "x_uln", most: int = 3) -> str:
    """The raised tests of one draw, worst organ marker first: "ALT 7.4×ULN, bilirubin 2.6×, AST 6.4×"."""
    # The bilirubin rule stores its own multiple as a number under "x_uln" and the whole draw under "draw_x_uln".
    multiples = next((found for found in (evidence.get(key), evidence.get("draw_x_uln"))
                      if isinstance(found, Mapping)), None)
    if multiples is None:
        return ""
    raised = [(code, value) for code in LIVER_ORDER if isinstance(value := multiples.get(code), int | float)
              and value > 1.0]
    parts = [f"{LAB_WORDS[code]} {_x(value)}{'ULN' if index == 0 else ''}"
             for index, (code, value) in enumerate(raised[:most])]
    return ", ".join(parts)


def _liver(evidence: Mapping[str, Any]) -> str:
    figures = _liver_multiples(evidence)
    pattern = evidence.get("pattern")
    tail = f" ({pattern} pattern)" if isinstance(pattern, str) and pattern else ""
    return f"Liver: {figures}{tail}" if figures else ""


def _bilirubin(evidence: Mapping[str, Any]) -> str:
    figures = _liver_multiples(evidence)
    if figures:
        return f"Liver: {figures}"
    value = evidence.get("x_uln")
    return f"Liver: bilirubin {_x(value)}ULN" if isinstance(value, int | float) else ""


def _liver_symptoms(evidence: Mapping[str, Any]) -> str:
    symptoms = evidence.get("symptoms")
    if not isinstance(symptoms, Mapping) or not symptoms:
        return ""
    named = [SYMPTOM_WORDS.get(str(sign), str(sign).replace("_", " ")) for sign in symptoms]
    return f"Liver symptoms: {', '.join(named[:4])}"


def _medicines(evidence: Mapping[str, Any]) -> list[str]:
    found = evidence.get("medicines")
    if not isinstance(found, list):
        return []
    return [str(item.get("generic") or item.get("name")) for item in found if isinstance(item, Mapping)]


def _cns(evidence: Mapping[str, Any]) -> str:
    names = _medicines(evidence)
    return f"Kratom + CNS depressant: {', '.join(names)}" if names else ""


def _interaction(label: str) -> Callable[[Mapping[str, Any]], str]:
    def line(evidence: Mapping[str, Any]) -> str:
        names = _medicines(evidence)
        return f"{label}: {', '.join(names)}" if names else ""
    return line


def _dose_high(evidence: Mapping[str, Any]) -> str:
    days = evidence.get("days")
    if not isinstance(days, list) or not days:
        return ""
    found = [day.get("leaf_equivalent_g") for day in days if isinstance(day, Mapping)]
    amounts: list[float] = [float(amount) for amount in found if isinstance(amount, int | float)]
    if not amounts:
        return ""
    return f"High dose: up to {number(max(amounts))} g/day leaf-eq on {len(amounts)} day{'s' * (len(amounts) > 1)}"


def _escalation(evidence: Mapping[str, Any]) -> str:
    before, after, rise = (evidence.get(key) for key in ("earlier_mean_g", "recent_mean_g", "rise_pct"))
    if not all(isinstance(value, int | float) for value in (before, after, rise)):
        return ""
    return f"Dose escalation: {number(before)} → {number(after)} g/day (+{number(rise, 0)}%), no pain relief"


def _above_plan(evidence: Mapping[str, Any]) -> str:
    days = evidence.get("days")
    count = len(days) if isinstance(days, list) else None
    return f"Above plan limit on {count} day{'s' * (count != 1)}" if count else ""


def _pregnancy(evidence: Mapping[str, Any]) -> str:
    state = "pregnant" if evidence.get("pregnant") else "breastfeeding" if evidence.get("breastfeeding") else ""
    doses = evidence.get("doses_last_30_days")
    tail = f", {doses} doses in 30 days" if isinstance(doses, int) else ""
    return f"Kratom while {state}{tail}" if state else ""


def _seven_oh(evidence: Mapping[str, Any]) -> str:
    products = evidence.get("products")
    if not isinstance(products, list) or not products:
        return ""
    first = products[0] if isinstance(products[0], Mapping) else {}
    total = first.get("hydroxymitragynine_mg_last_30_days")
    tail = f" ({number(total, 0)} mg 7-OH in 30 days)" if isinstance(total, int | float) else ""
    return f"Concentrated 7-OH product{tail}"


def _withdrawal(evidence: Mapping[str, Any]) -> str:
    symptoms = evidence.get("symptoms")
    hours = evidence.get("hours_since_last_dose")
    if not isinstance(symptoms, Mapping) or not symptoms:
        return ""
    tail = f", {number(hours, 0)} h after last dose" if isinstance(hours, int | float) else ""
    return f"Withdrawal: {', '.join(str(s).replace('_', ' ') for s in list(symptoms)[:3])}{tail}"


def _mood(evidence: Mapping[str, Any]) -> str:
    phq2, gad2 = evidence.get("phq2"), evidence.get("gad2")
    if not isinstance(phq2, int) or not isinstance(gad2, int):
        return ""
    return f"Positive mood screen: PHQ-2 {phq2}/6, GAD-2 {gad2}/6"


def _pain(evidence: Mapping[str, Any]) -> str:
    before, now, fall = (evidence.get(key) for key in ("baseline_pain", "current_pain", "fall_pct"))
    if not all(isinstance(value, int | float) for value in (before, now, fall)):
        return ""
    return f"Pain not improving: {number(before)} → {number(now)} ({number(fall, 0)}% fall, <30%)"


def _labs_overdue(evidence: Mapping[str, Any]) -> str:
    interval = evidence.get("interval_days")
    since = evidence.get("days_since_test")
    if isinstance(since, int) and isinstance(interval, int):
        return f"LFTs overdue: last {since} days ago (plan: every {interval})"
    used = evidence.get("days_of_use")
    return f"LFTs overdue: none in {used} days of use" if isinstance(used, int) else ""


LINES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "LIVER_SEVERE": _liver, "LIVER_HYS_LAW": _liver, "LIVER_INJURY": _liver, "LIVER_ENZYMES_RAISED": _liver,
    "LIVER_BILIRUBIN_HIGH": _bilirubin, "LIVER_SYMPTOMS": _liver_symptoms,
    "INTERACTION_CNS_DEPRESSANT": _cns, "INTERACTION_CYP3A": _interaction("Kratom + CYP3A substrate"),
    "INTERACTION_CYP2D6": _interaction("Kratom + CYP2D6 substrate"),
    "INTERACTION_QT": _interaction("Kratom + QT-prolonging drug"),
    "INTERACTION_KRATOM_METABOLISM": _interaction("Kratom clearance altered by"),
    "INTERACTION_OPIOID_ANTAGONIST": _interaction("Kratom + opioid antagonist"),
    "DOSE_HIGH": _dose_high, "DOSE_ESCALATION": _escalation, "DOSE_ABOVE_PLAN": _above_plan,
    "PREGNANCY": _pregnancy, "PRODUCT_7OH": _seven_oh, "WITHDRAWAL": _withdrawal, "MOOD_SCREEN_POSITIVE": _mood,
    "PAIN_NOT_IMPROVING": _pain, "LABS_OVERDUE": _labs_overdue,
}


def clinical_line(code: str, evidence: Any, *, title: str) -> str:
    """The alert in one clinical line from its evidence, or ``title`` when the evidence is absent (hidden from this
    viewer) or not in the shape this module knows."""
    line = LINES.get(code)
    if line is None or not isinstance(evidence, Mapping) or not evidence:
        return title
    try:
        return line(evidence) or title
    except (TypeError, ValueError, AttributeError):  # evidence written by an older rule version
        return title
