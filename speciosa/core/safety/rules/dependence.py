"""Dependence rules: withdrawal symptoms, and kratom use disorder on the DSM-5 criteria."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.dosing import ROGERS_2024, SINGH_2014
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.safety.wording import plain_date
from speciosa.core.snapshot import Questionnaire, Snapshot

FAMILY = "dependence"
WITHDRAWAL_WINDOW_DAYS = 7
RECENT_USE_DAYS = 30  # withdrawal is read as kratom withdrawal only if kratom was taken in the month before
DSM5_INSTRUMENT = "dsm5-kud"
DSM5_ITEMS = 11
DSM5_PERIOD_DAYS = 365  # the DSM-5 criteria describe a 12-month period
SOWS_INSTRUMENT = "sows"  # speciosa.core.instruments.sows: 16 items, each 0-4 (not imported: it would be circular)
SOWS_ITEMS = 16
SOWS_ITEM_MAX = 4
SOWS_SEVERE_FROM = 21  # CTN-0094's SOWS bands: 1-10 mild, 11-20 moderate, 21 or more severe

TRAKULSRICHAI_2015 = cite("trakulsrichai-2015")
TANNA_2022 = cite("tanna-2022")
DSM5_TABLE = cite("apa-dsm5")
HANDELSMAN_1987 = cite("handelsman-1987")
CTN_0094_SOWS_BANDS = cite("balise-2023")
SMITH_2022 = cite("smith-2022")
SMITH_2024_KUD = cite("smith-2024")

WITHDRAWAL_GRADE = Threshold(
    "withdrawal_min_grade", default=2.0, minimum=1.0, maximum=4.0, unit="symptom grade (0-3 in the diary)",
    why="Grade 2 is 'moderate' on the diary's 0-3 scale, the level the rule is defined at.")
DOSE_GAP = Threshold(
    "withdrawal_gap_hours", default=24.0, minimum=4.0, maximum=336.0, unit="hours since the last dose",
    why=("Mitragynine's half-life is about 23-45 h (Trakulsrichai 2015; Tanna 2022); symptoms after a day without "
         "a dose point to physical dependence rather than to something else."),
    sources=(TRAKULSRICHAI_2015, TANNA_2022))

SOWS_MODERATE = Threshold(
    "withdrawal_sows_min_total", default=11.0, minimum=1.0, maximum=64.0, unit="SOWS total (0-64)",
    why=("11 is where the moderate range starts in the SOWS bands the NIDA Clinical Trials Network applied to trial "
         "CTN-0051 (CTN-0094 harmonisation, Balise 2023); Handelsman 1987 itself gives no bands. Kratom users "
         "averaged 13.5 (SD 11.9), 'mild to moderate' (Rogers 2024)."),
    sources=(CTN_0094_SOWS_BANDS, HANDELSMAN_1987, ROGERS_2024))

SEVERITY_BANDS = ((6, "severe", Severity.URGENT), (4, "moderate", Severity.WARNING), (2, "mild", Severity.WARNING))
# DSM-5 criteria 10 (tolerance) and 11 (withdrawal): not counted for a substance taken under medical supervision.
PHYSICAL_DEPENDENCE_CRITERIA = (10, 11)
COUNTED_ALL = "all 11 criteria"
COUNTED_UNDER_PLAN = "criteria 1-9 (tolerance and withdrawal not counted under a clinician's plan)"


@rule(code="WITHDRAWAL", version=2, title="Withdrawal symptoms", family=FAMILY, severities=(Severity.WARNING,),
      evidence_level=EvidenceLevel.CLINICAL_STUDY,
      sources=(SINGH_2014, ROGERS_2024, TRAKULSRICHAI_2015, HANDELSMAN_1987, CTN_0094_SOWS_BANDS),
      settings=(WITHDRAWAL_GRADE, DOSE_GAP, SOWS_MODERATE), plain_title="Signs of withdrawal",
      plain_summary=("We check your check-ins and withdrawal questions for signs of withdrawal, like aches, sweats "
                     "or cravings, after kratom."))
def withdrawal(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Two reports of the last 7 days, each judged on its latest reading: the latest check-in that graded withdrawal
    symptoms, which counts when any symptom is at or above ``withdrawal_min_grade`` (default 2, "moderate" on the
    diary's 0-3 scale); and the latest complete SOWS questionnaire (16 answers of 0-4), which counts when its total
    is at or above ``withdrawal_sows_min_total`` (default 11, the start of the moderate range; 21 or more is
    severe). Either one fires the alert, without the other, when kratom was taken in the 30 days before it; one
    alert carries both when both count. The message is stronger when the report came ``withdrawal_gap_hours``
    (default 24) or more after the last dose, the pattern of symptoms that start when a dose is missed.

    Why:
    Regular users describe opioid-like withdrawal when they stop (muscle aches, trouble sleeping, runny nose,
    restlessness, irritability; Singh 2014), and it grows with the amount and frequency of dosing (Rogers 2024).
    The SOWS (Handelsman 1987) is the withdrawal scale used in studies of kratom users: 395 US users scored 13.5 on
    average (SD 11.9), "mild to moderate" (Rogers 2024). Its bands (1-10 mild, 11-20 moderate, 21 or more severe)
    are those the NIDA Clinical Trials Network applied to SOWS totals when it harmonised trial CTN-0051 (CTN-0094
    data, Balise 2023). With a half-life of about a day (23 h in chronic users; Trakulsrichai 2015), symptoms after
    a day without a dose point to physical dependence, which a clinician can help manage.

    Known limits:
    The diary's 0-3 grades are not a validated instrument. The SOWS was validated in opioid withdrawal, not in
    kratom withdrawal (no kratom-specific scale is validated), and Handelsman 1987 gives no severity bands: the
    bands used here are a research convention (CTN-0094), not a validated cut-off. Many symptoms have other causes (a
    cold, anxiety, poor sleep). Each report is cleared only by a later report of the same kind (a later check-in
    without moderate symptoms, or a later SOWS below the threshold); SOWS answers that are incomplete or out of range
    are skipped. Without a dose recorded in the 30 days before a report, the report is not read as kratom withdrawal.
    """
    min_grade = withdrawal.setting(snapshot, WITHDRAWAL_GRADE)
    min_total = withdrawal.setting(snapshot, SOWS_MODERATE)
    window_start = daily.window_start(snapshot, WITHDRAWAL_WINDOW_DAYS)
    evidence: dict[str, Any] = {}
    reports: list[tuple[dt.datetime, str]] = []  # (when, what was reported), for the reports that count
    plain: list[tuple[dt.datetime, str]] = []  # the same reports in the patient's words

    checkins = daily.recent_checkins(snapshot, WITHDRAWAL_WINDOW_DAYS)
    latest = next((checkin for checkin in reversed(checkins) if checkin.withdrawal), None)
    if latest is not None and _used_kratom_before(snapshot, latest.at):
        strong = {name: grade for name, grade in sorted(latest.withdrawal.items()) if grade >= min_grade}
        if strong:
            names = ", ".join(name.replace("_", " ") for name in strong)
            reports.append((latest.at, f"withdrawal symptoms graded moderate or above in a check-in ({names})"))
            plain.append((latest.at, f"you noted strong withdrawal signs ({names})"))
            evidence |= {"symptoms": strong, "min_grade": int(min_grade)}

    sows = _latest_sows(snapshot, window_start)
    if sows is not None and _used_kratom_before(snapshot, sows.at):
        total = sum(sows.answers)
        if total >= min_total:
            band = "severe" if total >= SOWS_SEVERE_FROM else "moderate"
            reports.append((sows.at, f"SOWS {total}/64, {band} range"))
            plain.append((sows.at, f"your answers to the withdrawal questions showed {band} withdrawal"))
            evidence |= {"sows_total": total, "sows_band": band, "sows_answered_at": sows.at.isoformat(),
                         "sows_min_total": int(min_total)}

    if not reports:
        return
    reported_at = max(at for at, _what in reports)
    last_dose = daily.last_dose_before(snapshot, reported_at)
    assert last_dose is not None  # each report counted only after a dose in the 30 days before it
    hours = (reported_at - last_dose.taken_at).total_seconds() / 3600
    after_gap = hours >= withdrawal.setting(snapshot, DOSE_GAP)
    if after_gap:
        detail = (f"This was {hours:.0f} hours after your last dose. Signs that start when you miss a dose mean "
                  "your body has got used to kratom.")
    else:
        detail = f"Your last dose was {hours:.0f} hours before."
    what = " and ".join(text for _at, text in sorted(plain))
    clinical_what = "; ".join(text for _at, text in sorted(reports))
    yield withdrawal.alert(
        Severity.WARNING,
        message=f"On {plain_date(reported_at)} {what}. {detail}",
        action=("Do not take more than your plan allows to ease withdrawal. Talk with your clinician about it. If "
                "you want to cut down, going down slowly with help is easier than stopping at once. Get care if you "
                "cannot keep fluids down."),
        clinical=(f"Withdrawal: {clinical_what}; {hours:.0f} h after the last dose"
                  + (" (after a missed dose: physical dependence)." if after_gap else ".")),
        evidence={**evidence, "reported_at": reported_at.isoformat(), "last_dose_at": last_dose.taken_at.isoformat(),
                  "hours_since_last_dose": round(hours, 1), "after_gap": after_gap},
    )


