"""Liver rules: drug-induced liver injury criteria, its severity, Hy's law, bilirubin, raised tests and symptoms.

How results are read (draws, the latest result of each test, its age limit, the R ratio from one draw) is in
speciosa.core.safety.rules.liver_readings; this module holds the rules, their sources and their wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.liver_readings import (
    INR_SEVERE,
    LIVER_TESTS,
    Reading,
    age_days,
    ages,
    alp_origin,
    bilirubin_high,
    hys_law,
    injury_criteria,
    isolated_bilirubin,
    latest_inr,
    latest_readings,
    multiples,
    of_draw,
    on_vitamin_k_antagonist,
    paired_ratio,
    pattern,
    rows,
    when,
)
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.safety.wording import plain_date, with_stopping_note
from speciosa.core.snapshot import Snapshot

FAMILY = "liver"
URGENT_SIGNS = ("jaundice", "dark_urine", "pale_stools")
# Signs that call for liver tests soon rather than today; nausea counts only with loss of appetite.
EARLY_SIGNS = ("itching", "right_upper_abdominal_pain", "fever")
APPETITE_PAIR = ("nausea", "loss_of_appetite")
SYMPTOM_WINDOW_DAYS = 60  # DILI latency after starting kratom: 2-49 days (Schimmel & Dart 2020)

AITHAL_2011 = cite("aithal-2011")
CHALASANI_2014 = cite("chalasani-2014")
CHALASANI_2021 = cite("chalasani-2021")
EASL_2019 = cite("easl-2019")
ROBLES_DIAZ_2014 = cite("robles-diaz-2014")
DILIN_PROTOCOL = cite("dilin-enrolment")
FDA_DILI_2009 = cite("fda-dili-guidance-2009")
SCHIMMEL_2020 = cite("schimmel-2020")
AHMAD_2021 = cite("ahmad-2021")
NAVARRO_2019 = cite("navarro-2019")
LIVERTOX_8332 = cite("livertox-case-8332")
VANWAGNER_2015 = cite("vanwagner-2015")
PREGNANCY_ALP = cite("perinatology-2009")

RESULT_MAX_AGE = Threshold(
    "liver_result_max_age_days", default=90.0, minimum=1.0, maximum=3650.0, unit="days since the blood draw",
    why=("A result older than this is not read by the urgent liver rules: kratom liver injury appears 2-49 days after "
         "starting (Schimmel 2020), all 11 DILIN patients recovered (Ahmad 2021), and in LiverTox case 8332 the tests "
         "were near normal 33 days after onset, so a three-month-old result no longer shows the liver as it is now. No "
         "guideline sets this limit; it is Speciosa's choice and a clinician may change it."),
    sources=(SCHIMMEL_2020, AHMAD_2021, LIVERTOX_8332))
RAISED_MAX_AGE = Threshold(
    "liver_raised_result_max_age_days", default=180.0, minimum=1.0, maximum=3650.0,
    unit="days since the blood draw",
    why=("A raised result only asks for a repeat test, and that request stays useful after the urgent rules stop "
         "reading it (liver_result_max_age_days), so this limit is twice as long. No guideline sets it; it is "
         "Speciosa's choice and a clinician may change it."))

URGENT_LIVER_ACTION = with_stopping_note(
    "Stop taking kratom. Contact your clinician today. Get urgent care now if your skin or eyes turn yellow, or if "
    "you feel confused, very sleepy or have bad belly pain.")
SEVERE_LIVER_ACTION = with_stopping_note(
    "Stop taking kratom and get medical care today. Go to an emergency room or urgent care, or call your clinician "
    "now if you can reach them at once. Call your local emergency number if you feel confused or very sleepy, or if "
    "you bleed or bruise easily.")
SAME_DAY_SIGNS_ACTION = with_stopping_note(
    "If your skin or eyes turn yellow, your pee turns dark or your poo turns pale, stop kratom. Get care the same "
    "day.")


@rule(code="LIVER_INJURY", version=2, title="Liver tests meet the criteria for drug-induced liver injury",
      family=FAMILY, severities=(Severity.URGENT,), evidence_level=EvidenceLevel.GUIDELINE,
      sources=(AITHAL_2011, DILIN_PROTOCOL, CHALASANI_2021, EASL_2019, ROBLES_DIAZ_2014, SCHIMMEL_2020, AHMAD_2021),
      settings=(RESULT_MAX_AGE,), plain_title="Your liver test shows liver damage",
      plain_summary=("We check your liver blood tests for signs of liver damage. Kratom has caused liver damage in "
                     "some people."))
def liver_injury(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    The latest ALT, AST, ALP and total bilirubin, each no older than liver_result_max_age_days, against the
    biochemical criteria of drug-induced liver injury: ALT >= 5x ULN; AST > 5x ULN (the DILI Network's "ALT or AST
    > 5x ULN"); ALP >= 2x ULN; or ALT >= 3x ULN with TBIL > 2x ULN in the same draw. The ALP criterion is qualified
    as Aithal 2011 qualifies it: it counts when GGT in the same draw is above its ULN, or when GGT was not measured
    in a patient who is not pregnant; it does not count when GGT in that draw is normal (bone or placenta are the
    likelier source) or, without a GGT, during pregnancy (placental ALP rises in late pregnancy). Each value is a
    multiple of its own draw's upper limit. The evidence carries the pattern: R = (ALT/ULN)/(ALP/ULN) from the
    latest draw that measured both (never from two draws), or, when no draw measured ALT with ALP, the AST-based
    "new R" (nR, Robles-Diaz 2014) from the latest draw that measured AST with ALP, labelled so; hepatocellular at
    5 or more, cholestatic at 2 or less, mixed between. The message names the draw R comes from and the age of the
    results.

    Why:
    These are the consensus thresholds for calling a liver injury clinically significant (Aithal 2011; DILIN; ACG
    2021 and EASL 2019 use the same R). Kratom has been linked to liver injury in published case reports and in the
    U.S. DILI Network (latency about 2-49 days, most often a cholestatic or mixed pattern, usually with jaundice);
    it needs prompt assessment and stopping the suspect product.

    Known limits:
    Meeting the criteria does not show that kratom caused the injury: viral hepatitis, alcohol, gallstones and other
    medicines must be ruled out (causality assessment, e.g. RUCAM, is a clinician's task). AST also rises from
    muscle (hard exercise, muscle injury). Bone disease is not recorded in the profile, so an ALP raised by bone with
    no GGT measured still counts. Guidelines take R from the first abnormal draw; this rule takes the latest draw
    with both tests, so R may drift as the injury evolves. A result older than the age limit is not read; a newer
    draw of the same test replaces it.
    """
    limit = liver_injury.setting(snapshot, RESULT_MAX_AGE)
    latest = latest_readings(snapshot, limit)
    criteria = injury_criteria(latest, snapshot.patient)
    if not criteria:
        return
    ratio = paired_ratio(snapshot, limit)
    injury_pattern = pattern(ratio.value if ratio else None)
    shown = None if ratio is None else round(ratio.value, 2)
    if ratio is not None and injury_pattern is not None:
        source = ("the same blood test" if {r.collected_at for r in latest.values()} == {ratio.drawn_at}
                  else f"the blood test of {when(snapshot, ratio.drawn_at)}")
        pattern_text = f" Pattern {injury_pattern}: {ratio.label} = {shown:g}, from {source}."
    else:
        pattern_text = " Pattern not known: no recent draw measured ALT (or AST) together with ALP."
    yield liver_injury.alert(
        Severity.URGENT,
        message=(f"Your liver blood test from {plain_date(max(r.collected_at for r in latest.values()))} shows signs "
                 "of liver damage. Kratom has caused liver damage in some people. Other things can cause it too. A "
                 "doctor needs to check this today."),
        action=URGENT_LIVER_ACTION,
        clinical=(f"DILI criteria met on the {_dated(snapshot, latest)}: {'; '.join(_measured(latest))} "
                  f"({'; '.join(criteria)}).{pattern_text} Causality not assessed (viral hepatitis, alcohol, biliary "
                  "obstruction and other drugs to be excluded, e.g. RUCAM)."),
        evidence={"criteria": criteria, "r_ratio": shown, "pattern": injury_pattern,
                  "r_kind": None if ratio is None else ratio.kind,
                  "r_drawn_at": None if ratio is None else ratio.drawn_at.isoformat(),
                  "alp_origin": alp_origin(latest, snapshot.patient), "x_uln": multiples(latest),
                  "age_days": ages(snapshot, latest), "labs": rows(latest)},
    )


