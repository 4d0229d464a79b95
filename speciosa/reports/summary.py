"""The visit report's headline figures: how much was taken, and how it compares with the plan's daily limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from speciosa.core.analytics.immpact import CATEGORY_WORDS, LABELS, Change
from speciosa.core.analytics.series import Day
from speciosa.core.charts.words import MONTHS, day_words, number
from speciosa.core.plan_days import DayAgainstPlan, DayLimits, DayTaken, judge_day


@dataclass(frozen=True)
class DoseSummary:
    days: int  # days in the period
    days_used: int  # days with at least one dose
    doses: int
    mean_leaf_g: float | None  # mean daily leaf-equivalent grams on days with a leaf-equivalent dose
    max_leaf_g: float | None
    mean_mitragynine_mg: float | None  # mean daily mitragynine on days used where every dose had a figure
    max_mitragynine_mg: float | None  # the most in one of those days
    mitragynine_days: int  # days used where every dose had a mitragynine figure
    leaf_days: int  # days used with at least one leaf-equivalent dose
    max_doses_in_a_day: int
    unconverted_doses: int  # doses without a leaf equivalent (7-OH products), not in the gram figures
    days_with_limit: int  # days a plan with a dose limit was in force
    days_over_limit: int
    over_limit: tuple[DayAgainstPlan, ...]  # the days over, at most the first 10


def dose_summary(days: Sequence[Day], limits: Mapping[dt.date, DayLimits]) -> DoseSummary:
    """``days`` summed, and each judged against its limits by speciosa.core.plan_days (the rule's definition)."""
    used = [day for day in days if day.doses]
    leaf_days = [day for day in used if day.doses > day.unconverted_doses]  # 7-OH-only days have no leaf figure
    mitragynine = [day.mitragynine_mg for day in used if day.mitragynine_mg is not None]
    verdicts = [judge_day(day.day, DayTaken(leaf_equivalent_g=day.leaf_g, mitragynine_mg=day.mitragynine_mg or 0.0,
                                            doses=day.doses), limits.get(day.day)) for day in days]
    limited = [verdict for verdict in verdicts if verdict is not None]
    over = [verdict for verdict in limited if verdict.is_over]
    return DoseSummary(
        days=len(days), days_used=len(used), doses=sum(day.doses for day in days),
        mean_leaf_g=sum(day.leaf_g for day in leaf_days) / len(leaf_days) if leaf_days else None,
        max_leaf_g=max(day.leaf_g for day in leaf_days) if leaf_days else None,
        mean_mitragynine_mg=sum(mitragynine) / len(mitragynine) if mitragynine else None,
        max_mitragynine_mg=max(mitragynine) if mitragynine else None, mitragynine_days=len(mitragynine),
        leaf_days=len(leaf_days), max_doses_in_a_day=max((day.doses for day in days), default=0),
        unconverted_doses=sum(day.unconverted_doses for day in days),
        days_with_limit=len(limited), days_over_limit=len(over), over_limit=tuple(over[:10]))


@dataclass(frozen=True)
class ChangeRow:
    """An outcome change as a page lists it: the measure, one short line, and analytics' full explanation."""

    label: str
    headline: str
    change: Change


def change_rows(changes: Mapping[str, Change], measures: Sequence[str] = ("pain", "peg", "function")) -> list[ChangeRow]:
    rows = []
    for measure in measures:
        change = changes[measure]
        if change.category == "insufficient" or change.baseline is None or change.latest is None:
            headline = "not enough ratings yet to compare the first week with the latest."
        else:
            words = CATEGORY_WORDS.get(change.category, change.category)
            headline = f"{words}: {number(change.baseline)} in the first week, {number(change.latest)} in the latest."
        rows.append(ChangeRow(label=LABELS.get(measure, measure), headline=headline[:1].upper() + headline[1:],
                              change=change))
    return rows


@dataclass(frozen=True)
class Headline:
    """A chart's one-line answer ("Pain down 36% since you started") and the two weeks it compares, in words."""

    measure: str
    text: str
    compared: str  # which weeks, with their dates and averages; empty when there is nothing to compare


def pain_headline(change: Change, *, own: bool) -> Headline:
    """Pain's change from the first week of ratings to the latest week, in plain words, never surer than the data.

    Too few ratings give no percentage at all; a change smaller than the day-to-day spread (its 95% interval
    includes no change) is a "may be", not a figure stated as fact; under 10% either way is "about the same".
    """
    since = "since you started" if own else "since the first week of ratings"
    if change.category == "insufficient" or change.baseline is None or change.latest is None:
        return Headline("pain", "Not enough pain ratings yet to say how pain has changed.", "")
    assert change.baseline_start is not None
    first_end = change.baseline_start + dt.timedelta(days=6)
    compared = (f"{'Your' if own else 'The'} first week of ratings ({_span(change.baseline_start, first_end)}): "
                f"{number(change.baseline)} on average. The latest week ({_span(change.latest_start, change.as_of)}): "
                f"{number(change.latest)}. 0 is no pain, 10 the worst.")
    if change.percent is None:
        return Headline("pain", f"Pain started at 0, so there is no change to put as a percentage "
                                f"(now {number(change.latest)}).", compared)
    percent = round(abs(change.percent))
    direction = "down" if change.percent > 0 else "up"
    if change.category == "none":
        text = f"Pain is about the same {since} (less than 10% up or down)."
    elif change.absolute_low is not None and change.absolute_high is not None \
            and change.absolute_low <= 0 <= change.absolute_high:
        text = (f"Pain may be {direction} {percent}% {since}, but it varies too much from day to day "
                "to be sure yet.")
    else:
        text = f"Pain {direction} {percent}% {since}."
    return Headline("pain", text, compared)


def _span(first: dt.date, last: dt.date) -> str:
    if first.year != last.year:
        return f"{day_words(first)} to {day_words(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]} to {day_words(last)}"
    return f"{first.day} to {day_words(last)}"
