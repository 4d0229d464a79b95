"""Dosing rules: days above the plan, days above a literature threshold, and rising doses without more relief.

Amounts are leaf-equivalent grams (speciosa.core.units); days are calendar days in the patient's zone. Every rule
reads a bounded window of recent days through speciosa.core.safety.daily.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from speciosa.core import plan_days
from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.safety.wording import about_leaf, plain_date
from speciosa.core.snapshot import Plan, Snapshot

FAMILY = "dosing"
RECENT_DAYS = 7  # a day over a limit stays visible for a week, so a clinician can see it
ESCALATION_PERIOD_DAYS = 28

GRUNDMANN_2017 = cite("grundmann-2017")
SINGH_2014 = cite("singh-2014")
ROGERS_2024 = cite("rogers-2024")
HUESTIS_2024 = cite("huestis-2024")
DWORKIN_2008 = cite("dworkin-2008")
CDC_OPIOIDS_2022 = cite("dowell-2022")

DAILY_LEAF_LIMIT = Threshold(
    "dose_high_daily_leaf_g", default=15.0, minimum=1.0, maximum=100.0, unit="g leaf-equivalent per day",
    why=("Adverse effects clustered at >=5 g per dose and >=22 doses a week, about 15 g a day (Grundmann 2017); "
         ">=3 glasses a day (about 237 mg mitragynine, about 18 g of reference leaf) went with severe dependence "
         "and withdrawal (Singh 2014). 15 g is the lower of the two."),
    sources=(GRUNDMANN_2017, SINGH_2014))
ESCALATION_RISE = Threshold(
    "dose_escalation_pct", default=25.0, minimum=5.0, maximum=500.0, unit="% rise in mean daily dose",
    why=("No published cut-off for the rise that marks tolerance to kratom was found, so 25% is Speciosa's own "
         "choice, not a measured threshold; a clinician may set the rise they would want to discuss. CDC's 2022 "
         "opioid guideline asks clinicians to evaluate benefits and risks within 1-4 weeks of a dosage escalation "
         "(Recommendation 7; Dowell 2022), the review this alert prompts."),
    sources=(CDC_OPIOIDS_2022,))
ESCALATION_PAIN_RELIEF = Threshold(
    "escalation_pain_improvement_pct", default=10.0, minimum=0.0, maximum=100.0, unit="% fall in mean pain",
    why=("IMMPACT: a 10-20% fall in pain is the smallest change patients notice (Dworkin 2008); a smaller fall "
         "counts as not improved."),
    sources=(DWORKIN_2008,))


@rule(code="DOSE_ABOVE_PLAN", version=3, title="A day above the plan's limits", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.EXPERT_CONSENSUS, sources=(HUESTIS_2024,),
      plain_title="More than your plan allows",
      plain_summary=("We check each day's total against the limits in the plan you made with your clinician: how "
                     "much kratom, and how many doses."))
def dose_above_plan(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Each calendar day of the last 7 (patient's zone, today included) against the plan in force on that day: a
    leaf-equivalent total above that day's leaf limit, a mitragynine total above ``max_daily_mitragynine_mg``, or
    more doses than ``max_doses_per_day``. The day's leaf limit is ``max_daily_leaf_g``, or, when the plan has a
    titration schedule, the schedule's step for that day (start + step for each completed interval, never above its
    ceiling) capped by ``max_daily_leaf_g``. Totals are compared as people see them (0.01 g, 0.1 mg), so a total
    at the limit is within the plan. With a ``plans`` list each day is judged against the entry in force on that
    day (the latest ``effective_from`` on or before it); without one, ``plan`` applies to every day. The judgement
    is speciosa.core.plan_days, the one definition the panel's adherence, the visit report and today's plan box
    also use.

    Why:
    The limits are the clinician's, agreed with the patient; Speciosa only monitors against them. Leaf-equivalent
    grams make capsules, powder and extracts comparable with one limit (extracts are converted with a measured
    reference leaf content). Judging each day by the plan of that day means a change of plan neither hides nor
    invents a day above the limits that applied when the dose was taken.

    Known limits:
    Without a plan, or a plan without limits, the rule is silent; so are days before the first plan of a ``plans``
    list. Totals are only as accurate as the logged amounts and the products' alkaloid contents; 7-OH products add
    no leaf equivalent (PRODUCT_7OH covers them) but count as doses. Version 1 judged every day against the plan in
    force at the time of evaluation and had no titration schedule; version 2 compared unrounded totals, so float
    noise a few micrograms above a limit could raise a day the patient saw as exactly at it.
    """
    over_days: list[dict[str, Any]] = []
    latest_plan: Plan | None = None
    for total in daily.day_totals(snapshot, RECENT_DAYS):
        plan = snapshot.plan_on(total.day)
        if plan is None:
            continue
        limits = plan_days.limits_on(total.day, max_daily_leaf_g=plan.max_daily_leaf_g,
                                     max_daily_mitragynine_mg=plan.max_daily_mitragynine_mg,
                                     max_doses_per_day=plan.max_doses_per_day, titration=plan.titration,
                                     daily_limit_g=plan.daily_limit_g)
        taken = plan_days.DayTaken(leaf_equivalent_g=total.leaf_equivalent_g, mitragynine_mg=total.mitragynine_mg,
                                   doses=total.doses)
        verdict = plan_days.judge_day(total.day, taken, limits)
        if verdict is not None and verdict.is_over:
            latest_plan = plan
            over_days.append({"day": total.day.isoformat(), "leaf_equivalent_g": verdict.taken.leaf_equivalent_g,
                              "mitragynine_mg": verdict.taken.mitragynine_mg, "doses": total.doses,
                              "over": list(verdict.over),
                              "limits": {"leaf_equivalent_g": verdict.limits.leaf_equivalent_g,
                                         "mitragynine_mg": verdict.limits.mitragynine_mg,
                                         "doses": verdict.limits.doses},
                              "plan_from": None if plan.effective_from is None else plan.effective_from.isoformat()})
    if not over_days:
        return
    assert latest_plan is not None
    latest = over_days[-1]
    limits = latest["limits"]
    parts, plain = [], []
    if "leaf_equivalent_g" in latest["over"]:
        plain.append(f"{about_leaf(latest['leaf_equivalent_g'])} (your plan: up to {limits['leaf_equivalent_g']:g} g)")
        parts.append(f"{latest['leaf_equivalent_g']:g} g leaf-equivalent (plan: at most "
                     f"{limits['leaf_equivalent_g']:g} g that day)")
    if "mitragynine_mg" in latest["over"]:
        plain.append("more of kratom's main active part than your plan allows")
        parts.append(f"{latest['mitragynine_mg']:g} mg mitragynine (plan: at most {limits['mitragynine_mg']:g} mg)")
    if "doses" in latest["over"]:
        plain.append(f"{latest['doses']} doses (your plan: up to {limits['doses']})")
        parts.append(f"{latest['doses']} doses (plan: at most {limits['doses']})")
    count = len(over_days)
    yield dose_above_plan.alert(
        Severity.WARNING,
        message=(f"On {plain_date(latest['day'])} you took {' and '.join(plain)}. "
                 + ("This is the only day this week above your plan." if count == 1 else
                    f"{count} of the last {RECENT_DAYS} days were above your plan.")),
        action=("Go back to the amounts in your plan. If they no longer help your pain, talk with your clinician. "
                "Do not raise the amount on your own."),
        clinical=(f"Above the plan on {latest['day']}: {' and '.join(parts)}; {count} of the last {RECENT_DAYS} "
                  "days above the plan in force on each day."),
        evidence={"days": over_days,
                  "plan": {"max_daily_leaf_g": latest_plan.max_daily_leaf_g,
                           "max_doses_per_day": latest_plan.max_doses_per_day,
                           "max_daily_mitragynine_mg": latest_plan.max_daily_mitragynine_mg,
                           "titration": None if latest_plan.titration is None else latest_plan.titration.to_dict(),
                           "effective_from": latest["plan_from"]}},
    )


