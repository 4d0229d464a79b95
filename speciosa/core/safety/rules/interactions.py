"""Interaction rules: kratom together with medicines that add to its effects or whose levels it may change.

Every rule here looks at the same two things: whether kratom was taken recently, and which of the patient's medicines
are recognised by the medicine table (speciosa.core.drugs) and still act on the snapshot's day. Each rule returns at
most one alert, listing every matching medicine in its evidence (the name as entered, the generic it was matched to,
and why it matched).

A medicine still acts while it is taken and, once stopped, for its washout: about five half-lives of its longest-lived
active part after the last dose (the medication's ``stop`` date), longer for depot injections (Vivitrol, Sublocade);
each row of the table carries its washout and source. A stopped medicine in its washout is listed with the date it was
stopped, and the alert says so.

"Recently" means a dose on one of the last 14 calendar days, today included, in the patient's zone. Mitragynine's
elimination half-life was 23 h in daily users (Trakulsrichai 2015) and a median 45 h after a single 2 g dose of tea
(Tanna 2022, as tabulated in the 2023 DMD review); 14 days is more than seven of the longer half-lives, by which time
under 1% is left, so a gap shorter than that is not taken as a break from kratom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from speciosa.core import drugs
from speciosa.core.drugs import Drug
from speciosa.core.evidence import EvidenceLevel, Source
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.snapshot import Medication, Snapshot

FAMILY = "interactions"
RECENT_USE_DAYS = 14

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
KRATOM_ENZYMES = ("3A4", "2D6")
STRONG_PERPETRATOR_ROLES = ("inhibitor-strong", "inducer-strong")
CYP_SUBSTRATE_ROLES = ("substrate", "substrate-sensitive", "substrate-nti")
CYP_STRONG_ROLES = ("substrate-sensitive", "substrate-nti")
QT_RISKS = ("known", "possible", "conditional")
QT_CONDITIONS = ("long_qt_heart_disease",)

OLSEN_2019 = Source("Olsen EO, O'Donnell J, Mattson CL, Schier JG, Wilson N. Notes from the Field: Unintentional Drug "
                    "Overdose Deaths with Kratom Detected - 27 States, July 2016-December 2017. MMWR 2019;68(14):326-327. "
                    "doi:10.15585/mmwr.mm6814a2", "https://doi.org/10.15585/mmwr.mm6814a2")
CORKERY_2019 = Source("Corkery JM et al. Characteristics of deaths associated with kratom use. J Psychopharmacol "
                      "2019;33(9):1102-1123. doi:10.1177/0269881119862530", "https://doi.org/10.1177/0269881119862530")
SURIAGA_2024 = Source("Suriaga A et al. J Addict Med 2024 (mitragynine-positive deaths in Florida medical examiner "
                      "data, 2020-2021). doi:10.1097/ADM.0000000000001417",
                      "https://doi.org/10.1097/ADM.0000000000001417")
HILL_2022 = Source("Hill R, Kruegel AC, Javitch JA, Lane JR, Canals M. The respiratory depressant effects of mitragynine "
                   "are limited by its conversion to 7-OH mitragynine. Br J Pharmacol 2022. doi:10.1111/bph.15832",
                   "https://doi.org/10.1111/bph.15832")
TANNA_2023 = Source("Tanna RS et al. Clinical assessment of the drug interaction potential of the psychotropic natural "
                    "product kratom. Clin Pharmacol Ther 2023. doi:10.1002/cpt.2891", "https://doi.org/10.1002/cpt.2891")
TANNA_2021 = Source("Tanna RS et al. Refined prediction of pharmacokinetic kratom-drug interactions: time-dependent "
                    "inhibition considerations. J Pharmacol Exp Ther 2021;376(1):64-73",
                    "https://jpet.aspetjournals.org/content/376/1/64")
FDA_CYP_TABLE = Source("U.S. FDA. For Healthcare Professionals | FDA's Examples of Drugs that Interact with CYP Enzymes "
                       "and Transporter Systems", "https://www.fda.gov/drugs/drug-interactions-labeling/"
                       "healthcare-professionals-fdas-examples-drugs-interact-cyp-enzymes-and-transporter-systems")
LEONG_ABDULLAH_2021 = Source("Leong Abdullah MFI et al. Is kratom (Mitragyna speciosa Korth.) use "
                             "associated with ECG abnormalities? Comparison between regular kratom users and controls. "
                             "Clin Toxicol 2021;59(5):400-408. doi:10.1080/15563650.2020.1812627",
                             "https://doi.org/10.1080/15563650.2020.1812627")
LEONG_ABDULLAH_CASES_2021 = Source("Leong Abdullah MFI et al. Assessment of cardiovascular functioning among regular "
                                   "kratom (Mitragyna speciosa Korth) users: a case series. Front Pharmacol "
                                   "2021;12:723567. doi:10.3389/fphar.2021.723567",
                                   "https://doi.org/10.3389/fphar.2021.723567")
CARDIAC_REVIEW_2021 = Source("Front Pharmacol 2021;12:726003 (review of kratom's cardiovascular effects: hERG "
                             "blockade, QTc, arrhythmia case reports). doi:10.3389/fphar.2021.726003",
                             "https://doi.org/10.3389/fphar.2021.726003")
CREDIBLEMEDS = Source("AZCERT. CredibleMeds QTdrugs list (known, possible and conditional risk of torsades de pointes)",
                      "https://www.crediblemeds.org")

JENSEN_2021 = Source("Jensen AN, Truong QN, Jameson M, Nadal CN. Kratom-induced transaminitis with subsequent "
                     "precipitated opioid withdrawal following naltrexone. Ment Health Clin 2021;11(3):220-224. "
                     "doi:10.9740/mhc.2021.05.220", "https://doi.org/10.9740/mhc.2021.05.220")
JARKA_2023 = Source("Jarka C, Gregoire K. Precipitated withdrawal with kratom use following naltrexone administration. "
                    "Ment Health Clin 2023;13(3):155-158. doi:10.9740/mhc.2023.06.155",
                    "https://doi.org/10.9740/mhc.2023.06.155")
VIVITROL_LABEL = Source("VIVITROL (naltrexone for extended-release injectable suspension) US prescribing information: "
                        "an opioid-free interval of 7-10 days before the first injection; half-life 5-10 days",
                        "https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=vivitrol")
KAMBLE_2019 = Source("Kamble SH, Sharma A, King TI, Leon F, McCurdy CR, Avery BA. Metabolite profiling and "
                     "identification of enzymes responsible for the metabolism of mitragynine, the major alkaloid of "
                     "Mitragyna speciosa (kratom). Xenobiotica 2019;49(11):1279-1288. doi:10.1080/00498254.2018.1552819",
                     "https://doi.org/10.1080/00498254.2018.1552819")
KAMBLE_2023 = Source("Kamble SH, Obeng S, Leon F, et al. Pharmacokinetic and pharmacodynamic consequences of "
                     "cytochrome P450 3A inhibition on mitragynine metabolism in rats. J Pharmacol Exp Ther "
                     "2023;385(3):180-192", "https://jpet.aspetjournals.org/content/385/3/180")
BASILIERE_2020 = Source("Basiliere S, Kerrigan S. CYP450-mediated metabolism of mitragynine and investigation of "
                        "metabolites in human urine. J Anal Toxicol 2020;44(4):301-313",
                        "https://ouci.dntb.gov.ua/en/works/loGzkZEl")

CNS_EVIDENCE = ("The evidence comes from death investigations and case reports, and from animal studies of breathing; "
                "no controlled study in people has measured this combination.")


@dataclass(frozen=True, slots=True)
class _Match:
    """One medicine that still acts, as entered, and one reference medicine it was matched to.

    ``stopped_on`` is the medication's stop date when it was stopped before today and is still within its washout
    (``washout_days`` after the last dose); both are None for a medicine taken today.
    """

    medication: Medication
    drug: Drug
    stopped_on: dt.date | None = None
    washout_days: int | None = None


def _recent_kratom(snapshot: Snapshot) -> str | None:
    """When the last dose of the window was taken (ISO), or None when no kratom was taken in the window."""
    recent = daily.recent_doses(snapshot, RECENT_USE_DAYS)
    return recent[-1].taken_at.isoformat() if recent else None


def _active_matches(snapshot: Snapshot) -> list[_Match]:
    """Every (medicine, ingredient) pair that still acts today: taken today, or stopped within its washout.

    Unknown medicines are left out. A medicine that has not started yet does not count.
    """
    today = snapshot.today
    found: list[_Match] = []
    for medication in snapshot.medications:
        if medication.active_on(today):
            found.extend(_Match(medication, drug) for drug in drugs.match_all(medication.name, medication.rxnorm))
            continue
        stop = medication.stop
        if stop is None or stop >= today or (medication.start is not None and medication.start > stop):
            continue
        for drug in drugs.match_all(medication.name, medication.rxnorm):
            days = drugs.washout(drug, medication.name).days
            if (today - stop).days <= days:
                found.append(_Match(medication, drug, stopped_on=stop, washout_days=days))
    return found


def _listing(matches: Sequence[_Match]) -> str:
    names = []
    for found in matches:
        entered = found.medication.name.strip()
        label = entered if entered.lower() == found.drug.name else f"{entered} ({found.drug.name})"
        if label not in names:
            names.append(label)
    return _join(names)


def _taking(matches: Sequence[_Match]) -> str:
    """ "take X", "recently stopped X" or "take or recently stopped X and Y", as the medicines are."""
    stopped = [found.stopped_on is not None for found in matches]
    verb = "recently stopped" if all(stopped) else "take or recently stopped" if any(stopped) else "take"
    return f"{verb} {_listing(matches)}"


def _stopped_note(matches: Sequence[_Match]) -> str:
    """One sentence per stopped medicine: when it was stopped and how long it still acts; empty when none was."""
    notes = []
    for found in matches:
        if found.stopped_on is None:
            continue
        note = (f" You stopped {found.medication.name.strip()} on {found.stopped_on.isoformat()}, but it stays in "
                f"the body and can still interact for about {found.washout_days} days after the last dose.")
        if note not in notes:
            notes.append(note)
    return "".join(notes)


def _subject(matches: Sequence[_Match], singular: str, plural: str) -> str:
    """ "Ketoconazole slows" or "Ketoconazole and verapamil slow": the listing as the subject of a sentence."""
    listing = _listing(matches)
    verb = singular if len({found.medication.name for found in matches}) == 1 else plural
    return f"{listing[:1].upper()}{listing[1:]} {verb}"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _entry(found: _Match, **roles: object) -> dict[str, object]:
    entry: dict[str, object] = {"name": found.medication.name, "generic": found.drug.name, **roles}
    if found.stopped_on is not None:
        entry |= {"stopped_on": found.stopped_on.isoformat(), "washout_days": found.washout_days}
    return entry


def _base_evidence(last_dose: str, entries: Iterable[dict[str, object]]) -> dict[str, object]:
    return {"kratom_last_dose_at": last_dose, "window_days": RECENT_USE_DAYS, "medicines": list(entries)}


@rule(code="INTERACTION_CNS_DEPRESSANT", version=2, title="Kratom with a medicine that can slow breathing",
      family=FAMILY, severities=(Severity.WARNING, Severity.URGENT), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(OLSEN_2019, CORKERY_2019, SURIAGA_2024, HILL_2022))
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
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits: list[tuple[_Match, list[str]]] = []
    for found in _active_matches(snapshot):
        classes = [c for c in (*URGENT_CNS_CLASSES, *WARNING_CNS_CLASSES) if c in found.drug.classes]
        if classes:
            hits.append((found, classes))
    if not hits:
        return
    urgent = [found for found, classes in hits if set(classes) & set(URGENT_CNS_CLASSES)]
    present = [c for c in (*URGENT_CNS_CLASSES, *WARNING_CNS_CLASSES) if any(c in cs for _, cs in hits)]
    kinds = _join([CLASS_WORDS[c] for c in present])
    evidence = _base_evidence(last_dose, (_entry(found, classes=classes) for found, classes in hits))
    listing = _taking([found for found, _ in hits])
    stopped = _stopped_note([found for found, _ in hits])
    if urgent:
        yield cns_depressant.alert(
            Severity.URGENT,
            message=(f"You took kratom in the last {RECENT_USE_DAYS} days and {listing}. Kratom acts on the "
                     f"same receptors as opioids; together with {kinds} it can cause deep sleepiness and slow or "
                     "stop breathing. Most deaths in which kratom was found involved other substances as well, "
                     f"most often opioids. {CNS_EVIDENCE}{stopped}"),
            action=("Do not take kratom at the same time as these medicines, and speak with your prescriber today "
                    "about this combination. If someone cannot be woken, breathes very slowly or not at all, or "
                    "has blue lips, call emergency services now (911 in the US) and give naloxone if you have it."),
            evidence=evidence,
        )
        return
    yield cns_depressant.alert(
        Severity.WARNING,
        message=(f"You took kratom in the last {RECENT_USE_DAYS} days and {listing}. Kratom acts on the same "
                 f"receptors as opioids; {kinds} add to drowsiness, and the combination can slow breathing and "
                 f"reactions. {CNS_EVIDENCE}{stopped}"),
        action=("Ask your prescriber or pharmacist whether this combination is right for you. Until then, avoid "
                "taking them at the same time, do not drive if you feel drowsy, and avoid alcohol with kratom."),
        evidence=evidence,
    )


@rule(code="INTERACTION_CYP3A", version=2, title="Kratom may raise the level of a medicine cleared by CYP3A",
      family=FAMILY, severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CLINICAL_STUDY,
      sources=(TANNA_2023, TANNA_2021, FDA_CYP_TABLE))
def cyp3a(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine taken today, or stopped within its washout,
    that is cleared in part by CYP3A4 (the table's ``cyp["3A4"]`` is ``substrate``, ``substrate-sensitive`` or
    ``substrate-nti``). The message names sensitive substrates (FDA's table) and narrow-therapeutic-index
    substrates more strongly.

    Why:
    In a clinical study, a single 2 g dose of kratom tea raised the exposure (AUC) to midazolam, a CYP3A test
    medicine, 1.39-fold (90% CI 1.23-1.57) and its peak 1.50-fold; the half-life did not change, which points to
    inhibition in the gut wall (Tanna 2023). Mitragynine is a time-dependent CYP3A inhibitor in vitro, and modelling
    predicted larger effects than were measured (Tanna 2021).

    Known limits:
    Only one single-dose study in healthy volunteers exists; regular or higher doses were not studied and may act
    more strongly. The CYP roles come from the FDA's example table and labels as recalled, not a complete list;
    medicines the table does not know are ignored. Prodrugs activated partly by CYP3A (clopidogrel is activated
    mainly by CYP2C19) are not alerted here. Washouts are five half-lives from the labels.
    """
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in _active_matches(snapshot) if found.drug.cyp_role("3A4") in CYP_SUBSTRATE_ROLES]
    if not hits:
        return
    strong = [found for found in hits if found.drug.cyp_role("3A4") in CYP_STRONG_ROLES]
    message = (f"You took kratom in the last {RECENT_USE_DAYS} days and {_taking(hits)}, which the body "
               "clears partly through the enzyme CYP3A. In a clinical study one cup of kratom tea (2 g of leaf) "
               "raised the level of midazolam, a medicine cleared this way, by about 1.4 times; larger or repeated "
               "kratom doses were not studied and may have a bigger effect.")
    if strong:
        message += (f" {_listing(strong)} {'is' if len(strong) == 1 else 'are'} especially sensitive to this: "
                    "even a modest rise in level can cause side effects or harm.")
    message += _stopped_note(hits)
    yield cyp3a.alert(
        Severity.WARNING,
        message=message,
        action=("Tell the prescriber of these medicines that you use kratom; they may check a blood level or watch "
                "for side effects such as more sleepiness. Do not change a medicine dose on your own."),
        evidence=_base_evidence(last_dose, (_entry(found, cyp3a4=found.drug.cyp_role("3A4")) for found in hits)),
    )


