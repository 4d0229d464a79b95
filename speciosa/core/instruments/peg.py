"""PEG: the three-item scale of Pain intensity, interference with Enjoyment of life and with General activity.

Krebs 2009 derived it from the Brief Pain Inventory for primary care: each item 0-10 over the past week, the score
is the mean of the three (0-10). It was valid and responsive to change in that paper. It has no official severity
bands (the "0-3.9 / 4-6.9 / 7-10" seen on some websites is not from the authors), so none are given here.
Free to use; developed with public (US Department of Veterans Affairs) funding, and listed as public domain in
LOINC's questionnaire catalogue.
"""

from __future__ import annotations

from speciosa.core.bibliography import cite
from speciosa.core.instruments.model import Frequency, Instrument, Item, Scoring, scale

KREBS_2009 = cite("krebs-2009")

_INTERFERENCE = {0: "0 Does not interfere", 10: "10 Completely interferes"}

PEG = Instrument(
    id="peg",
    version="1",
    title="PEG: pain, enjoyment of life and general activity",
    short_title="PEG",
    purpose="How strong your pain was over the past week and how much it got in the way of your life.",
    instructions="Choose the one number for each question that best describes the past week.",
    items=(
        Item("What number best describes your pain on average in the past week?",
             scale(0, 10, {0: "0 No pain", 10: "10 Pain as bad as you can imagine"}), loinc="75893-8"),
        Item("What number best describes how, during the past week, pain has interfered with your enjoyment of "
             "life?", scale(0, 10, _INTERFERENCE), loinc="91145-3"),
        Item("What number best describes how, during the past week, pain has interfered with your general "
             "activity?", scale(0, 10, _INTERFERENCE), loinc="91146-1"),
    ),
    scoring=Scoring.MEAN,
    sources=(KREBS_2009,),
    licence=("Free to use without permission (publicly funded; listed as public domain in LOINC's questionnaire "
             "catalogue)."),
    freely_usable=True,
    suggested_frequency=Frequency.WEEKLY,
    loinc_panel="91148-7",
    loinc_score="91147-9",
    loinc_status=("Panel 91148-7 and mean score 91147-9 (items 75893-8, 91145-3, 91146-1) appear in public FHIR "
                  "repositories built from LOINC's own questionnaire; not checked at loinc.org."),
    limits=("No severity bands are published: read the score against your own earlier scores. The score is "
            "rounded to two decimals."),
)
