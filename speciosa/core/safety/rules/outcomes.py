"""Outcome rules: whether kratom is delivering the benefit it is taken for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.dosing import CDC_OPIOIDS_2022, DWORKIN_2008
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.snapshot import Snapshot

FAMILY = "outcomes"
WEEK_DAYS = 7

FARRAR_2001 = cite("farrar-2001")

MEANINGFUL_RELIEF = Threshold(
    "pain_improvement_pct", default=30.0, minimum=10.0, maximum=100.0, unit="% fall in mean pain",
    why="IMMPACT: a fall of 30% or more is a moderately important improvement (Dworkin 2008).",
    sources=(DWORKIN_2008,))
WEEKS_BEFORE_JUDGING = Threshold(
    "pain_min_weeks_of_use", default=4.0, minimum=1.0, maximum=52.0, unit="weeks of use",
    why=("CDC's 2022 opioid guideline asks clinicians to weigh benefits and risks with the patient within 1-4 "
         "weeks of starting opioid therapy for chronic pain (Recommendation 7; Dowell 2022); four weeks is the end "
         "of that window. Written for opioids, applied to kratom by analogy."),
    sources=(CDC_OPIOIDS_2022,))


@rule(code="PAIN_NOT_IMPROVING", version=1, title="Pain has not improved meaningfully", family=FAMILY,
      severities=(Severity.INFO,), evidence_level=EvidenceLevel.GUIDELINE, sources=(DWORKIN_2008, FARRAR_2001),
      settings=(WEEKS_BEFORE_JUDGING, MEANINGFUL_RELIEF), plain_title="Your pain is not much better",
      plain_summary=("After some weeks, we compare your pain now with your first week. We tell you if it has not "
                     "got clearly better, so you can ask if kratom is worth it."))
def pain_not_improving(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    After at least ``pain_min_weeks_of_use`` weeks (default 4) since the first recorded dose, with kratom still taken
    in the last 7 days: the mean pain rating of the last 7 days against the mean of the first week of use (the 7
    days from the first dose). It fires when pain has not fallen by ``pain_improvement_pct`` (default 30%) or more.

    Why:
    IMMPACT recommends a fall of 30% or more in pain intensity as a moderately important, clinically meaningful
    improvement (Dworkin 2008), matching patients' own "much improved" (Farrar 2001). Without that benefit, the
    risks of continued kratom use (dependence, liver injury, interactions) weigh more.

    Known limits:
    Both weeks need pain ratings; a first week without check-ins leaves no baseline and the rule silent, as does a
    first-week mean of 0. Pain varies for many reasons (flares, season, other treatments), and the first week may
    already include some effect of kratom; the rule compares two weeks, not a trend.
    """
    first = daily.first_dose(snapshot)
    if first is None:
        return
    first_day = snapshot.local_day(first.taken_at)
    days_of_use = (snapshot.today - first_day).days
    if days_of_use < pain_not_improving.setting(snapshot, WEEKS_BEFORE_JUDGING) * WEEK_DAYS:
        return
    if not daily.recent_doses(snapshot, WEEK_DAYS):
        return
    baseline_end = daily.day_start(snapshot, first_day + dt.timedelta(days=WEEK_DAYS))
    baseline = daily.mean_pain(daily.checkins_between(snapshot, daily.day_start(snapshot, first_day), baseline_end))
    current = daily.mean_pain(daily.recent_checkins(snapshot, WEEK_DAYS))
    if baseline is None or current is None or baseline <= 0:
        return
    fall_pct = round((baseline - current) / baseline * 100, 6)
    wanted = pain_not_improving.setting(snapshot, MEANINGFUL_RELIEF)
    if fall_pct >= wanted:
        return
    change = (f"a fall of {fall_pct:.0f}%" if fall_pct > 0 else
              "no fall" if fall_pct == 0 else f"a rise of {-fall_pct:.0f}%")
    plain_change = (f"{fall_pct:.0f}% lower" if fall_pct > 0 else "the same" if fall_pct == 0 else
                    f"{-fall_pct:.0f}% higher")
    yield pain_not_improving.alert(
        Severity.INFO,
        message=(f"After {days_of_use // WEEK_DAYS} weeks of kratom, your pain this week is {current:.1f} out of "
                 f"10 on average. In your first week it was {baseline:.1f}. That is {plain_change}. Most people "
                 f"notice a real change only when pain falls by {wanted:g}% or more."),
        action=("Ask your clinician whether kratom helps enough to be worth its risks. Ask, too, what else could "
                "help your pain."),
        clinical=(f"Mean pain {baseline:.1f} (first week) -> {current:.1f} (last 7 days) after "
                  f"{days_of_use // WEEK_DAYS} weeks: {change}, below the {wanted:g}% IMMPACT threshold for a "
                  "meaningful improvement (Dworkin 2008)."),
        evidence={"baseline_pain": round(baseline, 2), "current_pain": round(current, 2),
                  "fall_pct": round(fall_pct, 1), "weeks_of_use": days_of_use // WEEK_DAYS,
                  "first_dose_at": first.taken_at.isoformat(), "required_fall_pct": wanted},
    )