@rule(code="INTERACTION_CYP2D6", version=2, title="Kratom and a medicine that depends on CYP2D6", family=FAMILY,
      severities=(Severity.INFO, Severity.WARNING), evidence_level=EvidenceLevel.IN_VITRO,
      sources=(TANNA_2021, TANNA_2023, FDA_CYP_TABLE))
def cyp2d6(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine taken today, or stopped within its washout,
    that CYP2D6 clears or activates. A warning for narrow-therapeutic-index substrates (``substrate-nti``) and for
    prodrugs that CYP2D6 activates (``prodrug``: codeine, tramadol, tamoxifen); otherwise information.

    Why:
    Mitragynine inhibits CYP2D6 strongly in human liver microsomes (IC50 0.67 uM, competitive, Ki 1.17 uM; Tanna
    2021). Yet in the clinical study a single 2 g dose of kratom tea left dextromethorphan, a CYP2D6 test medicine,
    unchanged (AUC ratio 0.99; Tanna 2023). The clinical effect is therefore uncertain; where less CYP2D6 activity
    would matter most (a prodrug losing its effect, a narrow-index drug rising), the alert is a warning.

    Known limits:
    The evidence is laboratory data and one negative single-dose study; regular or high doses were not studied. CYP
    roles are from the FDA's example table and labels as recalled; medicines the table does not know are ignored.
    """
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in _active_matches(snapshot) if found.drug.cyp_role("2D6") is not None]
    if not hits:
        return
    prodrugs = [found for found in hits if found.drug.cyp_role("2D6") == "prodrug"]
    narrow = [found for found in hits if found.drug.cyp_role("2D6") == "substrate-nti"]
    message = (f"You took kratom in the last {RECENT_USE_DAYS} days and {_taking(hits)}, which the enzyme "
               "CYP2D6 clears or activates. Mitragynine, kratom's main alkaloid, strongly blocks CYP2D6 in "
               "laboratory tests, but in a clinical study one 2 g dose of kratom tea did not change the level of "
               "dextromethorphan, a medicine cleared this way. So the effect in people is uncertain and may be "
               "small; regular or higher doses were not studied.")
    if prodrugs:
        message += (f" {_listing(prodrugs)} {'needs' if len(prodrugs) == 1 else 'need'} CYP2D6 to become active, "
                    "so if the enzyme were blocked it could work less well.")
    if narrow:
        message += (f" {_listing(narrow)} {'has' if len(narrow) == 1 else 'have'} a narrow margin between a "
                    "helpful and a harmful level.")
    message += _stopped_note(hits)
    severity = Severity.WARNING if prodrugs or narrow else Severity.INFO
    action = ("Tell your prescriber that you use kratom, and report if a medicine seems to work less well or you "
              "notice new side effects. Do not change a medicine dose on your own."
              if severity is Severity.WARNING else
              "No change is needed on this account alone; mention your kratom use at your next medicine review.")
    yield cyp2d6.alert(
        severity, message=message, action=action,
        evidence=_base_evidence(last_dose, (_entry(found, cyp2d6=found.drug.cyp_role("2D6")) for found in hits)),
    )


@rule(code="INTERACTION_QT", version=2, title="Kratom with a QT-prolonging medicine or a heart-rhythm condition",
      family=FAMILY, severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(LEONG_ABDULLAH_2021, LEONG_ABDULLAH_CASES_2021, CARDIAC_REVIEW_2021, CREDIBLEMEDS))
def qt(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine taken today, or stopped within its washout
    (amiodarone: about 300 days), in a CredibleMeds QT category
    (known, possible or conditional risk of torsades de pointes), or with the condition ``long_qt_heart_disease`` in
    the patient's conditions.

    Why:
    Mitragynine blocks the hERG potassium channel in vitro, the mechanism by which drugs prolong QT (review, Front
    Pharmacol 2021). Regular users had higher odds of a borderline QTc than non-users, though not of a prolonged one
    (Leong Abdullah 2021, 100 users and 100 controls), and in a small case series higher serum mitragynine went with
    longer QTc (Front Pharmacol 2021). QT-prolonging effects can add up, and a long-QT or heart condition lowers the
    margin further.

    Known limits:
    The evidence is limited (laboratory data, one cross-sectional study, a case series of nine). QT categories are
    after CredibleMeds as recalled, not checked drug by drug against the live list. Electrolytes, heart rate and
    ECGs are not part of the snapshot. Medicines the table does not know are ignored.
    """
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in _active_matches(snapshot) if found.drug.qt_risk in QT_RISKS]
    conditions = [c for c in QT_CONDITIONS if c in snapshot.patient.conditions]
    if not hits and not conditions:
        return
    found_text = f"You took kratom in the last {RECENT_USE_DAYS} days"
    if hits:
        listed = "is" if len({found.medication.name for found in hits}) == 1 else "are"
        found_text += f" and {_taking(hits)}, which {listed} listed as able to prolong the QT interval"
    if conditions:
        found_text += f"{'; you also have' if hits else ' and have'} a long-QT or heart condition recorded"
    evidence = _base_evidence(last_dose, (_entry(found, qt_risk=found.drug.qt_risk) for found in hits))
    evidence["conditions"] = conditions
    yield qt.alert(
        Severity.WARNING,
        message=(f"{found_text}. Kratom may itself lengthen the QT interval of the heartbeat: mitragynine blocks the heart's hERG channel in "
                 "laboratory tests, and regular users had more borderline QT readings in one study. These effects "
                 "can add up and, rarely, lead to a dangerous heart rhythm. The evidence is limited."
                 + _stopped_note(hits)),
        action=("Ask your clinician whether you need an ECG (heart tracing). Get urgent care for fainting, a racing "
                "or irregular heartbeat, or a seizure."),
        evidence=evidence,
    )


