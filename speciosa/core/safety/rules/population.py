"""Population rules: people for whom kratom carries particular risks (pregnancy and breastfeeding, seizures)."""

from __future__ import annotations

from collections.abc import Iterator

from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.dosing import DAILY_LEAF_LIMIT
from speciosa.core.safety.wording import with_stopping_note
from speciosa.core.snapshot import Snapshot

FAMILY = "population"
RECENT_USE_DAYS = 30
SEIZURE_CONDITIONS = frozenset({"seizure_disorder", "epilepsy"})
# What a breastfeeding parent watches for in the baby, after FDA's codeine and tramadol warning (2017).
BABY_SIGNS = (" While you breastfeed, watch your baby for odd sleepiness, poor feeding and slow or shallow "
              "breathing. If your baby is hard to wake, floppy or breathing slowly, call your local emergency number "
              "at once.")

ELDRIDGE_2018 = cite("eldridge-2018")
MURTHY_2019 = cite("murthy-2019")
BOYER_2008 = cite("boyer-2008")
TATUM_2018 = cite("tatum-2018")
AFZAL_2020 = cite("afzal-2020")
FDA_CODEINE_BREASTFEEDING_2017 = cite("fda-codeine-breastfeeding-2017")
MALAYSIA_2021 = cite("malaysia-seizures-2021")


@rule(code="PREGNANCY", version=2, title="Kratom use while pregnant or breastfeeding", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(ELDRIDGE_2018, MURTHY_2019, FDA_CODEINE_BREASTFEEDING_2017),
      plain_title="Kratom while pregnant or breastfeeding",
      plain_summary=("If you are pregnant or breastfeeding and take kratom, we ask you to tell the team who cares "
                     "for you and your baby."))
def pregnancy(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the patient is recorded as pregnant or breastfeeding and took kratom in the last 30 days.

    Why:
    Newborns of mothers who used kratom daily have needed treatment for neonatal abstinence syndrome, including
    morphine and weeks in neonatal intensive care (Eldridge 2018; Murthy & Clark 2019); standard urine drug screens
    do not detect kratom, so the care team may not know unless told. Mitragynine's passage into breast milk has not
    been measured, but it acts on the same opioid receptors as codeine and tramadol, whose passage into milk has made
    breastfed babies very sleepy, feed poorly and breathe slowly (FDA 2017); so a breastfeeding parent is told the
    signs to watch for and to seek care at once if the baby is hard to wake or breathing slowly. Any advice that
    touches on stopping ends with the withdrawal warning (speciosa.core.safety.wording).

    Known limits:
    The evidence is a handful of case reports; how often exposure harms a baby is unknown. The signs to watch for in
    a breastfed baby are taken by analogy from opioid medicines (FDA 2017), not from kratom cases. The rule relies on
    the profile's pregnancy and breastfeeding flags being current. Version 1 did not tell a breastfeeding parent what
    to watch for in the baby.
    """
    patient = snapshot.patient
    if not (patient.pregnant or patient.breastfeeding):
        return
    recent = daily.recent_doses(snapshot, RECENT_USE_DAYS)
    if not recent:
        return
    state = "pregnant" if patient.pregnant else "breastfeeding"
    if patient.pregnant and patient.breastfeeding:
        state = "pregnant and breastfeeding"
    yield pregnancy.alert(
        Severity.URGENT,
        message=(f"Your profile says you are {state}, and you took kratom in the last {RECENT_USE_DAYS} days. Some "
                 "babies born to mothers who took kratom have had withdrawal and needed hospital care. No one knows "
                 "yet what kratom in breast milk does to a baby."),
        action=with_stopping_note(
            "Tell your pregnancy team or your baby's care team today that you use kratom. Then they can plan and "
            "watch for withdrawal." + (BABY_SIGNS if patient.breastfeeding else "") + " Ask them before you stop "
            "or change your amount. Sudden withdrawal may also carry risks."),
        clinical=(f"Kratom use while {state} (last dose {snapshot.local_day(recent[-1].taken_at).isoformat()}, "
                  f"{len(recent)} doses in {RECENT_USE_DAYS} days). Neonatal abstinence syndrome after in-utero "
                  "exposure reported (case reports); lactation exposure unknown."),
        evidence={"pregnant": patient.pregnant, "breastfeeding": patient.breastfeeding,
                  "last_dose_at": recent[-1].taken_at.isoformat(), "doses_last_30_days": len(recent)},
    )


@rule(code="SEIZURE_RISK", version=1, title="Kratom use with a seizure disorder", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(BOYER_2008, TATUM_2018, AFZAL_2020, MALAYSIA_2021), settings=(DAILY_LEAF_LIMIT,),
      plain_title="Kratom with seizures (epilepsy)",
      plain_summary="If you have seizures or epilepsy and take kratom, we tell you how to lower the risk.")
def seizure_risk(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the patient's conditions include a seizure disorder (``seizure_disorder`` or ``epilepsy``) and kratom was
    taken in the last 30 days. The message is stronger, and the evidence lists the days, when a day's leaf-equivalent
    total in that period was above ``dose_high_daily_leaf_g`` (the DOSE_HIGH threshold, default 15 g).

    Why:
    Seizures after kratom have been reported, mostly at high amounts or with other drugs (modafinil, Boyer 2008;
    recurrent seizures, Tatum 2018; three to four bottles of kratom a day, Afzal 2020; eleven young adults drinking
    kratom regularly, 2021 Malaysian series), so a person with a seizure disorder may be more at risk, more so at
    high doses.

    Known limits:
    Case reports only: no study has measured the risk in people with epilepsy, and most cases involved other
    substances. Interactions with anti-seizure medicines are handled by the interaction rules.
    """
    conditions = SEIZURE_CONDITIONS.intersection(snapshot.patient.conditions)
    if not conditions:
        return
    totals = daily.day_totals(snapshot, RECENT_USE_DAYS)
    if not any(total.doses for total in totals):
        return
    limit = seizure_risk.setting(snapshot, DAILY_LEAF_LIMIT)
    high_days = [{"day": t.day.isoformat(), "leaf_equivalent_g": round(t.leaf_equivalent_g, 2)}
                 for t in totals if t.leaf_equivalent_g > limit]
    extra = (f" On {len(high_days)} day(s) you took more than about {limit:g} g of leaf. Most seizures happened "
             "at amounts like that." if high_days else "")
    clinical_extra = (f" {len(high_days)} day(s) above {limit:g} g leaf-equivalent in the last {RECENT_USE_DAYS} "
                      "days." if high_days else "")
    yield seizure_risk.alert(
        Severity.WARNING,
        message=("You have seizures or epilepsy and take kratom. Some people have had seizures after kratom, mostly "
                 f"after large amounts or with other drugs.{extra}"),
        action=("Talk about kratom with the clinician who treats your seizures. Keep amounts low. Do not mix it "
                "with other drugs that speed you up or make you sleepy. Get urgent care after any seizure."),
        clinical=(f"Seizure disorder recorded ({', '.join(sorted(conditions))}) with kratom use in the last "
                  f"{RECENT_USE_DAYS} days.{clinical_extra} Seizures reported after kratom, mostly at high doses or "
                  "with other drugs (case reports)."),
        evidence={"conditions": sorted(conditions), "high_dose_days": high_days, "threshold_g": limit},
    )
