"""One definition of a day over the plan, read by the DOSE_ABOVE_PLAN rule, the panel's adherence, the visit report
and today's plan box, so the four never disagree about the same day.

- **The day** is a calendar day in the patient's own time zone: a dose at 23:30 in New York belongs to that day. The
  callers count the day's totals that way (core.safety.daily, lib.tz) and from live doses only (deleted ones never
  count); this module judges the totals they hand it.
- **The plan** is the one in force on that date (``in_force``): the newest version whose ``effective_from`` has come.
  A version effective from a date governs that whole date, whatever hour it was published, so a plan changed at noon
  judges the morning's doses too; a later version replaces an earlier one from its own date on.
- **The limits** of that day (``limits_on``): the leaf-equivalent limit is the titration step for that date capped by
  the plan's maximum (core.titration), or, without a schedule, the flat maximum; the mitragynine and dose-count
  maxima apply as written.
- **Over** means a total above one of those limits, compared at the precision people are shown (0.01 g
  leaf-equivalent, 0.1 mg mitragynine): a total exactly at the limit is within the plan, and a day shown as "5 g of
  5 g" is never called over because of float noise or a rounding the page hid.

A day without a plan, or under a plan with no dose limit, is not judged (``judge_day`` returns None); a day without
a dose is judged and is within any plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from speciosa.core.titration import Titration, leaf_limit_on

LEAF_PLACES = 2  # grams are shown to 0.01 g
MITRAGYNINE_PLACES = 1  # milligrams to 0.1 mg

LEAF = "leaf_equivalent_g"
MITRAGYNINE = "mitragynine_mg"
DOSES = "doses"


@dataclass(frozen=True, slots=True)
class DayLimits:
    """The limits in force on one day; None where the plan sets none."""

    leaf_equivalent_g: float | None = None
    mitragynine_mg: float | None = None
    doses: int | None = None


@dataclass(frozen=True, slots=True)
class DayTaken:
    """What was taken on one calendar day (live doses only)."""

    leaf_equivalent_g: float = 0.0
    mitragynine_mg: float = 0.0
    doses: int = 0


@dataclass(frozen=True, slots=True)
class DayAgainstPlan:
    """One day judged against its plan: the totals as compared (rounded), the day's limits, and which were passed."""

    day: dt.date
    taken: DayTaken
    limits: DayLimits
    over: tuple[str, ...]  # LEAF, MITRAGYNINE, DOSES, in that order

    @property
    def is_over(self) -> bool:
        return bool(self.over)


def limits_on(day: dt.date, *, max_daily_leaf_g: float | None, max_daily_mitragynine_mg: float | None,
              max_doses_per_day: int | None, titration: Titration | None,
              daily_limit_g: float | None = None) -> DayLimits | None:
    """The plan's limits on ``day``, or None when the plan sets no dose limit at all.

    ``daily_limit_g`` is a snapshot writer's already-computed leaf limit; without a schedule the lower of it and the
    maximum applies (a snapshot may carry either).
    """
    if titration is not None:
        leaf = leaf_limit_on(day, max_daily_leaf_g=max_daily_leaf_g, titration=titration)
    else:
        flat = [limit for limit in (max_daily_leaf_g, daily_limit_g) if limit is not None]
        leaf = min(flat) if flat else None
    if leaf is None and max_daily_mitragynine_mg is None and max_doses_per_day is None:
        return None
    return DayLimits(leaf_equivalent_g=leaf, mitragynine_mg=max_daily_mitragynine_mg, doses=max_doses_per_day)


def judge_day(day: dt.date, taken: DayTaken, limits: DayLimits | None) -> DayAgainstPlan | None:
    """``day`` against ``limits`` (None: no plan or no limit, so the day is not judged)."""
    if limits is None:
        return None
    shown = DayTaken(leaf_equivalent_g=round(taken.leaf_equivalent_g, LEAF_PLACES),
                     mitragynine_mg=round(taken.mitragynine_mg, MITRAGYNINE_PLACES), doses=taken.doses)
    over = []
    if limits.leaf_equivalent_g is not None and shown.leaf_equivalent_g > limits.leaf_equivalent_g:
        over.append(LEAF)
    if limits.mitragynine_mg is not None and shown.mitragynine_mg > limits.mitragynine_mg:
        over.append(MITRAGYNINE)
    if limits.doses is not None and shown.doses > limits.doses:
        over.append(DOSES)
    return DayAgainstPlan(day=day, taken=shown, limits=limits, over=tuple(over))


class PlanVersionLike(Protocol):
    @property
    def version(self) -> int: ...

    @property
    def effective_from(self) -> dt.date: ...


V = TypeVar("V", bound=PlanVersionLike)


def in_force(versions: Iterable[V], day: dt.date) -> V | None:
    """The version in force on ``day``: the newest (highest version number) whose ``effective_from`` has come.

    The same choice as speciosa.plans.queries.plan_in_force, made among versions already read.
    """
    started = [version for version in versions if version.effective_from <= day]
    return max(started, key=lambda version: version.version) if started else None
