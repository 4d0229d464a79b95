"""Phrases several rules must say the same way, so that a patient reads one promise in one voice.

Everything here is the patient's plain first layer (short sentences, everyday words; a test holds the alerts that
use them to a Flesch-Kincaid grade of 8 or less). Clinical terms belong in an alert's ``clinical_message``.

An urgent "stop kratom" action is only safe advice with its consequence attached: after regular use, stopping at once
can bring opioid-like withdrawal within a day (Stanciu 2019 review; Singh 2014 found withdrawal in most daily users),
so every such action ends with ``STOPPING_NOTE``.
"""

from __future__ import annotations

import datetime as dt

STOPPING_NOTE = ("If you take kratom every day, stopping at once can bring withdrawal within a day or two. You may "
                 "have aches, a runny nose, loose stools, poor sleep or cravings. Tell your clinician you are "
                 "stopping so they can help you. Call your local emergency number if you feel very unwell.")

# Jargon the patient's first layer never uses: it belongs to the clinical voice. Matched as whole words.
CLINICAL_TERMS = ("Hy's law", "ULN", "R =", "nR", "CYP3A", "CYP3A4", "CYP2D6", "hERG", "IMMPACT", "95% interval",
                  "DSM-5", "PHQ-4", "PHQ-2", "GAD-2", "SOWS", "QT interval", "leaf-equivalent", "DILI", "INR",
                  "version 1")


def with_stopping_note(action: str) -> str:
    """``action`` followed by the withdrawal warning that must go with any advice to stop kratom."""
    return f"{action.rstrip()} {STOPPING_NOTE}"


def about_leaf(grams: float) -> str:
    """A leaf-equivalent amount as a patient reads it: ``about 12 g of leaf`` (the term is explained once, on the
    page that shows it)."""
    shown = f"{grams:.1f}".rstrip("0").rstrip(".") if grams < 10 else f"{round(grams)}"
    return f"about {shown} g of leaf"


def plain_date(day: dt.date | dt.datetime | str) -> str:
    """A date as the first layer says it: ``18 Nov`` (pages show dates in the patient's own format; the alert's text
    is stored, so it uses one short form that reads the same everywhere)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {day:%b} {day.year}"


# The patient's "Safety checks" page: what Speciosa watches, by topic, in plain words. Each topic takes the rules of
# its families, except the codes another topic names (product quality and the law share the "product" family).
# (key, heading, what it is about, families, codes)
PATIENT_TOPICS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("liver", "Your liver",
     "Kratom has damaged the liver in some people. We watch your liver blood tests and signs like yellow skin.",
     ("liver", "labs"), ()),
    ("medicines", "Mixing with medicines",
     "Kratom can change how some medicines work, and some medicines change how kratom works.",
     ("interactions",), ()),
    ("amount", "How much and how fast",
     "We compare what you take with your plan, and look for amounts that keep going up.",
     ("dosing",), ()),
    ("dependence", "Withdrawal and dependence",
     "Taking kratom every day can make your body depend on it. We look for signs of this.",
     ("dependence",), ()),
    ("mood", "Mood", "We read your answers about worry and mood, and point you to help if you need it.",
     ("mood",), ()),
    ("quality", "What is in your products",
     "Kratom products differ, and some hold things they should not.",
     (), ("PRODUCT_7OH", "PRODUCT_NOT_LAB_TESTED")),
    ("law", "The law where you live", "Kratom is banned or limited in some places.", (), ("PRODUCT_ILLEGAL",)),
    ("health", "Pregnancy and health problems",
     "Some people need extra care with kratom: when pregnant or breastfeeding, or with seizures.",
     ("population",), ()),
    ("helps", "Whether it helps", "We check whether your pain is getting better, so you can judge if kratom is "
     "worth its risks.", ("outcomes",), ()),
)

# How strong the evidence behind a check is, said plainly (the evidence levels of speciosa.core.evidence).
PLAIN_EVIDENCE = {
    "clinical-study": "Strong: studies in people found this.",
    "guideline": "Strong: a medical guideline or a health agency sets this.",
    "case-reports": "Some: doctors have reported it in single patients, but there are no trials.",
    "in-vitro": "Weak: lab tests show it, but it is not yet seen in people.",
    "expert-consensus": "Some: experts agree on it, but kratom itself was not studied.",
}
# The evidence library's verdict and certainty, said plainly (speciosa.core.evidence_library).
PLAIN_VERDICT = {
    "supported": "Studies back this up",
    "mixed": "Studies disagree",
    "preclinical": "Only tested in animals or the lab",
    "contradicted": "Studies show this is wrong",
    "unknown": "No one knows yet",
}
PLAIN_GRADE = {
    "high": "we are very sure",
    "moderate": "we are fairly sure",
    "low": "we are not very sure",
    "very low": "we are not sure at all",
}