def _used_kratom_before(snapshot: Snapshot, moment: dt.datetime) -> bool:
    """Whether a dose was taken in the RECENT_USE_DAYS before ``moment``: only then is withdrawal read as kratom's."""
    last_dose = daily.last_dose_before(snapshot, moment)
    return last_dose is not None and moment - last_dose.taken_at <= dt.timedelta(days=RECENT_USE_DAYS)


def _latest_sows(snapshot: Snapshot, since: dt.datetime) -> Questionnaire | None:
    """The latest complete SOWS answered from ``since`` up to ``as_of``; an incomplete one is skipped."""
    for questionnaire in reversed(snapshot.questionnaires):
        if questionnaire.at < since:
            return None
        if (questionnaire.instrument == SOWS_INSTRUMENT and questionnaire.at <= snapshot.as_of
                and len(questionnaire.answers) == SOWS_ITEMS and max(questionnaire.answers) <= SOWS_ITEM_MAX):
            return questionnaire
    return None


@rule(code="DEPENDENCE", version=2, title="Signs of kratom use disorder", family=FAMILY,
      severities=(Severity.WARNING, Severity.URGENT), evidence_level=EvidenceLevel.GUIDELINE,
      sources=(DSM5_TABLE, SMITH_2022, SMITH_2024_KUD), plain_title="Signs that kratom is getting hard to control",
      plain_summary=("We read your answers to the questions about how you use kratom. We tell you if they show "
                     "signs of a problem with it."))
