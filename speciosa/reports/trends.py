"""What a clinician reads at a glance, for many patients at once in a fixed number of queries: the four-week dose
trend, the change in pain and function since the first week (IMMPACT), and the latest liver tests as ×ULN.

Each function takes the patients shown (a panel page, or the one patient of a summary) and reads all of them in one
or two queries, never one per patient, so a page's query count does not grow with its rows. Days are the patient's
own local days (speciosa.lib.tz).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Min, Q

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.analytics.immpact import CATEGORY_WORDS, Change, change
from speciosa.core.analytics.inputs import CheckinRow, PatientData
from speciosa.core.charts.sparkline import Trend
from speciosa.diary.enums import LabCode
from speciosa.diary.models import Checkin, LabResult
from speciosa.lib.tz import local_day
from speciosa.reports.recent_days import DAYS as RECENT_DAYS
from speciosa.reports.recent_days import RecentDays, recent_days

TREND_DAYS = RECENT_DAYS
BASELINE_DAYS = 8  # the first week and a day of slack for the zone (analytics picks its own 7 days)
LIVER_CODES = (LabCode.ALT, LabCode.AST, LabCode.ALP, LabCode.TBIL, LabCode.GGT, LabCode.INR)
# "moderate" and above are the IMMPACT thresholds a trial would call a response; the panel names them so.
SHORT_CATEGORY = {"substantial": "substantial", "moderate": "moderate", "minimal": "minimal", "none": "no change",
                  "worse": "worse", "insufficient": "too few ratings"}


@dataclass(frozen=True)
class DoseTrend:
    """Daily leaf-equivalent grams and mg mitragynine over the last TREND_DAYS local days, oldest first."""

    leaf_g: Trend
    mitragynine_mg: Trend
    unconverted_doses: int  # doses with no leaf equivalent (7-OH products) in the window

    @property
    def current_leaf_g(self) -> float | None:
        """The mean daily amount over the last 7 days (days without a dose count as zero)."""
        return self.leaf_g.last_week

    @property
    def current_mitragynine_mg(self) -> float | None:
        return self.mitragynine_mg.last_week

    def to_dict(self) -> dict[str, object]:
        return {"days": TREND_DAYS, "leaf_equivalent_g": self.leaf_g.to_dict(),
                "mitragynine_mg": self.mitragynine_mg.to_dict(), "unconverted_doses": self.unconverted_doses}


def dose_trends(patients: Sequence[User], *, now: dt.datetime,
                days: dict[int, RecentDays] | None = None) -> dict[int, DoseTrend]:
    """Each patient's daily totals over the last TREND_DAYS local days (today included), in one query (none when
    the caller passes their ``days``, read already by speciosa.reports.recent_days)."""
    if not patients:
        return {}
    if days is None:
        days = recent_days(patients, now=now)
    result = {}
    for patient in patients:
        window = days[patient.pk]
        daily = [window.on(day) for day in window.days]
        result[patient.pk] = DoseTrend(leaf_g=Trend(tuple(total.leaf_equivalent_g for total in daily), unit="g"),
                                       mitragynine_mg=Trend(tuple(total.mitragynine_mg for total in daily), unit="mg"),
                                       unconverted_doses=sum(total.unconverted for total in daily))
    return result


@dataclass(frozen=True)
class OutcomeChange:
    """One measure's change since the first week, as analytics grades it, with the words a panel cell needs."""

    change: Change

    @property
    def short(self) -> str:
        """"−2.1 (−31%), moderate" (points of the measure; negative = lower); the category alone when too few."""
        found = self.change
        if found.baseline is None or found.latest is None:
            return SHORT_CATEGORY["insufficient"]
        delta = found.latest - found.baseline
        sign = "+" if delta > 0 else "−" if delta < 0 else "±"
        percent = f" ({sign}{abs(delta) / found.baseline * 100:.0f}%)" if found.baseline else ""
        return f"{sign}{abs(delta):.1f}{percent}, {SHORT_CATEGORY.get(found.category, found.category)}"

    @property
    def words(self) -> str:
        found = self.change
        if found.baseline is None or found.latest is None:
            return "not enough ratings yet to compare the first week with the latest"
        category = CATEGORY_WORDS.get(found.category, found.category)
        return f"{found.baseline:.1f} in the first week, {found.latest:.1f} in the latest: {category} (IMMPACT)"

    def to_dict(self) -> dict[str, object]:
        return {**self.change.to_dict(), "summary": self.short}


def outcome_changes(patients: Sequence[User], *, now: dt.datetime,
                    measures: tuple[str, ...] = ("pain",)) -> dict[int, dict[str, OutcomeChange]]:
    """Each patient's change in ``measures`` (pain, function) from their first week of check-ins to the latest week,
    graded by speciosa.core.analytics.immpact, in two queries: the first check-in of each, then the check-ins of
    each one's first and latest weeks."""
    if not patients:
        return {}
    live = Checkin.objects.filter(patient_id__in=[patient.pk for patient in patients], deleted_at__isnull=True)
    firsts = dict(live.order_by().values("patient_id").annotate(first=Min("at")).values_list("patient_id", "first"))
    zones = {patient.pk: zone_of(patient) for patient in patients}
    result: dict[int, dict[str, OutcomeChange]] = {}
    # Always one query, even when nobody has a check-in yet: the count of queries must not depend on the data.
    recent = Q(patient_id__in=list(zones), at__gte=now - dt.timedelta(days=BASELINE_DAYS), at__lte=now)
    windows = [Q(patient_id=pk, at__lt=first + dt.timedelta(days=BASELINE_DAYS)) for pk, first in firsts.items()]
    rows: dict[int, list[CheckinRow]] = defaultdict(list)
    for patient_id, at, pain_avg, pain_now, function in (
            live.filter(reduce(or_, windows, recent)).order_by("at")
            .values_list("patient_id", "at", "pain_avg_24h", "pain_now", "function")):
        rows[patient_id].append(CheckinRow(at=at, pain=pain_avg if pain_avg is not None else pain_now,
                                           function=function))
    for patient in patients:
        zone = zones[patient.pk]
        data = PatientData(time_zone=str(zone), doses=(), checkins=tuple(rows.get(patient.pk, ())))
        today = local_day(now, zone)
        result[patient.pk] = {measure: OutcomeChange(change(data, measure=measure, as_of=today))
                              for measure in measures}
    return result


@dataclass(frozen=True)
class LiverReading:
    code: str
    label: str
    value: float
    unit: str
    times_uln: float | None
    collected_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "value": self.value, "unit": self.unit, "x_uln": self.times_uln,
                "collected_at": self.collected_at}


def latest_liver_tests(patient: User) -> list[LiverReading]:
    """The latest result of each liver test (ALT, AST, ALP, bilirubin, GGT, INR), in that order, in one query."""
    latest: dict[str, LabResult] = {}
    for lab in (LabResult.objects.of(patient).filter(code__in=LIVER_CODES).order_by("code", "-collected_at")
                .only("code", "value", "unit", "uln", "collected_at")):
        latest.setdefault(lab.code, lab)
    return [LiverReading(code=code, label=LabCode(code).label, value=float(lab.value), unit=lab.unit,
                         times_uln=None if lab.times_uln is None else round(lab.times_uln, 2),
                         collected_at=lab.collected_at)
            for code in LIVER_CODES if (lab := latest.get(code)) is not None]
