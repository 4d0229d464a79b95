"""Interaction rules at the opioid receptor: sedating medicines that add to kratom, and opioid blockers that undo it."""

from __future__ import annotations

from collections.abc import Iterator

from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.interactions.common import (
    FAMILY,
    HILL_2022,
    RECENT_USE_DAYS,
    Match,
    active_matches,
    base_evidence,
    entry,
    join,
    recent_kratom,
    stopped_note,
    subject,
    taking,
)
from speciosa.core.snapshot import Snapshot

URGENT_CNS_CLASSES = ("opioid", "benzodiazepine", "gabapentinoid", "z_drug", "barbiturate", "oxybate",
                      "carbamate_sedative")
WARNING_CNS_CLASSES = ("sedating_antihistamine", "muscle_relaxant", "sedating_antipsychotic", "sedating_antidepressant",
                       "orexin_antagonist", "alpha2_agonist", "dissociative_anesthetic", "cannabinoid", "alcohol")
CLASS_WORDS = {
    "opioid": "opioids", "benzodiazepine": "benzodiazepines", "gabapentinoid": "gabapentinoids",
    "z_drug": "Z-drug sleeping pills", "barbiturate": "barbiturates", "oxybate": "sodium oxybate (GHB)",
    "carbamate_sedative": "carisoprodol or meprobamate",
    "sedating_antihistamine": "sedating antihistamines", "muscle_relaxant": "muscle relaxants",
    "sedating_antipsychotic": "sedating antipsychotics", "sedating_antidepressant": "sedating antidepressants",
    "orexin_antagonist": "orexin-blocking sleeping pills", "alpha2_agonist": "clonidine-type medicines",
    "dissociative_anesthetic": "ketamine-type medicines", "cannabinoid": "prescription cannabinoids",
    "alcohol": "alcohol",
}
ANTAGONIST_CLASS = "opioid_antagonist"


OLSEN_2019 = cite("olsen-2019")
CORKERY_2019 = cite("corkery-2019")
SURIAGA_2024 = cite("suriaga-2024")
JENSEN_2021 = cite("jensen-2021")
JARKA_2023 = cite("jarka-2023")
VIVITROL_LABEL = cite("vivitrol-label")
CNS_EVIDENCE = ("The evidence comes from death investigations and case reports, and from animal studies of breathing; "
                "no controlled study in people has measured this combination.")


@rule(code="INTERACTION_CNS_DEPRESSANT", version=2, title="Kratom with a medicine that can slow breathing",
      family=FAMILY, severities=(Severity.WARNING, Severity.URGENT), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(OLSEN_2019, CORKERY_2019, SURIAGA_2024, HILL_2022),
      plain_title="Kratom with a medicine that makes you sleepy",
      plain_summary=("We check whether you take a medicine that makes you sleepy or slows breathing, like opioids or "
                     "sleeping pills. With kratom, the effects add up."))
