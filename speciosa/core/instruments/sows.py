"""SOWS: the Subjective Opiate Withdrawal Scale (Handelsman 1987), used here for kratom withdrawal.

Sixteen symptoms, each rated now from 0 (not at all) to 4 (extremely); the score is the total, 0-64. It has been used
with kratom users (mean 13.5, SD 11.9, among 395 US users; Rogers 2024), and no withdrawal scale specific to kratom
has been validated. The original paper gives no severity bands. The "1-10 mild, 11-20 moderate, 21 or more severe"
bands seen on websites trace to a research convention, not a validation: the NIDA Clinical Trials Network coded trial
CTN-0051's totals that way when harmonising its data (CTN-0094). The WITHDRAWAL alert uses them (a clinician may set
another threshold); the score page compares the total with the patient's own.
"""

from __future__ import annotations

from speciosa.core.bibliography import cite
from speciosa.core.instruments.model import Frequency, Instrument, Item, Option, Scoring

HANDELSMAN_1987 = cite("handelsman-1987")
ROGERS_2024 = cite("rogers-2024")
EMCDDA_SOWS = cite("emcdda-sows")

_OPTIONS = (Option(0, "Not at all"), Option(1, "A little"), Option(2, "Moderately"), Option(3, "Quite a bit"),
            Option(4, "Extremely"))
_SYMPTOMS = (
    "I feel anxious", "I feel like yawning", "I am perspiring", "My eyes are tearing", "My nose is running",
    "I have goosebumps", "I am shaking", "I have hot flushes", "I have cold flushes", "My bones and muscles ache",
    "I feel restless", "I feel nauseous", "I feel like vomiting", "My muscles twitch", "I have stomach cramps",
    "I feel like taking kratom now",
)

SOWS = Instrument(
    id="sows",
    version="1",
    title="Subjective Opiate Withdrawal Scale (SOWS), for kratom",
    short_title="SOWS",
    purpose="Withdrawal symptoms you feel right now, such as after a missed or smaller dose.",
    instructions="For each statement, choose how you feel now.",
    items=tuple(Item(text, _OPTIONS) for text in _SYMPTOMS),
    scoring=Scoring.SUM,
    sources=(HANDELSMAN_1987, ROGERS_2024, EMCDDA_SOWS),
    licence=("Published scale, reproduced without charge by public agencies (EMCDDA, SAMHSA) for clinical use; no "
             "licence terms restrict its use. The journal article itself is the publisher's copyright."),
    freely_usable=True,
    suggested_frequency=Frequency.WEEKLY,
    adaptation=('Item 16, "I feel like using now", reads "I feel like taking kratom now", as in studies of '
                "kratom users."),
    limits=("No validated severity bands (the withdrawal alert uses the NIDA CTN research convention: 11-20 "
            "moderate, 21 or more severe): compare totals over time. Many symptoms have other causes (a cold, "
            "anxiety, poor sleep). Validated in opioid withdrawal, not specifically in kratom withdrawal."),
)
