"""Liver rules: drug-induced liver injury criteria, Hy's law, bilirubin, raised enzymes and warning symptoms.

A *draw* is the set of lab results sharing one ``collected_at`` instant (one blood sample). Instants are compared, not
clock readings, so ``09:00+00:00`` and ``04:00-05:00`` are the same draw; results entered a minute apart are not.
Every value is read as a multiple of its own draw's upper limit of normal (``value / uln``), never of a textbook ULN.

Each test is read at its latest result up to ``as_of``, so a value that has since been re-measured no longer counts.
A criterion that combines tests (ALT with bilirubin, the R ratio, Hy's law) holds only when those latest results come
from the same draw: an ALT from Monday and a bilirubin from Friday are two different moments of the liver. When one
draw holds two results for the same test, the higher multiple is used (the cautious reading).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from speciosa.core.evidence import EvidenceLevel, Source
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.snapshot import Lab, Snapshot

FAMILY = "liver"
LIVER_TESTS = ("ALT", "AST", "ALP", "TBIL")
WARNING_SIGNS = ("jaundice", "dark_urine", "pale_stools")
SYMPTOM_WINDOW_DAYS = 60  # DILI latency after starting kratom: 2-49 days (Schimmel & Dart 2020)

AITHAL_2011 = Source("Aithal GP et al. Case definition and phenotype standardization in drug-induced liver injury. "
                     "Clin Pharmacol Ther 2011;89(6):806-815. doi:10.1038/clpt.2011.58",
                     "https://doi.org/10.1038/clpt.2011.58")
CHALASANI_2014 = Source("Chalasani NP et al. ACG Clinical Guideline: the diagnosis and management of idiosyncratic "
                        "drug-induced liver injury. Am J Gastroenterol 2014;109(7):950-966. doi:10.1038/ajg.2014.131",
                        "https://doi.org/10.1038/ajg.2014.131")
FDA_DILI_2009 = Source("U.S. FDA. Guidance for Industry. Drug-Induced Liver Injury: Premarketing Clinical Evaluation "
                       "(July 2009)",
                       "https://www.fda.gov/regulatory-information/search-fda-guidance-documents/"
                       "drug-induced-liver-injury-premarketing-clinical-evaluation")
SCHIMMEL_2020 = Source("Schimmel J, Dart RC. Kratom (Mitragyna speciosa) liver injury: a comprehensive review. "
                       "Drugs 2020;80(3):263-283. doi:10.1007/s40265-019-01242-6",
                       "https://doi.org/10.1007/s40265-019-01242-6")
AHMAD_2021 = Source("Ahmad J et al. Liver injury associated with kratom, a popular opioid-like product: experience "
                    "from the U.S. Drug Induced Liver Injury Network and a review of the literature. Drug Alcohol "
                    "Depend 2021;218:108426. doi:10.1016/j.drugalcdep.2020.108426",
                    "https://doi.org/10.1016/j.drugalcdep.2020.108426")

URGENT_LIVER_ACTION = ("Stop taking kratom and contact your clinician today. If your skin or eyes turn yellow, or you "
                       "feel confused, very sleepy or have severe belly pain, seek urgent care now.")


@dataclass(frozen=True, slots=True)
class Reading:
    """One lab result as a multiple of its own draw's upper limit of normal."""

    code: str
    value: float
    unit: str
    uln: float
    times_uln: float
    collected_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "value": self.value, "unit": self.unit, "uln": self.uln,
                "x_uln": round(self.times_uln, 2), "collected_at": self.collected_at.isoformat()}


def latest_readings(snapshot: Snapshot) -> dict[str, Reading]:
    """The latest result of each liver test up to ``as_of``, keyed by code."""
    end = bisect.bisect_right(snapshot.labs, snapshot.as_of, key=lambda lab: lab.collected_at)
    found: dict[str, Reading] = {}
    for lab in _reversed(snapshot.labs, end):
        if len(found) == len(LIVER_TESTS) and lab.collected_at < min(r.collected_at for r in found.values()):
            break
        if lab.code not in LIVER_TESTS or lab.uln is None:
            continue
        reading = _reading(lab)
        current = found.get(lab.code)
        if current is None or (current.collected_at == lab.collected_at and reading.times_uln > current.times_uln):
            found[lab.code] = reading
    return found


def same_draw(*readings: Reading | None) -> bool:
    present = [r for r in readings if r is not None]
    return len(present) == len(readings) and len({r.collected_at for r in present}) == 1


