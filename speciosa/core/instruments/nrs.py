"""NRS: the 0-10 numeric rating scale of pain intensity (average pain over the last 24 hours).

The single-item 0-10 scale IMMPACT recommends as the core measure of pain intensity in chronic pain trials
(Dworkin 2005). It is in the public domain. The bands are the cut-points Boonstra 2016 derived for chronic
musculoskeletal pain from pain's interference with function (mild up to 5, moderate 6-7, severe 8-10); cut-points
differ by condition (in cancer pain 1-4, 5-6, 7-10; Serlin 1995), so the band is a guide, the number is the measure.
"""

from __future__ import annotations

from speciosa.core.bibliography import cite
from speciosa.core.instruments.model import Band, Frequency, Instrument, Item, Scoring, scale

DWORKIN_2005 = cite("dworkin-2005")
BOONSTRA_2016 = cite("boonstra-2016")
SERLIN_1995 = cite("serlin-1995")

NRS = Instrument(
    id="nrs",
    version="1",
    title="Numeric rating scale of pain intensity",
    short_title="Pain NRS",
    purpose="How strong your pain has been, on a scale from 0 to 10.",
    instructions="Choose the one number that best describes your pain on average over the last 24 hours.",
    items=(Item("Your pain on average over the last 24 hours",
                scale(0, 10, {0: "0 No pain", 10: "10 Pain as bad as you can imagine"}), loinc="72514-3"),),
    scoring=Scoring.SUM,
    sources=(DWORKIN_2005,),
    licence="Public domain: a 0-10 rating scale belongs to no one and may be used freely.",
    freely_usable=True,
    suggested_frequency=Frequency.DAILY,
    bands=(Band(0, "none", "No pain."),
           Band(1, "mild", "Mild pain (1-5)."),
           Band(6, "moderate", "Moderate pain (6-7)."),
           Band(8, "severe", "Severe pain (8-10).")),
    band_sources=(BOONSTRA_2016, SERLIN_1995),
    loinc_score="72514-3",
    loinc_status=("72514-3 (Pain severity - 0-10 verbal numeric rating [Score] - Reported) appears in several HL7 "
                  "implementation guides; not checked at loinc.org."),
    limits=("Cut-points between mild, moderate and severe differ between conditions and studies; a change of about "
            "2 points (or 30%) is the change patients tend to call meaningful (IMMPACT)."),
)
