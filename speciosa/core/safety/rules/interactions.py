"""Interaction rules: kratom together with medicines that add to its effects or whose levels it may change.

Every rule here looks at the same two things: whether kratom was taken recently, and which of the patient's medicines
are active on the snapshot's day and recognised by the medicine table (speciosa.core.drugs). Each rule returns at most
one alert, listing every matching medicine in its evidence (the name as entered, the generic it was matched to, and
why it matched).

"Recently" means a dose on one of the last 14 calendar days, today included, in the patient's zone. Mitragynine's
elimination half-life was 23 h in daily users (Trakulsrichai 2015) and a median 45 h after a single 2 g dose of tea
(Tanna 2022, as tabulated in the 2023 DMD review); 14 days is more than seven of the longer half-lives, by which time
under 1% is left, so a gap shorter than that is not taken as a break from kratom.
"""

from __future__ import annotations

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

URGENT_CNS_CLASSES = ("opioid", "benzodiazepine", "gabapentinoid", "z_drug", "barbiturate")
WARNING_CNS_CLASSES = ("sedating_antihistamine", "muscle_relaxant", "sedating_antipsychotic", "alcohol")
CLASS_WORDS = {
    "opioid": "opioids", "benzodiazepine": "benzodiazepines", "gabapentinoid": "gabapentinoids",
    "z_drug": "Z-drug sleeping pills", "barbiturate": "barbiturates",
    "sedating_antihistamine": "sedating antihistamines", "muscle_relaxant": "muscle relaxants",
    "sedating_antipsychotic": "sedating antipsychotics", "alcohol": "alcohol",
}
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

CNS_EVIDENCE = ("The evidence comes from death investigations and case reports, and from animal studies of breathing; "
                "no controlled study in people has measured this combination.")


@dataclass(frozen=True, slots=True)
class _Match:
    """One active medicine, as entered, and one reference medicine it was matched to."""

    medication: Medication
    drug: Drug


def _recent_kratom(snapshot: Snapshot) -> str | None:
    """When the last dose of the window was taken (ISO), or None when no kratom was taken in the window."""
    recent = daily.recent_doses(snapshot, RECENT_USE_DAYS)
    return recent[-1].taken_at.isoformat() if recent else None


def _active_matches(snapshot: Snapshot) -> list[_Match]:
    """Every (medicine, ingredient) pair for medicines active today; unknown medicines are left out."""
    today = snapshot.today
    return [_Match(medication, drug)
            for medication in snapshot.medications if medication.active_on(today)
            for drug in drugs.match_all(medication.name, medication.rxnorm)]


def _listing(matches: Sequence[_Match]) -> str:
    names = []
    for found in matches:
        entered = found.medication.name.strip()
        label = entered if entered.lower() == found.drug.name else f"{entered} ({found.drug.name})"
        if label not in names:
            names.append(label)
    return _join(names)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _entry(found: _Match, **roles: object) -> dict[str, object]:
    return {"name": found.medication.name, "generic": found.drug.name, **roles}


def _base_evidence(last_dose: str, entries: Iterable[dict[str, object]]) -> dict[str, object]:
    return {"kratom_last_dose_at": last_dose, "window_days": RECENT_USE_DAYS, "medicines": list(entries)}


@rule(code="INTERACTION_CNS_DEPRESSANT", version=1, title="Kratom with a medicine that can slow breathing",
      family=FAMILY, severities=(Severity.WARNING, Severity.URGENT), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(OLSEN_2019, CORKERY_2019, SURIAGA_2024, HILL_2022))