@rule(code="DOSE_HIGH", version=1, title="A high daily amount", family=FAMILY, severities=(Severity.WARNING,),
      evidence_level=EvidenceLevel.CLINICAL_STUDY, sources=(GRUNDMANN_2017, SINGH_2014, ROGERS_2024),
      settings=(DAILY_LEAF_LIMIT,), plain_title="A large amount in one day",
      plain_summary=("We check for days with a large total, about 15 g of leaf or more. Side effects and "
                     "dependence are more common at amounts like this."))
def dose_high(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Each calendar day of the last 7 whose leaf-equivalent total is above ``dose_high_daily_leaf_g`` (default 15 g;
    a clinician may set another value in the plan). A total exactly at the threshold does not count.

    Why:
    In a survey of 8,049 US users, negative effects were reported mainly at 5 g or more per dose and 22 or more
    doses a week (Grundmann 2017), about 15 g a day; among regular Malaysian users, 3 or more glasses a day (about
    237 mg mitragynine, roughly 18 g of reference leaf) went with severe dependence, withdrawal and craving (Singh
    2014). Withdrawal and kratom use disorder rise with the amount and, more, the frequency of dosing (Rogers 2024).
    15 g, the lower of the two, is the default.

    Known limits:
    The threshold comes from observational surveys with self-reported amounts, not from a dose-finding trial, and
    there is no agreed cut-off between moderate and high use. Leaf-equivalent grams for extracts rest on a reference
    leaf content, and 7-OH products are not counted here (PRODUCT_7OH covers them).
    """
    limit = dose_high.setting(snapshot, DAILY_LEAF_LIMIT)
    high_days = [{"day": total.day.isoformat(), "leaf_equivalent_g": round(total.leaf_equivalent_g, 2)}
                 for total in daily.day_totals(snapshot, RECENT_DAYS) if total.leaf_equivalent_g > limit]
    if not high_days:
        return
    latest = high_days[-1]
    day, grams = str(latest["day"]), float(str(latest["leaf_equivalent_g"]))
    yield dose_high.alert(
        Severity.WARNING,
        message=(f"On {plain_date(day)} you took {about_leaf(grams)}. That is more "
                 f"than {limit:g} g in a day. In surveys, people who took this much had more side effects. They also "
                 "had more trouble cutting down."),
        action=("Talk with your clinician about your daily amount and how to lower it slowly. Do not mix kratom "
                "with alcohol or with medicines that make you sleepy."),
        clinical=(f"High daily intake: {latest['leaf_equivalent_g']:g} g leaf-equivalent on {latest['day']} "
                  f"(threshold {limit:g} g/day; {len(high_days)} such day(s) in the last {RECENT_DAYS}). Adverse "
                  "effects, dependence and withdrawal more common at this level (Grundmann 2017; Singh 2014)."),
        evidence={"days": high_days, "threshold_g": limit},
    )


@rule(code="DOSE_ESCALATION", version=1, title="Daily amount rising without more relief", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.CLINICAL_STUDY,
      sources=(SINGH_2014, ROGERS_2024, DWORKIN_2008), settings=(ESCALATION_RISE, ESCALATION_PAIN_RELIEF),
      plain_title="Taking more without more relief",
      plain_summary=("We compare your last four weeks with the four before. We tell you if you take a lot more but "
                     "your pain is no better."))
def dose_escalation(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    The mean daily leaf-equivalent amount over the last 28 days (today included, days without doses counting as 0)
    against the 28 days before. It fires when the rise is at least ``dose_escalation_pct`` (default 25%) and mean
    pain has not improved: it has not fallen by ``escalation_pain_improvement_pct`` (default 10%, IMMPACT's smallest
    noticeable change) or more. When pain was not recorded in both periods the rise alone is reported, saying so.

    Why:
    Needing more for the same effect is tolerance, one of the DSM-5 criteria of a use disorder; among regular users,
    higher daily amounts went with more severe dependence and withdrawal (Singh 2014; Rogers 2024).
    A rise that brings real relief is a different conversation from one that does not.

    Known limits:
    It needs doses going back at least 56 days (first dose on or before the start of the earlier period) and some use
    in the earlier period; a restart after a break is not an escalation here. Mean pain is the mean of the check-ins'
    pain ratings, so many check-ins on one bad day weigh more.
    """
    span = 2 * ESCALATION_PERIOD_DAYS
    first = daily.first_dose(snapshot)
    start_day = snapshot.today - dt.timedelta(days=span - 1)
    if first is None or snapshot.local_day(first.taken_at) > start_day:
        return
    totals = daily.totals_for_days(snapshot, start_day, span)
    earlier_mean = sum(t.leaf_equivalent_g for t in totals[:ESCALATION_PERIOD_DAYS]) / ESCALATION_PERIOD_DAYS
    recent_mean = sum(t.leaf_equivalent_g for t in totals[ESCALATION_PERIOD_DAYS:]) / ESCALATION_PERIOD_DAYS
    if earlier_mean <= 0:
        return
    rise_pct = round((recent_mean / earlier_mean - 1) * 100, 6)
    if rise_pct < dose_escalation.setting(snapshot, ESCALATION_RISE):
        return
    middle = daily.day_start(snapshot, totals[ESCALATION_PERIOD_DAYS].day)
    pain_before = daily.mean_pain(daily.checkins_between(snapshot, daily.day_start(snapshot, start_day), middle))
    pain_now = daily.mean_pain(daily.checkins_between(snapshot, middle, snapshot.as_of + dt.timedelta(seconds=1)))
    pain_fall_pct = None
    if pain_before is not None and pain_now is not None:
        pain_fall_pct = round((pain_before - pain_now) / pain_before * 100, 1) if pain_before > 0 else 0.0
        if pain_fall_pct >= dose_escalation.setting(snapshot, ESCALATION_PAIN_RELIEF):
            return
        pain_text = f"Your pain went from {pain_before:.1f} to {pain_now:.1f} on average. That is not a clear change."
        pain_clinical = (f"Mean pain {pain_before:.1f} -> {pain_now:.1f} ({pain_fall_pct:g}% fall, below the "
                         "IMMPACT minimal important change).")
    else:
        pain_text = "You did not note your pain in both periods, so we could not compare it."
        pain_clinical = "Pain not recorded in both periods."
    yield dose_escalation.alert(
        Severity.WARNING,
        message=(f"Over the last four weeks you took {rise_pct:.0f}% more each day than in the four weeks before: "
                 f"{about_leaf(recent_mean)} a day, up from {about_leaf(earlier_mean)}. {pain_text} Needing more "
                 "for the same effect can mean your body is getting used to kratom."),
        action=("Talk with your clinician before you take more. Together you can look at other ways to ease pain, "
                "and at a plan to hold or lower the amount."),
        clinical=(f"Escalation: mean daily intake {earlier_mean:.1f} -> {recent_mean:.1f} g leaf-equivalent "
                  f"(+{rise_pct:.0f}%, 28 days against the 28 before). {pain_clinical} Possible tolerance."),
        evidence={"earlier_mean_g": round(earlier_mean, 2), "recent_mean_g": round(recent_mean, 2),
                  "rise_pct": round(rise_pct, 1),
                  "pain_before": None if pain_before is None else round(pain_before, 2),
                  "pain_now": None if pain_now is None else round(pain_now, 2), "pain_fall_pct": pain_fall_pct},
    )