@rule(code="LIVER_SEVERE", version=1, title="Liver injury with slowed blood clotting (INR 1.5 or more)",
      family=FAMILY, severities=(Severity.URGENT,), evidence_level=EvidenceLevel.GUIDELINE,
      plain_title="Serious liver damage: get care today",
      plain_summary=("We check whether liver damage has slowed how fast your blood clots. That is a sign of serious "
                     "liver damage."),
      sources=(AITHAL_2011, DILIN_PROTOCOL, CHALASANI_2021), settings=(RESULT_MAX_AGE,))
def liver_severe(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the latest INR, no older than liver_result_max_age_days, is 1.5 or more and was taken in the same draw
    as latest liver tests that meet LIVER_INJURY's criteria. It is silent when the patient takes a vitamin K
    antagonist (warfarin, acenocoumarol, phenprocoumon, fluindione) on the day of the draw. The evidence says whether
    total bilirubin in that draw is at least 2x ULN, which with INR >= 1.5 is "severe" on the Aithal 2011 scale.

    Why:
    An INR of 1.5 or more with liver injury means the liver is failing to make clotting factors: it is the marker of
    severe drug-induced liver injury on the Aithal 2011 severity scale and of hepatic failure on the DILIN scale, and
    ACG 2021 asks that patients with progressive jaundice or coagulopathy be referred for specialised care. It
    needs medical care the same day, not a routine appointment.

    Known limits:
    On Aithal's scale "severe" also needs bilirubin >= 2x ULN; with a lower bilirubin the rule still fires, as an
    INR this high with liver injury calls for same-day care, and the evidence records the bilirubin criterion.
    Vitamin K deficiency, other anticoagulants and lab error also raise the INR; a vitamin K antagonist is found by
    the medication's name only. An INR drawn separately from the liver tests is not combined with them.
    """
    limit = liver_severe.setting(snapshot, RESULT_MAX_AGE)
    inr = latest_inr(snapshot, limit)
    if inr is None or inr.value < INR_SEVERE:
        return
    if on_vitamin_k_antagonist(snapshot, snapshot.local_day(inr.collected_at)) is not None:
        return
    draw = of_draw(latest_readings(snapshot, limit), inr.collected_at)
    criteria = injury_criteria(draw, snapshot.patient)
    if not criteria:
        return
    tbil = draw.get("TBIL")
    aithal_severe = tbil is not None and tbil.times_uln >= 2
    yield liver_severe.alert(
        Severity.URGENT,
        message=(f"Your blood test from {plain_date(inr.collected_at)} shows liver damage. Your blood is also "
                 "clotting more slowly than it should. This means the liver is struggling. It is a sign of serious "
                 "liver damage and needs a doctor today."),
        action=SEVERE_LIVER_ACTION,
        clinical=(f"Liver injury with coagulopathy on the draw of {when(snapshot, inr.collected_at)}: INR "
                  f"{inr.value:g}, {'; '.join(_measured(draw))} ({'; '.join(criteria)}). "
                  + ("Severe DILI on the Aithal 2011 scale (TBIL >= 2x ULN)." if aithal_severe else
                     "TBIL below 2x ULN, so not severe on Aithal's scale; same-day care still indicated.")
                  + " No vitamin K antagonist recorded on the day of the draw."),
        evidence={"inr": inr.value, "criteria": criteria, "aithal_severe": aithal_severe,
                  "tbil_x_uln": None if tbil is None else round(tbil.times_uln, 2), "x_uln": multiples(draw),
                  "drawn_at": inr.collected_at.isoformat(), "age_days": age_days(snapshot, inr.collected_at)},
    )


@rule(code="LIVER_HYS_LAW", version=2, title="Liver tests meet Hy's law", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.GUIDELINE, sources=(FDA_DILI_2009, AITHAL_2011),
      settings=(RESULT_MAX_AGE,), plain_title="Liver damage that affects how your liver works",
      plain_summary=("We check for a mix of liver test results that shows the liver is damaged and not working "
                     "well. This can become serious."))
def liver_hys_law(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether one draw, no older than liver_result_max_age_days, shows ALT or AST above 3x ULN and total bilirubin
    above 2x ULN while ALP is below 2x ULN, using the latest result of each test (all from that same draw).

    Why:
    Hepatocellular injury severe enough to raise bilirubin, without a cholestatic explanation, marks a drug that can
    cause serious liver injury: Zimmerman observed high mortality in such cases, and FDA guidance treats a single Hy's
    law case as a strong warning sign.

    Known limits:
    Hy's law also requires that no other cause explains the picture (viral hepatitis, obstruction, Gilbert's
    syndrome); this rule cannot check that. When ALP was not measured in the same draw the rule stays silent, though
    LIVER_INJURY and LIVER_BILIRUBIN_HIGH still fire.
    """
    latest = latest_readings(snapshot, liver_hys_law.setting(snapshot, RESULT_MAX_AGE))
    enzyme = hys_law(latest)
    if enzyme is None:
        return
    tbil, alp = latest["TBIL"], latest["ALP"]
    yield liver_hys_law.alert(
        Severity.URGENT,
        message=(f"Your blood test from {plain_date(enzyme.collected_at)} shows liver damage. It also shows the "
                 "liver is not clearing a yellow waste called bilirubin as it should. Together these can become "
                 "serious."),
        action=URGENT_LIVER_ACTION,
        clinical=(f"Hy's law criteria met on the draw of {when(snapshot, enzyme.collected_at)}: {enzyme.code} "
                  f"{enzyme.times_uln:.1f}x ULN, TBIL {tbil.times_uln:.1f}x ULN, ALP {alp.times_uln:.1f}x ULN. Other "
                  "causes (viral hepatitis, obstruction, Gilbert's syndrome) not excluded."),
        evidence={"enzyme": enzyme.code, "x_uln": multiples(latest), "labs": rows(latest),
                  "drawn_at": enzyme.collected_at.isoformat(), "age_days": age_days(snapshot, enzyme.collected_at)},
    )


@rule(code="LIVER_BILIRUBIN_HIGH", version=2, title="Bilirubin more than twice the upper limit", family=FAMILY,
      severities=(Severity.URGENT, Severity.WARNING), evidence_level=EvidenceLevel.GUIDELINE,
      sources=(AITHAL_2011, FDA_DILI_2009, SCHIMMEL_2020, VANWAGNER_2015), settings=(RESULT_MAX_AGE,),
      plain_title="High bilirubin in your blood test",
      plain_summary=("We check for a high level of bilirubin, a yellow waste the liver clears. A high level can turn "
                     "skin and eyes yellow."))
def liver_bilirubin_high(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the latest total bilirubin, no older than liver_result_max_age_days, is above 2x its draw's upper limit
    of normal. Urgent, unless the same draw also measured ALP and ALT or AST and every enzyme measured in it is
    within its normal range (an isolated bilirubin): then a warning.

    Why:
    A bilirubin above twice the upper limit with liver injury means jaundice-level liver dysfunction or bile flow
    blockage; in the published kratom liver-injury cases almost every patient was jaundiced, and raised bilirubin is
    the marker of severity in the DILI criteria and in Hy's law. A raised bilirubin with normal liver enzymes is most
    often Gilbert's syndrome (5-10% of people; rarely above 4-5 mg/dL) or red-cell breakdown (VanWagner 2015): it
    calls for a clinician's look (direct bilirubin, blood count), not for stopping kratom today.

    Known limits:
    The rule does not read direct (conjugated) bilirubin, so it cannot confirm Gilbert's syndrome; an isolated
    bilirubin stays a warning whatever its level. Without ALP and an aminotransferase in the same draw, a raised
    bilirubin stays urgent.
    """
    latest = latest_readings(snapshot, liver_bilirubin_high.setting(snapshot, RESULT_MAX_AGE))
    tbil = bilirubin_high(latest)
    if tbil is None:
        return
    reading = (f"TBIL {tbil.value:g} {tbil.unit} on {when(snapshot, tbil.collected_at)}, "
               f"{tbil.times_uln:.1f}x ULN.")
    evidence = {"tbil": tbil.to_dict(), "x_uln": round(tbil.times_uln, 2),
                "age_days": age_days(snapshot, tbil.collected_at), "draw_x_uln": multiples(of_draw(latest,
                                                                                                  tbil.collected_at))}
    if isolated_bilirubin(latest):
        yield liver_bilirubin_high.alert(
            Severity.WARNING,
            message=(f"Your blood test from {plain_date(tbil.collected_at)} shows a high level of bilirubin, a yellow "
                     "waste the liver clears. Your other liver tests were normal, so liver damage is unlikely. Often "
                     "it is a trait some people are born with, which needs no treatment."),
            action=("Tell your clinician in the next few days. They may do more blood tests. "
                    f"{SAME_DAY_SIGNS_ACTION}"),
            clinical=(f"Isolated hyperbilirubinaemia: {reading} ALP and aminotransferases in the same draw within "
                      "normal limits. Consider Gilbert's syndrome or haemolysis (fractionated bilirubin, blood count)."),
            evidence=evidence | {"isolated": True},
            title="High bilirubin, other liver tests normal",
            clinical_title="Bilirubin raised with normal liver enzymes")
        return
    yield liver_bilirubin_high.alert(
        Severity.URGENT,
        message=(f"Your blood test from {plain_date(tbil.collected_at)} shows a high level of bilirubin, a yellow "
                 "waste the liver clears. This can mean the liver is badly affected."),
        action=URGENT_LIVER_ACTION,
        clinical=f"{reading} With raised liver enzymes or no enzymes in the same draw: liver or biliary dysfunction.",
        evidence=evidence | {"isolated": False},
    )


@rule(code="LIVER_ENZYMES_RAISED", version=2, title="Liver tests above the normal range", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(AITHAL_2011, SCHIMMEL_2020, PREGNANCY_ALP), settings=(RESULT_MAX_AGE, RAISED_MAX_AGE),
      plain_title="Some liver tests are a little high",
      plain_summary=("We check for liver tests that are above the normal range, even a little. A small rise can be "
                     "an early sign of strain on the liver."))
def liver_enzymes_raised(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Whether the latest ALT, AST, ALP or total bilirubin, no older than liver_raised_result_max_age_days, is above its
    draw's upper limit of normal while none of LIVER_INJURY, LIVER_SEVERE, LIVER_HYS_LAW and LIVER_BILIRUBIN_HIGH
    applies to the results those rules read (within liver_result_max_age_days). So a result too old for the urgent
    rules, an ALP of 2x ULN or more that GGT or pregnancy does not attribute to the liver, or an AST of exactly 5x
    ULN, is reported here.

    Why:
    A mild rise can be the first sign of drug-induced liver injury: the published kratom cases were found when tests
    were already well above normal, so a clinician may want to repeat the tests sooner while a patient uses kratom.
    An old abnormal result with no newer one also calls for a repeat test.

    Known limits:
    Mild rises are common and mostly have other causes (fatty liver, alcohol, exercise, other medicines; ALP also
    from bone and, in late pregnancy, the placenta); a value exactly at the upper limit does not count as raised.
    GGT alone is not reported, being raised by alcohol and many medicines.
    """
    urgent_latest = latest_readings(snapshot, liver_enzymes_raised.setting(snapshot, RESULT_MAX_AGE))
    if injury_criteria(urgent_latest, snapshot.patient) or hys_law(urgent_latest) or bilirubin_high(urgent_latest):
        return
    latest = latest_readings(snapshot, liver_enzymes_raised.setting(snapshot, RAISED_MAX_AGE))
    raised = {code: r for code, r in latest.items() if code in LIVER_TESTS and r.times_uln > 1}
    if not raised:
        return
    listed = ", ".join(f"{code} {reading.times_uln:.1f}x ULN" for code, reading in sorted(raised.items()))
    origin = alp_origin(latest, snapshot.patient)
    alp_note = {"ggt_normal": " ALP raised with a normal GGT in the same draw: likely "
                              f"{'placental or ' if snapshot.patient.pregnant else ''}bone origin.",
                "pregnancy": " ALP raised in pregnancy without a GGT: possibly placental; GGT would tell."
                }.get(origin or "", "")
    yield liver_enzymes_raised.alert(
        Severity.WARNING,
        message=("Some of your liver tests from "
                 f"{plain_date(max(r.collected_at for r in raised.values()))} are a little above the normal range. "
                 "This has many causes. Kratom is one of them."),
        action=f"Tell your clinician. They may want to repeat the tests soon. {SAME_DAY_SIGNS_ACTION}",
        clinical=(f"Raised liver tests below the DILI thresholds, {_dated(snapshot, raised)}: {listed}.{alp_note} "
                  "Repeat testing suggested while kratom use continues."),
        evidence={"raised": sorted(raised), "alp_origin": origin, "x_uln": multiples(latest),
                  "age_days": ages(snapshot, latest), "labs": rows(latest)},
    )


@rule(code="LIVER_SYMPTOMS", version=2, title="Possible signs of liver injury", family=FAMILY,
      severities=(Severity.URGENT, Severity.WARNING), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(SCHIMMEL_2020, AHMAD_2021, NAVARRO_2019, CHALASANI_2021),
      plain_title="Signs that may come from the liver",
      plain_summary=("We look at your check-ins for signs of liver trouble after kratom. These include yellow skin "
                     "or eyes, dark pee and itching."))
def liver_symptoms(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Check-ins of the last 60 days: for each sign, the latest check-in that graded it. Urgent when jaundice, dark
    urine or pale stools is graded 1 or more; otherwise a warning when itching, pain under the right ribs (upper
    right belly), fever, or nausea together with loss of appetite is graded 1 or more. Either needs kratom taken in
    the 60 days before the latest of those check-ins.

    Why:
    Jaundice, dark urine and pale stools were the presenting signs in the published kratom liver-injury cases (onset
    about 2-49 days after starting; Schimmel 2020) and call for liver tests the same day. Itching is prominent in
    kratom's cholestatic injury (6 of 8 DILIN cases, with abdominal pain in 5 and fever in 3; Navarro 2019), and
    right upper belly pain, nausea with loss of appetite and fever are the symptoms of hepatitis that may come
    before jaundice: they call for liver tests soon.

    Known limits:
    These signs are self-reported and have other causes (dehydration, food colouring, gallstones, infection); kratom
    itself can cause itching and nausea without liver injury. Tiredness is not read (the diary does not ask for it),
    nor is belly pain that the patient did not place under the right ribs. A later check-in grading a sign 0 clears
    it.
    """
    tracked = (*URGENT_SIGNS, *EARLY_SIGNS, *APPETITE_PAIR)
    latest: dict[str, tuple[int, dt.datetime]] = {}
    for checkin in reversed(daily.recent_checkins(snapshot, SYMPTOM_WINDOW_DAYS)):
        for sign in tracked:
            if sign not in latest and sign in checkin.symptoms:
                latest[sign] = (checkin.symptoms[sign], checkin.at)
        if len(latest) == len(tracked):
            break
    present = {sign: found for sign, found in latest.items() if found[0] >= 1}
    urgent = {sign: found for sign, found in present.items() if sign in URGENT_SIGNS}
    early = {sign: found for sign, found in present.items() if sign in EARLY_SIGNS}
    if all(sign in present for sign in APPETITE_PAIR):
        early |= {sign: present[sign] for sign in APPETITE_PAIR}
    shown = urgent | early
    if not shown:
        return
    reported_at = max(at for _, at in shown.values())
    last_dose = daily.last_dose_before(snapshot, reported_at)
    if last_dose is None or reported_at - last_dose.taken_at > dt.timedelta(days=SYMPTOM_WINDOW_DAYS):
        return
    names = _sign_names(shown)
    evidence = {"symptoms": {sign: grade for sign, (grade, _) in sorted(shown.items())},
                "reported_at": reported_at.isoformat(), "last_dose_at": last_dose.taken_at.isoformat()}
    if urgent:
        yield liver_symptoms.alert(
            Severity.URGENT,
            message=(f"On {plain_date(reported_at)} you noted {names} after taking kratom. These can be signs of "
                     "liver damage. Kratom has caused liver damage in some people."),
            action=with_stopping_note(
                "Stop taking kratom and get liver blood tests today. Contact your clinician, or go to urgent care if "
                "you cannot reach them. Get emergency care if you feel confused or very sleepy."),
            clinical=(f"Self-reported {names} on {snapshot.local_day(reported_at).isoformat()}, after kratom use "
                      f"(last dose {snapshot.local_day(last_dose.taken_at).isoformat()}): possible jaundice or "
                      "cholestasis. Liver panel (ALT, AST, ALP, TBIL, INR) today."),
            evidence=evidence)
        return
    yield liver_symptoms.alert(
        Severity.WARNING,
        message=(f"On {plain_date(reported_at)} you noted {names} after taking kratom. These have many causes. "
                 "But they can be early signs of liver damage, which kratom has caused in some people."),
        action=("Contact your clinician in the next day or two. Ask for liver blood tests. "
                f"{SAME_DAY_SIGNS_ACTION}"),
        clinical=(f"Self-reported {names} on {snapshot.local_day(reported_at).isoformat()}, after kratom use: "
                  "possible prodromal hepatitis (pruritus was prominent in kratom's cholestatic DILI, Navarro 2019). "
                  "Liver panel suggested."),
        evidence=evidence,
        title="Possible early signs of liver trouble",
        clinical_title="Possible early signs of liver injury")


_SIGN_WORDS = {"jaundice": "yellow skin or eyes", "dark_urine": "dark pee", "pale_stools": "pale poo",
               "itching": "itching", "right_upper_abdominal_pain": "pain under the right ribs", "fever": "fever",
               "nausea": "nausea", "loss_of_appetite": "loss of appetite"}


def _sign_names(signs: Mapping[str, object]) -> str:
    ordered = [_SIGN_WORDS[sign] for sign in _SIGN_WORDS if sign in signs]
    return ordered[0] if len(ordered) == 1 else f"{', '.join(ordered[:-1])} and {ordered[-1]}"


def _measured(readings: Mapping[str, Reading]) -> list[str]:
    """``ALT 7.4x ULN`` for each liver test read, in a fixed order, for the clinical voice."""
    return [f"{code} {readings[code].times_uln:.1f}x ULN" for code in ("ALT", "AST", "ALP", "TBIL", "GGT")
            if code in readings]


def _dated(snapshot: Snapshot, readings: Mapping[str, Reading]) -> str:
    """``liver tests of 2026-11-18 (2 days ago)``, or the span of dates when the latest results come from several
    draws, so that a patient knows how old the values are."""
    moments = sorted({r.collected_at for r in readings.values()})
    if len(moments) == 1:
        return f"liver tests of {when(snapshot, moments[0])}"
    return f"latest liver tests, taken between {when(snapshot, moments[0])} and {when(snapshot, moments[-1])},"