@rule(code="INTERACTION_OPIOID_ANTAGONIST", version=1, title="Kratom with an opioid blocker (naltrexone and similar)",
      family=FAMILY, severities=(Severity.URGENT,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(JENSEN_2021, JARKA_2023, VIVITROL_LABEL))
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
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in _active_matches(snapshot) if ANTAGONIST_CLASS in found.drug.classes]
    if not hits:
        return
    yield opioid_antagonist.alert(
        Severity.URGENT,
        message=(f"You took kratom in the last {RECENT_USE_DAYS} days and {_taking(hits)}. "
                 f"{_subject(hits, 'blocks', 'block')} the opioid receptors that kratom acts on. With regular "
                 "kratom use this can bring on sudden, severe "
                 "withdrawal within hours: vomiting, diarrhoea, sweating, shaking, agitation and a racing heart. A "
                 "naltrexone injection keeps blocking for about a month. Taking more kratom or an opioid to get "
                 "through the block is dangerous and can cause an overdose, above all as the blocker wears off. "
                 "The evidence is from case reports." + _stopped_note(hits)),
        action=("Speak with the prescriber of this medicine today and tell them you use kratom; do not start or "
                "take another dose before you have. Do not take more kratom or any opioid to overcome the block. If "
                "you have severe withdrawal (vomiting or diarrhoea you cannot stop, confusion, chest pain, or you "
                "cannot keep fluids down), get urgent medical care now."),
        evidence=_base_evidence(last_dose, (_entry(found, classes=[ANTAGONIST_CLASS]) for found in hits)),
    )


