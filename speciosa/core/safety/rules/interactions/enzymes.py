"""Interaction rules at the liver enzymes: medicines whose levels kratom may change, and medicines that change kratom."""

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
    active_matches,
    base_evidence,
    entry,
    listing,
    recent_kratom,
    stopped_note,
    subject,
    taking,
)
from speciosa.core.snapshot import Snapshot

KRATOM_ENZYMES = ("3A4", "2D6")
STRONG_PERPETRATOR_ROLES = ("inhibitor-strong", "inducer-strong")
CYP_SUBSTRATE_ROLES = ("substrate", "substrate-sensitive", "substrate-nti")
CYP_STRONG_ROLES = ("substrate-sensitive", "substrate-nti")

TANNA_2023 = cite("tanna-2023")
TANNA_2021 = cite("tanna-2021")
FDA_CYP_TABLE = cite("fda-cyp-table")
KAMBLE_2019 = cite("kamble-2019")
KAMBLE_2023 = cite("kamble-2023")
BASILIERE_2020 = cite("basiliere-2020")


@rule(code="INTERACTION_CYP3A", version=2, title="Kratom may raise the level of a medicine cleared by CYP3A",
      family=FAMILY, severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CLINICAL_STUDY,
      sources=(TANNA_2023, TANNA_2021, FDA_CYP_TABLE),
      plain_title="Kratom may raise the level of a medicine",
      plain_summary=("We check whether you take a medicine that kratom may build up in your blood. Too much of "
                     "some medicines can cause harm."))
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
    last_dose = recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in active_matches(snapshot) if found.drug.cyp_role("3A4") in CYP_SUBSTRATE_ROLES]
    if not hits:
        return
    strong = [found for found in hits if found.drug.cyp_role("3A4") in CYP_STRONG_ROLES]
    message = (f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}, which the body "
               "clears partly through the enzyme CYP3A. In a clinical study one cup of kratom tea (2 g of leaf) "
               "raised the level of midazolam, a medicine cleared this way, by about 1.4 times; larger or repeated "
               "kratom doses were not studied and may have a bigger effect.")
    if strong:
        message += (f" {listing(strong)} {'is' if len(strong) == 1 else 'are'} especially sensitive to this: "
                    "even a modest rise in level can cause side effects or harm.")
    message += stopped_note(hits)
    plain = (f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}. Kratom can raise the level "
             "of some medicines in your blood. In one study, one cup of kratom tea raised such a level by about 1.4 "
             "times. Larger amounts may do more.")
    if strong:
        plain += f" With {listing(strong)}, even a small rise can cause side effects or harm."
    yield cyp3a.alert(
        Severity.WARNING,
        message=plain + stopped_note(hits),
        action=("Tell the doctor who prescribes these medicines that you use kratom. They may check a blood level or "
                "watch for side effects, like more sleepiness. Do not change a medicine dose on your own."),
        clinical=message,
        evidence=base_evidence(last_dose, (entry(found, cyp3a4=found.drug.cyp_role("3A4")) for found in hits)),
    )


@rule(code="INTERACTION_CYP2D6", version=2, title="Kratom and a medicine that depends on CYP2D6", family=FAMILY,
      severities=(Severity.INFO, Severity.WARNING), evidence_level=EvidenceLevel.IN_VITRO,
      sources=(TANNA_2021, TANNA_2023, FDA_CYP_TABLE), plain_title="Kratom and a medicine it may change",
      plain_summary=("We check whether you take a medicine that kratom might make work less well or build up. In "
                     "people, this effect seems small."))
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
    last_dose = recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in active_matches(snapshot) if found.drug.cyp_role("2D6") is not None]
    if not hits:
        return
    prodrugs = [found for found in hits if found.drug.cyp_role("2D6") == "prodrug"]
    narrow = [found for found in hits if found.drug.cyp_role("2D6") == "substrate-nti"]
    message = (f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}, which the enzyme "
               "CYP2D6 clears or activates. Mitragynine, kratom's main alkaloid, strongly blocks CYP2D6 in "
               "laboratory tests, but in a clinical study one 2 g dose of kratom tea did not change the level of "
               "dextromethorphan, a medicine cleared this way. So the effect in people is uncertain and may be "
               "small; regular or higher doses were not studied.")
    if prodrugs:
        message += (f" {listing(prodrugs)} {'needs' if len(prodrugs) == 1 else 'need'} CYP2D6 to become active, "
                    "so if the enzyme were blocked it could work less well.")
    if narrow:
        message += (f" {listing(narrow)} {'has' if len(narrow) == 1 else 'have'} a narrow margin between a "
                    "helpful and a harmful level.")
    message += stopped_note(hits)
    severity = Severity.WARNING if prodrugs or narrow else Severity.INFO
    plain = (f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}. In lab tests, kratom slowed "
             "the part of the liver that handles this medicine. In people, the effect seems small.")
    if prodrugs:
        plain += (f" {listing(prodrugs)} must be changed by the liver to work, so it might work less well.")
    if narrow:
        plain += f" With {listing(narrow)}, a small rise in level can cause harm."
    action = ("Tell your prescriber that you use kratom. Tell them if a medicine seems to work less well or you "
              "get new side effects. Do not change a medicine dose on your own."
              if severity is Severity.WARNING else
              "You do not need to change anything for this alone. Mention kratom at your next medicine review.")
    yield cyp2d6.alert(
        severity, message=plain + stopped_note(hits), action=action, clinical=message,
        evidence=base_evidence(last_dose, (entry(found, cyp2d6=found.drug.cyp_role("2D6")) for found in hits)),
    )