def r_ratio(latest: Mapping[str, Reading]) -> float | None:
    """(ALT/ULN) / (ALP/ULN) from one draw, or None when ALT and ALP were not measured together."""
    alt, alp = latest.get("ALT"), latest.get("ALP")
    if alt is None or alp is None or not same_draw(alt, alp) or alp.times_uln == 0:
        return None
    return round(alt.times_uln / alp.times_uln, 6)


def pattern(ratio: float | None) -> str | None:
    """Hepatocellular R >= 5, cholestatic R <= 2, mixed between (ACG 2014; boundaries inclusive as written there)."""
    if ratio is None:
        return None
    if ratio >= 5:
        return "hepatocellular"
    if ratio <= 2:
        return "cholestatic"
    return "mixed"


def injury_criteria(latest: Mapping[str, Reading]) -> list[str]:
    """Which of the DILI Expert Working Group's biochemical criteria the latest results meet."""
    alt, alp, tbil = latest.get("ALT"), latest.get("ALP"), latest.get("TBIL")
    met = []
    if alt is not None and alt.times_uln >= 5:
        met.append("ALT >= 5x ULN")
    if alp is not None and alp.times_uln >= 2:
        met.append("ALP >= 2x ULN")
    if alt is not None and tbil is not None and same_draw(alt, tbil) and alt.times_uln >= 3 and tbil.times_uln > 2:
        met.append("ALT >= 3x ULN with TBIL > 2x ULN")
    return met


def hys_law(latest: Mapping[str, Reading]) -> Reading | None:
    """The aminotransferase meeting Hy's law with the latest bilirubin and ALP of its draw, if any."""
    tbil, alp = latest.get("TBIL"), latest.get("ALP")
    if tbil is None or alp is None or tbil.times_uln <= 2 or alp.times_uln >= 2 or not same_draw(tbil, alp):
        return None
    candidates = [latest.get(code) for code in ("ALT", "AST")]
    meeting = [r for r in candidates if r is not None and same_draw(r, tbil) and r.times_uln > 3]
    return max(meeting, key=lambda r: r.times_uln) if meeting else None


def bilirubin_high(latest: Mapping[str, Reading]) -> Reading | None:
    tbil = latest.get("TBIL")
    return tbil if tbil is not None and tbil.times_uln > 2 else None


@rule(code="LIVER_INJURY", version=1, title="Liver tests meet the criteria for drug-induced liver injury",
      family=FAMILY, severities=(Severity.URGENT,), evidence_level=EvidenceLevel.GUIDELINE,
      sources=(AITHAL_2011, CHALASANI_2014, SCHIMMEL_2020, AHMAD_2021))