def cns_depressant(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine that depresses the central nervous system and
    is taken today or was stopped within its washout (about five half-lives after the last dose; weeks for diazepam,
    months for a buprenorphine depot). Urgent with opioids, benzodiazepines (etizolam included), gabapentinoids
    (phenibut included), Z-drugs, barbiturates, sodium oxybate (Xyrem, Xywav, Lumryz) or carisoprodol/meprobamate; a
    warning with sedating antihistamines, muscle relaxants, sedating antipsychotics, sedating antidepressants
    (trazodone, mirtazapine, sedating tricyclics including low-dose doxepin), orexin-blocking sleeping pills
    (suvorexant, lemborexant, daridorexant), clonidine-type medicines, ketamine or esketamine, prescription
    cannabinoids, or alcohol (entered as a medicine). Combination products count by each ingredient (Percocet counts
    as oxycodone). A stopped medicine is named with the date it was stopped.

    Why:
    Kratom's alkaloids act on mu-opioid receptors. Its metabolite 7-OH mitragynine depressed breathing in mice in a
    dose-dependent way, without the ceiling seen with mitragynine (Hill 2022). Deaths involving kratom are mostly
    polysubstance deaths: of 152 US overdose deaths with kratom detected, only 7 had kratom alone (Olsen, MMWR 2019);
    87% of 156 deaths reviewed by Corkery 2019 involved other substances; in Florida 2020-2021, 93% of
    mitragynine-positive decedents had other substances and 79% at least one opioid (Suriaga 2024). Sodium oxybate
    and carisoprodol/meprobamate carry the same kind of breathing risk as benzodiazepines (oxybate's boxed warning
    names respiratory depression and forbids other sedative hypnotics). A medicine keeps acting after its last dose
    until it has left the body, so stopping it does not end the interaction at once.

    Known limits:
    Medicines the table does not know are ignored, so an unlisted sedative does not raise this alert. The split
    between urgent and warning classes is a judgement from the labels' warnings, not from kratom studies. Washouts
    are five half-lives from the labels, not measured levels; a stop date is read as the day of the last dose. The
    14-day window does not weigh amount or timing within the day. Alcohol is seen only when entered as a medicine.
    The evidence is observational (death records, case reports) and from animals.
    """
    last_dose = recent_kratom(snapshot)
    if last_dose is None:
        return
    hits: list[tuple[Match, list[str]]] = []
    for found in active_matches(snapshot):
        classes = [c for c in (*URGENT_CNS_CLASSES, *WARNING_CNS_CLASSES) if c in found.drug.classes]
        if classes:
            hits.append((found, classes))
    if not hits:
        return
    urgent = [found for found, classes in hits if set(classes) & set(URGENT_CNS_CLASSES)]
    present = [c for c in (*URGENT_CNS_CLASSES, *WARNING_CNS_CLASSES) if any(c in cs for _, cs in hits)]
    kinds = join([CLASS_WORDS[c] for c in present])
    evidence = base_evidence(last_dose, (entry(found, classes=classes) for found, classes in hits))
    medicines = taking([found for found, _ in hits])
    stopped = stopped_note([found for found, _ in hits])
    plain = (f"You took kratom in the last {RECENT_USE_DAYS} days and {medicines}. Kratom works a bit like an "
             "opioid. With medicines like these, it can make you very sleepy")
    if urgent:
        yield cns_depressant.alert(
            Severity.URGENT,
            message=(plain + ", and it can slow or stop your breathing. Most deaths linked to kratom also involved "
                     "other drugs, most often opioids." + stopped),
            action=("Do not take kratom at the same time as these medicines. Talk with your prescriber today about "
                    "this mix. If someone cannot be woken, breathes very slowly or not at all, or has blue lips, "
                    "call for emergency help now (911 in the US). Give naloxone if you have it."),
            clinical=(f"You took kratom in the last {RECENT_USE_DAYS} days and {medicines}. Kratom acts on the "
                     f"same receptors as opioids; together with {kinds} it can cause deep sleepiness and slow or "
                     "stop breathing. Most deaths in which kratom was found involved other substances as well, "
                     f"most often opioids. {CNS_EVIDENCE}{stopped}"),
            evidence=evidence,
        )
        return
    yield cns_depressant.alert(
        Severity.WARNING,
        message=plain + " and slow your breathing and reactions." + stopped,
        action=("Ask your prescriber or pharmacist whether this mix is right for you. Until then, do not take them "
                "at the same time. Do not drive if you feel sleepy, and do not drink alcohol with kratom."),
        clinical=(f"You took kratom in the last {RECENT_USE_DAYS} days and {medicines}. Kratom acts on the same "
                 f"receptors as opioids; {kinds} add to drowsiness, and the combination can slow breathing and "
                 f"reactions. {CNS_EVIDENCE}{stopped}"),
        evidence=evidence,
    )


@rule(code="INTERACTION_OPIOID_ANTAGONIST", version=1, title="Kratom with an opioid blocker (naltrexone and similar)",
      family=FAMILY, severities=(Severity.URGENT,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(JENSEN_2021, JARKA_2023, VIVITROL_LABEL), plain_title="Kratom with an opioid blocker",
      plain_summary=("We check whether you take a medicine that blocks opioids, like naltrexone. With kratom, it can "
                     "bring on sudden, strong withdrawal."))
def opioid_antagonist(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with an opioid blocker taken to block opioids for days or
    weeks: naltrexone by mouth, the monthly naltrexone injection (Vivitrol), naltrexone-bupropion (Contrave),
    nalmefene, or samidorphan (olanzapine-samidorphan, Lybalvi). It counts while the blocker is taken and after it
    was stopped, for its washout: 3 days for tablets, 50 days after an injection. Always urgent. Naloxone (overdose
    rescue, or the poorly absorbed naloxone in buprenorphine-naloxone) does not count, nor the sequestered
    naltrexone in Embeda.

    Why:
    Kratom's alkaloids act on mu-opioid receptors and regular use brings physical dependence. An antagonist pushes
    them off the receptor: a naltrexone injection given to a patient using kratom alone (no other opioid) was
    followed by opioid withdrawal (Jensen 2021), and naltrexone precipitated withdrawal in a patient whose chronic
    kratom use had not been disclosed (Jarka 2023). The injection keeps blocking for about a month (half-life 5-10
    days; the Vivitrol label asks for 7-10 opioid-free days first). Taking more kratom or opioids to overcome the
    block risks overdose, above all as the block wears off.

    Known limits:
    The evidence is case reports; how much kratom, and how recently, is enough to precipitate withdrawal is not
    known, so any kratom in the last 14 days counts. Medicines the table does not know are ignored. Nalmefene
    sold for overdose reversal (Opvee, Zurnai) counts like the tablets, although it is used once in an emergency.
    Washouts are five half-lives from the labels, not measured levels.
    """
    last_dose = recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in active_matches(snapshot) if ANTAGONIST_CLASS in found.drug.classes]
    if not hits:
        return
    yield opioid_antagonist.alert(
        Severity.URGENT,
        message=(f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}. "
                 f"{subject(hits, 'blocks', 'block')} the parts of the body that kratom acts on. If you take kratom "
                 "often, this can bring on sudden, strong withdrawal within hours. You may throw up, have loose "
                 "stools, sweat, shake or feel your heart race. Taking more kratom to get past the block is "
                 "dangerous. It can cause an overdose." + stopped_note(hits)),
        action=("Talk with the prescriber of this medicine today and tell them you use kratom. Do not start it or "
                "take another dose before you have. Do not take more kratom or any opioid to get past the block. "
                "Get urgent care now if you have strong withdrawal: if you cannot stop throwing up, have chest pain, "
                "feel confused or cannot keep fluids down."),
        clinical=(f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}. "
                 f"{subject(hits, 'blocks', 'block')} the opioid receptors that kratom acts on. With regular "
                 "kratom use this can bring on sudden, severe "
                 "withdrawal within hours: vomiting, diarrhoea, sweating, shaking, agitation and a racing heart. A "
                 "naltrexone injection keeps blocking for about a month. Taking more kratom or an opioid to get "
                 "through the block is dangerous and can cause an overdose, above all as the blocker wears off. "
                 "The evidence is from case reports." + stopped_note(hits)),
        evidence=base_evidence(last_dose, (entry(found, classes=[ANTAGONIST_CLASS]) for found in hits)),
    )