@rule(code="INTERACTION_KRATOM_METABOLISM", version=1, title="A medicine that may change how the body clears kratom",
      family=FAMILY, severities=(Severity.INFO, Severity.WARNING), evidence_level=EvidenceLevel.IN_VITRO,
      sources=(KAMBLE_2019, BASILIERE_2020, KAMBLE_2023, HILL_2022, FDA_CYP_TABLE),
      plain_title="A medicine that may change how kratom works",
      plain_summary=("We check whether you take a medicine that may make kratom stronger or weaker, by changing how "
                     "fast your body clears it."))
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
    last_dose = recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in active_matches(snapshot)
            if any(found.drug.perpetrator_role(enzyme) for enzyme in KRATOM_ENZYMES)]
    if not hits:
        return
    plain = [f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}."]
    role_3a4 = {found: found.drug.perpetrator_role("3A4") or "" for found in hits}
    inhibitors = [found for found in hits if role_3a4[found].startswith("inhibitor")]
    inducers = [found for found in hits if role_3a4[found].startswith("inducer")]
    cyp2d6 = [found for found in hits if found.drug.perpetrator_role("2D6")]
    parts = [f"You took kratom in the last {RECENT_USE_DAYS} days and {taking(hits)}. Mitragynine, kratom's main "
             "alkaloid, is broken down mainly by the liver enzyme CYP3A4."]
    if inhibitors:
        parts.append(f"{subject(inhibitors, 'slows', 'slow')} this enzyme, so kratom may build up: "
                     "its effects may be "
                     "stronger and last longer, with more sleepiness and, together with other sedating medicines, "
                     "a greater risk of slowed breathing.")
    if inducers:
        parts.append(f"{subject(inducers, 'speeds', 'speed')} this enzyme up, so kratom may be cleared "
                     "faster: it may work "
                     "less well and wear off sooner, and withdrawal symptoms may come on between doses.")
    if cyp2d6:
        parts.append(f"{subject(cyp2d6, 'blocks', 'block')} CYP2D6, which has a smaller part in clearing "
                     "mitragynine; the "
                     "effect on kratom is probably small.")
    parts.append("No study in people has measured these combinations, so the size of the effect is not known."
                 + stopped_note(hits))
    if inhibitors:
        plain.append(f"{subject(inhibitors, 'slows', 'slow')} how fast your body clears kratom. Kratom may build "
                     "up, so its effects may be stronger and last longer.")
    if inducers:
        plain.append(f"{subject(inducers, 'speeds', 'speed')} up how fast your body clears kratom. Kratom may "
                     "work less well and wear off sooner.")
    if cyp2d6:
        plain.append(f"{subject(cyp2d6, 'has', 'have')} a small effect on how your body clears kratom.")
    plain.append("No study in people has measured this." + stopped_note(hits))
    strong = [found for found in hits if role_3a4[found] in STRONG_PERPETRATOR_ROLES]
    severity = Severity.WARNING if strong else Severity.INFO
    if severity is Severity.WARNING:
        action = f"Tell the prescriber of {listing(strong)} that you use kratom. "
        if inhibitors:
            action += "Watch for more sleepiness, slow breathing or effects that feel too strong. "
        if inducers:
            action += ("Watch for withdrawal signs, like aches, sweats or loose stools. Do not take more kratom to "
                       "make up for a weaker effect. ")
        action += ("Do not change a medicine on your own. If someone cannot be woken or breathes very slowly, call "
                   "for emergency help now.")
    else:
        action = ("You do not need to change anything for this alone. Mention kratom at your next medicine review. "
                  "Tell your prescriber if kratom starts to feel stronger or weaker than usual.")
    yield kratom_metabolism.alert(
        severity, message=" ".join(plain), action=action, clinical=" ".join(parts),
        evidence=base_evidence(last_dose, (
            entry(found, perpetrator={enzyme: role for enzyme, role in found.drug.perpetrator},
                   effect_on_kratom=("more" if found in inhibitors else "less" if found in inducers else "small"))
            for found in hits)),
    )
