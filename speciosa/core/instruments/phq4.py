"""PHQ-4: the four-item screen for anxiety and depression (GAD-2 plus PHQ-2).

Kroenke 2009: items 1-2 are the GAD-2 (anxiety), items 3-4 the PHQ-2 (depression), each 0-3 over the last two weeks.
The total (0-12) is read as normal 0-2, mild 3-5, moderate 6-8, severe 9-12; each two-item subscale of 3 or more is a
positive screen. Pfizer's notice on the PHQ family: no permission required to reproduce, translate, display or
distribute.
"""

from __future__ import annotations

from speciosa.core.bibliography import cite
from speciosa.core.instruments.model import Band, Frequency, Instrument, Item, Option, Scoring, Subscale

KROENKE_2009 = cite("kroenke-2009")
LOWE_2010 = cite("lowe-2010")

_OPTIONS = (Option(0, "Not at all"), Option(1, "Several days"), Option(2, "More than half the days"),
            Option(3, "Nearly every day"))

PHQ4 = Instrument(
    id="phq4",
    version="1",
    title="PHQ-4: a short screen for anxiety and depression",
    short_title="PHQ-4",
    purpose="How often worry and low mood have bothered you over the last two weeks.",
    instructions="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        Item("Feeling nervous, anxious or on edge", _OPTIONS, loinc="69725-0"),
        Item("Not being able to stop or control worrying", _OPTIONS, loinc="68509-9"),
        Item("Little interest or pleasure in doing things", _OPTIONS, loinc="44250-9"),
        Item("Feeling down, depressed or hopeless", _OPTIONS, loinc="44255-8"),
    ),
    scoring=Scoring.SUM,
    sources=(KROENKE_2009, LOWE_2010),
    licence=("Copyright Pfizer Inc.; no permission required to reproduce, translate, display or distribute "
             "(Pfizer's notice on the PHQ screeners)."),
    freely_usable=True,
    suggested_frequency=Frequency.BIWEEKLY,
    bands=(Band(0, "normal", "Few or no symptoms (0-2)."),
           Band(3, "mild", "Mild symptoms (3-5)."),
           Band(6, "moderate", "Moderate symptoms (6-8)."),
           Band(9, "severe", "Severe symptoms (9-12).")),
    band_sources=(KROENKE_2009,),
    subscales=(Subscale("gad2", "Anxiety (GAD-2)", (0, 1), positive_at=3),
               Subscale("phq2", "Depression (PHQ-2)", (2, 3), positive_at=3)),
    loinc_panel="69724-3",
    loinc_status=("Panel 69724-3 appears in several public FHIR repositories; the items share the GAD-7 and PHQ-9 "
                  "item codes. No code for the PHQ-4 total was confirmed (GAD-2 total 70272-0 and PHQ-2 total "
                  "55758-7 were seen in single repositories). Not checked at loinc.org."),
    limits=("A screen, not a diagnosis: a positive subscale is a reason to talk with a clinician and, usually, to "
            "answer the longer PHQ-9 or GAD-7."),
)
