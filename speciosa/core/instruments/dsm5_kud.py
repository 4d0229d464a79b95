"""DSM-5 kratom use disorder checklist: the eleven substance use disorder criteria, asked about kratom.

Each item is answered yes (1) or no (0) for the past 12 months; the score is the number of criteria met, and DSM-5's
severity follows from it: 0-1 none, 2-3 mild, 4-5 moderate, 6 or more severe. The bands are read from the DEPENDENCE
safety rule, which raises an alert from these same answers, so the page and the alert can never disagree.

The criteria belong to the American Psychiatric Association; the items below are a plain-language paraphrase applied
to kratom, as research on kratom use disorder has done (Smith 2022), not the DSM-5 text. A self-completed checklist
is a screen, not a diagnosis.
"""

from __future__ import annotations

from speciosa.core.instruments.model import YES_NO, Band, Frequency, Instrument, Item, Scoring
from speciosa.core.safety.rules.dependence import (
    DSM5_INSTRUMENT,
    DSM5_ITEMS,
    DSM5_TABLE,
    SEVERITY_BANDS,
    SMITH_2022,
    SMITH_2024_KUD,
)

_CRITERIA = (
    "Taken kratom in larger amounts, or for longer, than you meant to?",
    "Wanted to cut down or stop taking kratom, or tried to, without managing it?",
    "Spent a lot of time getting kratom, taking it, or getting over its effects?",
    "Had cravings or strong urges to take kratom?",
    "Fallen behind at work, school or home because of kratom?",
    "Kept taking kratom even though it caused or worsened problems with other people?",
    "Given up or cut down important social, work or leisure activities because of kratom?",
    "Taken kratom in situations where it was physically dangerous, such as before driving?",
    "Kept taking kratom although you knew it caused or worsened a physical or mental health problem?",
    "Needed more kratom to get the same effect, or felt less effect from the same amount (tolerance)?",
    "Had withdrawal symptoms when you cut down or stopped, or taken kratom to avoid them?",
)
assert len(_CRITERIA) == DSM5_ITEMS

_MEANINGS = {
    "mild": "2-3 criteria: a mild kratom use disorder on the DSM-5 count.",
    "moderate": "4-5 criteria: a moderate kratom use disorder on the DSM-5 count.",
    "severe": "6 or more criteria: a severe kratom use disorder on the DSM-5 count.",
}

DSM5_KUD = Instrument(
    id=DSM5_INSTRUMENT,
    version="1",
    title="DSM-5 criteria for kratom use disorder (checklist)",
    short_title="DSM-5 kratom use",
    purpose="Whether kratom use has taken on the features of a use disorder over the past year.",
    instructions="In the past 12 months, have you…",
    items=tuple(Item(text, YES_NO) for text in _CRITERIA),
    scoring=Scoring.COUNT,
    sources=(DSM5_TABLE, SMITH_2022, SMITH_2024_KUD),
    licence=("Free to use: Speciosa's own plain-language wording of the eleven DSM-5 criteria (the criteria and "
             "the DSM-5 text are the American Psychiatric Association's; the text is not reproduced)."),
    freely_usable=True,
    suggested_frequency=Frequency.MONTHLY,
    bands=(Band(0, "none", "0-1 criteria: no use disorder on the DSM-5 count."),
           *(Band(minimum, name, _MEANINGS[name]) for minimum, name, _severity in sorted(SEVERITY_BANDS))),
    band_sources=(DSM5_TABLE,),
    adaptation="The criteria are paraphrased in plain words and asked about kratom.",
    limits=("A screen, not a diagnosis. DSM-5 does not count tolerance and withdrawal (items 10 and 11) for a "
            "substance taken solely under appropriate medical supervision: while a clinician's plan was in force "
            "when the answers were given, the DEPENDENCE alert shows the count with and without them and bands on "
            "the count without them; with no plan, all eleven count."),
)