def cns_depressant(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine active today that depresses the central
    nervous system. Urgent with opioids, benzodiazepines, gabapentinoids, Z-drugs or barbiturates; a warning with
    sedating antihistamines, muscle relaxants, sedating antipsychotics or alcohol (entered as a medicine).
    Combination products count by each ingredient (Percocet counts as oxycodone).

    Why:
    Kratom's alkaloids act on mu-opioid receptors. Its metabolite 7-OH mitragynine depressed breathing in mice in a
    dose-dependent way, without the ceiling seen with mitragynine (Hill 2022). Deaths involving kratom are mostly
    polysubstance deaths: of 152 US overdose deaths with kratom detected, only 7 had kratom alone (Olsen, MMWR 2019);
    87% of 156 deaths reviewed by Corkery 2019 involved other substances; in Florida 2020-2021, 93% of
    mitragynine-positive decedents had other substances and 79% at least one opioid (Suriaga 2024).

    Known limits:
    Medicines the table does not know are ignored, so an unlisted sedative does not raise this alert. Other sedating
    medicines outside the listed classes (trazodone, mirtazapine, tricyclic antidepressants, ketamine) are not
    counted. The 14-day window does not weigh amount or timing within the day. Alcohol is seen only when entered
    as a medicine. The evidence is observational (death records, case reports) and from animals.
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
    listing = _listing([found for found, _ in hits])
    if urgent:
        yield cns_depressant.alert(
            Severity.URGENT,
            message=(f"You took kratom in the last {RECENT_USE_DAYS} days and take {listing}. Kratom acts on the "
                     f"same receptors as opioids; together with {kinds} it can cause deep sleepiness and slow or "
                     "stop breathing. Most deaths in which kratom was found involved other substances as well, "
                     f"most often opioids. {CNS_EVIDENCE}"),
            action=("Do not take kratom at the same time as these medicines, and speak with your prescriber today "
                    "about this combination. If someone cannot be woken, breathes very slowly or not at all, or "
                    "has blue lips, call emergency services now (911 in the US) and give naloxone if you have it."),
            evidence=evidence,
        )
        return
    yield cns_depressant.alert(
        Severity.WARNING,
        message=(f"You took kratom in the last {RECENT_USE_DAYS} days and take {listing}. Kratom acts on the same "
                 f"receptors as opioids; {kinds} add to drowsiness, and the combination can slow breathing and "
                 f"reactions. {CNS_EVIDENCE}"),
        action=("Ask your prescriber or pharmacist whether this combination is right for you. Until then, avoid "
                "taking them at the same time, do not drive if you feel drowsy, and avoid alcohol with kratom."),
        evidence=evidence,
    )


@rule(code="INTERACTION_CYP3A", version=1, title="Kratom may raise the level of a medicine cleared by CYP3A",
      family=FAMILY, severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CLINICAL_STUDY,
      sources=(TANNA_2023, TANNA_2021, FDA_CYP_TABLE))
def cyp3a(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine active today that is cleared in part by
    CYP3A4 (the table's ``cyp["3A4"]`` is ``substrate``, ``substrate-sensitive`` or ``substrate-nti``). The message
    names sensitive substrates (FDA's table) and narrow-therapeutic-index substrates more strongly.

    Why:
    In a clinical study, a single 2 g dose of kratom tea raised the exposure (AUC) to midazolam, a CYP3A test
    medicine, 1.39-fold (90% CI 1.23-1.57) and its peak 1.50-fold; the half-life did not change, which points to
    inhibition in the gut wall (Tanna 2023). Mitragynine is a time-dependent CYP3A inhibitor in vitro, and modelling
    predicted larger effects than were measured (Tanna 2021).

    Known limits:
    Only one single-dose study in healthy volunteers exists; regular or higher doses were not studied and may act
    more strongly. The CYP roles come from the FDA's example table and labels as recalled, not a complete list;
    medicines the table does not know are ignored.
    """
    last_dose = _recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in _active_matches(snapshot) if found.drug.cyp_role("3A4") in CYP_SUBSTRATE_ROLES]
    if not hits:
        return
    strong = [found for found in hits if found.drug.cyp_role("3A4") in CYP_STRONG_ROLES]
    message = (f"You took kratom in the last {RECENT_USE_DAYS} days and take {_listing(hits)}, which the body "
               "clears partly through the enzyme CYP3A. In a clinical study one cup of kratom tea (2 g of leaf) "
               "raised the level of midazolam, a medicine cleared this way, by about 1.4 times; larger or repeated "
               "kratom doses were not studied and may have a bigger effect.")
    if strong:
        message += (f" {_listing(strong)} {'is' if len(strong) == 1 else 'are'} especially sensitive to this: "
                    "even a modest rise in level can cause side effects or harm.")
    yield cyp3a.alert(
        Severity.WARNING,
        message=message,
        action=("Tell the prescriber of these medicines that you use kratom; they may check a blood level or watch "
                "for side effects such as more sleepiness. Do not change a medicine dose on your own."),
        evidence=_base_evidence(last_dose, (_entry(found, cyp3a4=found.drug.cyp_role("3A4")) for found in hits)),
    )


@rule(code="INTERACTION_CYP2D6", version=1, title="Kratom and a medicine that depends on CYP2D6", family=FAMILY,
      severities=(Severity.INFO, Severity.WARNING), evidence_level=EvidenceLevel.IN_VITRO,
      sources=(TANNA_2021, TANNA_2023, FDA_CYP_TABLE))
def cyp2d6(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine active today that CYP2D6 clears or
    activates. A warning for narrow-therapeutic-index substrates (``substrate-nti``) and for prodrugs that CYP2D6
    activates (``prodrug``: codeine, tramadol, tamoxifen); otherwise information.

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
    message = (f"You took kratom in the last {RECENT_USE_DAYS} days and take {_listing(hits)}, which the enzyme "
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
    severity = Severity.WARNING if prodrugs or narrow else Severity.INFO
    action = ("Tell your prescriber that you use kratom, and report if a medicine seems to work less well or you "
              "notice new side effects. Do not change a medicine dose on your own."
              if severity is Severity.WARNING else
              "No change is needed on this account alone; mention your kratom use at your next medicine review.")
    yield cyp2d6.alert(
        severity, message=message, action=action,
        evidence=_base_evidence(last_dose, (_entry(found, cyp2d6=found.drug.cyp_role("2D6")) for found in hits)),
    )


@rule(code="INTERACTION_QT", version=1, title="Kratom with a QT-prolonging medicine or a heart-rhythm condition",
      family=FAMILY, severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(LEONG_ABDULLAH_2021, LEONG_ABDULLAH_CASES_2021, CARDIAC_REVIEW_2021, CREDIBLEMEDS))
def qt(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Kratom taken in the last 14 calendar days together with a medicine active today in a CredibleMeds QT category
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
        found_text += f" and take {_listing(hits)}, which {listed} listed as able to prolong the QT interval"
    if conditions:
        found_text += f"{'; you also have' if hits else ' and have'} a long-QT or heart condition recorded"
    evidence = _base_evidence(last_dose, (_entry(found, qt_risk=found.drug.qt_risk) for found in hits))
    evidence["conditions"] = conditions
    yield qt.alert(
        Severity.WARNING,
        message=(f"{found_text}. Kratom may itself lengthen the QT interval of the heartbeat: mitragynine blocks the heart's hERG channel in "
                 "laboratory tests, and regular users had more borderline QT readings in one study. These effects "
                 "can add up and, rarely, lead to a dangerous heart rhythm. The evidence is limited."),
        action=("Ask your clinician whether you need an ECG (heart tracing). Get urgent care for fainting, a racing "
                "or irregular heartbeat, or a seizure."),
        evidence=evidence,
    )