def dependence(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    The latest ``dsm5-kud`` questionnaire of the last 12 months whose answers are 11 zeros and ones (1 = criterion
    met). The count of criteria met gives the DSM-5 severity: 2-3 mild and 4-5 moderate (warning), 6 or more severe
    (urgent); 0-1 is no disorder and stays silent. When a clinician's plan was in force on the day of the answers,
    tolerance (criterion 10) and withdrawal (criterion 11) are left out of the count the severity is read from, as
    DSM-5 directs for a substance taken under medical supervision. The evidence carries both counts (all eleven
    criteria, and without 10 and 11), which one the severity rests on, and which criteria were met.

    Why:
    The DSM-5 criteria are the standard definition of a substance use disorder, and kratom use disorder has been
    measured with them: in one US sample 29.5% met past-year criteria (14.0% mild, 7.0% moderate, 8.5% severe;
    Smith 2022). A severe disorder calls for prompt specialist care. DSM-5's notes to criteria 10 and 11: each "is
    not considered to be met for those taking substances solely under appropriate medical supervision" (as tabulated
    in PMC7993020): physical dependence on a substance taken as a clinician planned is expected and is not by itself a
    use disorder. People who meet kratom use disorder criteria mostly do so through tolerance, withdrawal, taking
    more than intended and craving (Smith 2024), so counting 10 and 11 under supervision would mislabel many
    supervised patients.

    Known limits:
    A self-completed checklist is a screen, not a diagnosis. "Under supervision" is read as "a plan was in force on
    the day of the answers" (``plan``, or the entry of ``plans`` in force that day); the rule does not check that
    kratom was in fact taken as planned, and the answers cover 12 months, part of which may precede the plan. With
    no plan, all eleven criteria are counted. Questionnaires with a wrong number of answers, or answers other than 0
    and 1, are skipped.
    """
    found = _latest_valid(snapshot)
    if found is None:
        return
    met = [index + 1 for index, answer in enumerate(found.answers) if answer == 1]
    met_without_physical = [criterion for criterion in met if criterion not in PHYSICAL_DEPENDENCE_CRITERIA]
    answered_on = snapshot.local_day(found.at)
    supervised = snapshot.plan_on(answered_on) is not None
    counted = met_without_physical if supervised else met
    band = next(((name, severity) for minimum, name, severity in SEVERITY_BANDS if len(counted) >= minimum), None)
    if band is None:
        return
    name, severity = band
    if severity is Severity.URGENT:
        action = ("Contact your clinician today to talk about getting help. Do not stop all at once on your own. "
                  "Withdrawal can be hard, and a plan with support works better.")
    else:
        action = ("Talk with your clinician about these answers next time you are in touch. Together you can decide "
                  "whether to change your plan.")
    if supervised:
        count_text = (f"meet {len(met)} of the 11 DSM-5 criteria; {len(counted)} without tolerance and withdrawal, "
                      "which DSM-5 does not count while kratom is taken under a clinician's plan. That count "
                      f"corresponds to a {name} kratom use disorder.")
    else:
        count_text = f"meet {len(met)} of the 11 DSM-5 criteria, which corresponds to a {name} kratom use disorder."
    yield dependence.alert(
        severity,
        message=(f"Your answers on {plain_date(answered_on)} show signs that kratom is becoming hard to control "
                 f"({len(counted)} of {9 if supervised else 11} signs, a {name} level). "
                 "This is not a diagnosis. It is something to talk about with your clinician."),
        action=action,
        clinical=f"DSM-5 kratom use disorder checklist of {answered_on.isoformat()}: answers {count_text}",
        evidence={"count": len(counted), "severity": name, "counted": COUNTED_UNDER_PLAN if supervised else COUNTED_ALL,
                  "under_plan": supervised, "count_all_criteria": len(met),
                  "count_without_tolerance_withdrawal": len(met_without_physical), "criteria_met": met,
                  "answered_at": found.at.isoformat()},
    )


def _latest_valid(snapshot: Snapshot) -> Questionnaire | None:
    oldest = snapshot.as_of - dt.timedelta(days=DSM5_PERIOD_DAYS)
    for questionnaire in reversed(snapshot.questionnaires):
        if questionnaire.at < oldest:
            return None
        if (questionnaire.instrument == DSM5_INSTRUMENT and questionnaire.at <= snapshot.as_of
                and len(questionnaire.answers) == DSM5_ITEMS and set(questionnaire.answers) <= {0, 1}):
            return questionnaire
    return None
