"""Interaction rule at the heart: kratom with a QT-prolonging medicine or a heart-rhythm condition."""

from __future__ import annotations

from collections.abc import Iterator

from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.interactions.common import (
    FAMILY,
    RECENT_USE_DAYS,
    active_matches,
    base_evidence,
    entry,
    recent_kratom,
    stopped_note,
    taking,
)
from speciosa.core.snapshot import Snapshot

QT_RISKS = ("known", "possible", "conditional")
QT_CONDITIONS = ("long_qt_heart_disease",)

LEONG_ABDULLAH_2021 = cite("leong-abdullah-2021")
LEONG_ABDULLAH_CASES_2021 = cite("leong-abdullah-2021")
CARDIAC_REVIEW_2021 = cite("cardiac-review-2021")
CREDIBLEMEDS = cite("crediblemeds")


@rule(code="INTERACTION_QT", version=2, title="Kratom with a QT-prolonging medicine or a heart-rhythm condition",
      family=FAMILY, severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(LEONG_ABDULLAH_2021, LEONG_ABDULLAH_CASES_2021, CARDIAC_REVIEW_2021, CREDIBLEMEDS),
      plain_title="Kratom and your heart rhythm",
      plain_summary=("We check whether you take a medicine, or have a heart problem, that can change the rhythm of "
                     "your heart. Kratom may add to it."))
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
    last_dose = recent_kratom(snapshot)
    if last_dose is None:
        return
    hits = [found for found in active_matches(snapshot) if found.drug.qt_risk in QT_RISKS]
    conditions = [c for c in QT_CONDITIONS if c in snapshot.patient.conditions]
    if not hits and not conditions:
        return
    found_text = f"You took kratom in the last {RECENT_USE_DAYS} days"
    plain = found_text
    if hits:
        plain += f" and {taking(hits)}. {'This medicine' if len(hits) == 1 else 'These medicines'} can change your heart rhythm"
    if conditions:
        plain += f"{'. You also have' if hits else ' and have'} a heart rhythm problem"
    if hits:
        listed = "is" if len({found.medication.name for found in hits}) == 1 else "are"
        found_text += f" and {taking(hits)}, which {listed} listed as able to prolong the QT interval"
    if conditions:
        found_text += f"{'; you also have' if hits else ' and have'} a long-QT or heart condition recorded"
    evidence = base_evidence(last_dose, (entry(found, qt_risk=found.drug.qt_risk) for found in hits))
    evidence["conditions"] = conditions
    yield qt.alert(
        Severity.WARNING,
        message=(f"{plain}. Kratom may change the heart rhythm too. Together, the effects can add up. Rarely, this "
                 "leads to a dangerous heart rhythm. The proof is limited." + stopped_note(hits)),
        action=("Ask your clinician whether you need a heart tracing (ECG). Get urgent care if you faint, if your "
                "heart races or beats unevenly, or if you have a seizure."),
        clinical=(f"{found_text}. Kratom may itself lengthen the QT interval of the heartbeat: mitragynine blocks the heart's hERG channel in "
                 "laboratory tests, and regular users had more borderline QT readings in one study. These effects "
                 "can add up and, rarely, lead to a dangerous heart rhythm. The evidence is limited."
                 + stopped_note(hits)),
        evidence=evidence,
    )