@rule(code="INTERACTION_KRATOM_METABOLISM", version=1, title="A medicine that may change how the body clears kratom",
      family=FAMILY, severities=(Severity.INFO, Severity.WARNING), evidence_level=EvidenceLevel.IN_VITRO,
      sources=(KAMBLE_2019, BASILIERE_2020, KAMBLE_2023, HILL_2022, FDA_CYP_TABLE))
def kratom_metabolism(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine, taken today or stopped within its washout,
    that changes the enzymes clearing kratom: a CYP3A4 inhibitor (ritonavir and nirmatrelvir-ritonavir, cobicistat,
    azole antifungals, clarithromycin, erythromycin, diltiazem, verapamil, grapefruit), a CYP3A4 inducer (rifampin,
    rifabutin, carbamazepine, phenytoin, phenobarbital, St John's wort, efavirenz, modafinil) or a CYP2D6 inhibitor
    (fluoxetine, paroxetine, bupropion, quinidine, terbinafine, duloxetine). A warning for an FDA strong CYP3A
    inhibitor or inducer; information for moderate ones and for CYP2D6 inhibitors. The message says which way the
    effect goes.

    Why:
    Mitragynine, kratom's main alkaloid, is cleared mainly by CYP3A4, with minor parts for CYP2D6 and CYP2C9, and
    CYP3A4 forms 7-OH mitragynine in human enzyme studies (Kamble 2019; Basiliere & Kerrigan 2020). Blocking CYP3A4
    can make mitragynine build up: in rats, ketoconazole raised exposure to mitragynine by 120% and to 7-OH
    mitragynine by 130%, and made mitragynine 4.7-fold and 7-OH 9.7-fold more potent in an opioid discrimination
    test (Kamble 2023). Speeding CYP3A4 up can clear kratom faster (less effect, earlier withdrawal). Strength
    classes follow the FDA's table (strong: a sensitive substrate's exposure rises at least 5-fold, or falls by at
    least 80%).

    Known limits:
    No study in people has measured any of these medicines with kratom; the direction is inferred from enzyme and
    animal studies, which disagree in part: in mice a CYP3A blocker reduced mitragynine's breathing and pain-relief
    effects (Hill 2022), while in rats it raised both alkaloids and their potency (Kamble 2023). The inducer
    direction has not been studied at all. CYP2D6
    plays a minor part, so its inhibitors are information only. Medicines the table does not know are ignored;
    strengths were taken from the FDA-based tables as summarised, not re-read row by row. Washouts for inducers
    (about two weeks) are general, not per medicine.
    """
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in _active_matches(snapshot)
            if any(found.drug.perpetrator_role(enzyme) for enzyme in KRATOM_ENZYMES)]
    if not hits:
        return
    role_3a4 = {found: found.drug.perpetrator_role("3A4") or "" for found in hits}
    inhibitors = [found for found in hits if role_3a4[found].startswith("inhibitor")]
    inducers = [found for found in hits if role_3a4[found].startswith("inducer")]
    cyp2d6 = [found for found in hits if found.drug.perpetrator_role("2D6")]
    parts = [f"You took kratom in the last {RECENT_USE_DAYS} days and {_taking(hits)}. Mitragynine, kratom's main "
             "alkaloid, is broken down mainly by the liver enzyme CYP3A4."]
    if inhibitors:
        parts.append(f"{_subject(inhibitors, 'slows', 'slow')} this enzyme, so kratom may build up: "
                     "its effects may be "
                     "stronger and last longer, with more sleepiness and, together with other sedating medicines, "
                     "a greater risk of slowed breathing.")
    if inducers:
        parts.append(f"{_subject(inducers, 'speeds', 'speed')} this enzyme up, so kratom may be cleared "
                     "faster: it may work "
                     "less well and wear off sooner, and withdrawal symptoms may come on between doses.")
    if cyp2d6:
        parts.append(f"{_subject(cyp2d6, 'blocks', 'block')} CYP2D6, which has a smaller part in clearing "
                     "mitragynine; the "
                     "effect on kratom is probably small.")
    parts.append("No study in people has measured these combinations, so the size of the effect is not known."
                 + _stopped_note(hits))
    strong = [found for found in hits if role_3a4[found] in STRONG_PERPETRATOR_ROLES]
    severity = Severity.WARNING if strong else Severity.INFO
    if severity is Severity.WARNING:
        watch = []
        if inhibitors:
            watch.append("more sleepiness, slow breathing or feeling unusually strong effects")
        if inducers:
            watch.append("withdrawal symptoms such as aches, restlessness, sweating or diarrhoea")
        action = (f"Tell the prescriber of {_listing(strong)} that you use kratom, and watch for "
                  f"{', and for '.join(watch)}. ")
        if inducers:
            action += "Do not take more kratom to make up for a weaker effect. "
        action += ("Do not change a medicine on your own. If someone cannot be woken or breathes very slowly, call "
                   "emergency services now.")
    else:
        action = ("No change is needed on this account alone; mention your kratom use at your next medicine review, "
                  "and tell your prescriber if kratom starts to feel stronger or weaker than usual.")
    yield kratom_metabolism.alert(
        severity, message=" ".join(parts), action=action,
        evidence=_base_evidence(last_dose, (
            _entry(found, perpetrator={enzyme: role for enzyme, role in found.drug.perpetrator},
                   effect_on_kratom=("more" if found in inhibitors else "less" if found in inducers else "small"))
            for found in hits)),
    )