def liver_injury(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    The latest ALT, ALP and total bilirubin against the biochemical criteria of the international DILI Expert Working
    Group: ALT >= 5x ULN, or ALP >= 2x ULN, or ALT >= 3x ULN together with TBIL > 2x ULN in the same draw. Each value
    is a multiple of its own draw's upper limit. A draw is the set of results sharing one ``collected_at`` instant:
    the same instant written with different offsets is one draw, results a minute apart are two. Each test is read
    at its latest result, so a re-measured value replaces an older one; two results for one test in one draw count
    at the higher. The evidence carries the R ratio, (ALT/ULN)/(ALP/ULN), when the
    latest ALT and the latest ALP come from the same draw, and the pattern it gives: hepatocellular (R >= 5),
    cholestatic (R <= 2) or mixed.

    Why:
    These are the consensus thresholds for calling a liver injury clinically significant. Kratom has been linked to
    liver injury in published case reports and in the U.S. DILI Network (latency about 2-49 days, most often a
    cholestatic or mixed pattern, usually with jaundice); it needs prompt assessment and stopping the suspect product.

    Known limits:
    Meeting the criteria does not show that kratom caused the injury: viral hepatitis, alcohol, gallstones and other
    medicines must be ruled out (causality assessment, e.g. RUCAM, is a clinician's task). R is computed from the
    latest draw rather than from the first abnormal one that guidelines prefer, and is left empty when ALT and ALP
    were not measured together. Results stay flagged until a newer draw of the same test is recorded.
    """
    latest = latest_readings(snapshot)
    criteria = injury_criteria(latest)
    if not criteria:
        return
    ratio = r_ratio(latest)
    injury_pattern = pattern(ratio)
    shown = ratio if ratio is None else round(ratio, 2)
    pattern_text = (f" The pattern is {injury_pattern} (R = {shown:g})." if injury_pattern and shown is not None
                    else " The pattern could not be worked out because ALT and ALP were not measured together.")
    yield liver_injury.alert(
        Severity.URGENT,
        message=(f"Your latest liver tests meet the international criteria for drug-induced liver injury "
                 f"({'; '.join(criteria)}).{pattern_text} Kratom has been linked to liver injury in published case "
                 "reports; other causes are possible and a doctor needs to assess this."),
        action=URGENT_LIVER_ACTION,
        evidence={"criteria": criteria, "r_ratio": shown, "pattern": injury_pattern,
                  "x_uln": _multiples(latest), "labs": _rows(latest)},
    )


@rule(code="LIVER_HYS_LAW", version=1, title="Liver tests meet Hy's law", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.GUIDELINE, sources=(FDA_DILI_2009, AITHAL_2011))
def liver_hys_law(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether one draw shows ALT or AST above 3x ULN and total bilirubin above 2x ULN while ALP is below 2x ULN, using
    the latest result of each test (all from that same draw).

    Why:
    Hepatocellular injury severe enough to raise bilirubin, without a cholestatic explanation, marks a drug that can
    cause serious liver injury: Zimmerman observed high mortality in such cases, and FDA guidance treats a single Hy's
    law case as a strong warning sign.

    Known limits:
    Hy's law also requires that no other cause explains the picture (viral hepatitis, obstruction, Gilbert's
    syndrome); this rule cannot check that. When ALP was not measured in the same draw the rule stays silent, though
    LIVER_INJURY and LIVER_BILIRUBIN_HIGH still fire.
    """
    latest = latest_readings(snapshot)
    enzyme = hys_law(latest)
    if enzyme is None:
        return
    tbil, alp = latest["TBIL"], latest["ALP"]
    yield liver_hys_law.alert(
        Severity.URGENT,
        message=(f"In the draw of {snapshot.local_day(enzyme.collected_at).isoformat()}, {enzyme.code} is "
                 f"{enzyme.times_uln:.1f}x and bilirubin {tbil.times_uln:.1f}x the upper limit, with ALP "
                 f"{alp.times_uln:.1f}x. This combination (Hy's law) points to liver injury that is affecting how the "
                 "liver works, which can become serious."),
        action=URGENT_LIVER_ACTION,
        evidence={"enzyme": enzyme.code, "x_uln": _multiples(latest), "labs": _rows(latest),
                  "drawn_at": enzyme.collected_at.isoformat()},
    )


@rule(code="LIVER_BILIRUBIN_HIGH", version=1, title="Bilirubin more than twice the upper limit", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.GUIDELINE,
      sources=(AITHAL_2011, FDA_DILI_2009, SCHIMMEL_2020))
def liver_bilirubin_high(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the latest total bilirubin is above 2x its draw's upper limit of normal.

    Why:
    A bilirubin above twice the upper limit means jaundice-level liver dysfunction or bile flow blockage; in the
    published kratom liver-injury cases almost every patient was jaundiced, and raised bilirubin is the marker of
    severity in the DILI criteria and in Hy's law.

    Known limits:
    Total bilirubin also rises without liver injury (Gilbert's syndrome, haemolysis, fasting); the rule cannot tell
    these apart, and it does not read direct (conjugated) bilirubin.
    """
    tbil = bilirubin_high(latest_readings(snapshot))
    if tbil is None:
        return
    yield liver_bilirubin_high.alert(
        Severity.URGENT,
        message=(f"Your total bilirubin was {tbil.value:g} {tbil.unit} on "
                 f"{snapshot.local_day(tbil.collected_at).isoformat()}, "
                 f"{tbil.times_uln:.1f}x the upper limit of normal. This level can mean the liver or bile flow is "
                 "seriously affected."),
        action=URGENT_LIVER_ACTION,
        evidence={"tbil": tbil.to_dict(), "x_uln": round(tbil.times_uln, 2)},
    )


@rule(code="LIVER_ENZYMES_RAISED", version=1, title="Liver tests above the normal range", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(AITHAL_2011, SCHIMMEL_2020))
def liver_enzymes_raised(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the latest ALT, AST, ALP or total bilirubin is above its draw's upper limit of normal while none of
    LIVER_INJURY, LIVER_HYS_LAW and LIVER_BILIRUBIN_HIGH applies.

    Why:
    A mild rise can be the first sign of drug-induced liver injury: the published kratom cases were found when tests
    were already well above normal, so a clinician may want to repeat the tests sooner while a patient uses kratom.

    Known limits:
    Mild rises are common and mostly have other causes (fatty liver, alcohol, exercise, other medicines); a value
    exactly at the upper limit does not count as raised. GGT and INR are not read.
    """
    latest = latest_readings(snapshot)
    if injury_criteria(latest) or hys_law(latest) or bilirubin_high(latest):
        return
    raised = {code: reading for code, reading in latest.items() if reading.times_uln > 1}
    if not raised:
        return
    listed = ", ".join(f"{code} {reading.times_uln:.1f}x" for code, reading in sorted(raised.items()))
    yield liver_enzymes_raised.alert(
        Severity.WARNING,
        message=(f"Some of your latest liver tests are above the normal range ({listed} the upper limit). Raised "
                 "liver tests have many causes; kratom is one that has been reported."),
        action=("Tell your clinician, who may want to repeat the tests sooner. If your skin or eyes turn yellow, or "
                "your urine turns dark or your stools pale, stop kratom and seek care the same day."),
        evidence={"raised": sorted(raised), "x_uln": _multiples(latest), "labs": _rows(latest)},
    )


@rule(code="LIVER_SYMPTOMS", version=1, title="Possible signs of liver injury", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(SCHIMMEL_2020, AHMAD_2021, CHALASANI_2014))
def liver_symptoms(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Check-ins of the last 60 days: for each of jaundice, dark urine and pale stools, the latest check-in that graded
    it. It fires when one of them is graded 1 or more and kratom was taken in the 60 days before that check-in.

    Why:
    Jaundice, dark urine and pale stools were the presenting signs in the published kratom liver-injury cases (onset
    about 2-49 days after starting); they can appear before any lab test is done and call for tests the same day.

    Known limits:
    These signs are self-reported and have other causes (dehydration, food colouring, gallstones, hepatitis). Itching
    and tiredness, also common in these cases, are not read. A later check-in grading the sign 0 clears it.
    """
    window = daily.recent_checkins(snapshot, SYMPTOM_WINDOW_DAYS)
    latest: dict[str, tuple[int, dt.datetime]] = {}
    for checkin in reversed(window):
        for sign in WARNING_SIGNS:
            if sign not in latest and sign in checkin.symptoms:
                latest[sign] = (checkin.symptoms[sign], checkin.at)
        if len(latest) == len(WARNING_SIGNS):
            break
    present = {sign: (grade, at) for sign, (grade, at) in latest.items() if grade >= 1}
    if not present:
        return
    reported_at = max(at for _, at in present.values())
    last_dose = daily.last_dose_before(snapshot, reported_at)
    if last_dose is None or reported_at - last_dose.taken_at > dt.timedelta(days=SYMPTOM_WINDOW_DAYS):
        return
    names = ", ".join(sign.replace("_", " ") for sign in sorted(present))
    yield liver_symptoms.alert(
        Severity.URGENT,
        message=(f"You reported {names} on {snapshot.local_day(reported_at).isoformat()} after taking kratom. "
                 "These can be signs of liver injury, which kratom has caused in published cases."),
        action=("Stop taking kratom and get liver blood tests today: contact your clinician, or go to urgent care if "
                "you cannot reach them. Seek emergency care if you feel confused or very drowsy."),
        evidence={"symptoms": {sign: grade for sign, (grade, _) in sorted(present.items())},
                  "reported_at": reported_at.isoformat(), "last_dose_at": last_dose.taken_at.isoformat()},
    )


def _reading(lab: Lab) -> Reading:
    assert lab.uln is not None
    return Reading(code=lab.code, value=lab.value, unit=lab.unit, uln=lab.uln,
                   times_uln=round(lab.value / lab.uln, 6), collected_at=lab.collected_at)


def _reversed(labs: tuple[Lab, ...], end: int) -> Iterator[Lab]:
    for index in range(end - 1, -1, -1):
        yield labs[index]


def _multiples(latest: Mapping[str, Reading]) -> dict[str, float]:
    return {code: round(reading.times_uln, 2) for code, reading in sorted(latest.items())}


def _rows(latest: Mapping[str, Reading]) -> list[dict[str, object]]:
    return [latest[code].to_dict() for code in LIVER_TESTS if code in latest]
