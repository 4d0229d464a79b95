"""One patient as a clinician opens them: the summary at the top of their page (and of the API's summary), each
figure within the scopes of the share.

Current amounts and their four-week trend (doses), pain and function since the first week with the IMMPACT category
(check-ins), the latest liver tests as ×ULN (medicines and labs), adherence and the plan in force (doses), and the
open problems in clinical words (any share; the figures inside them only with every scope the rules read). A fixed
number of queries, whatever the length of the record (benchmarks/clinician_workspace.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from speciosa.accounts.queries import zone_of
from speciosa.clinic.access import OpenRecord
from speciosa.clinic.enums import Scope
from speciosa.lib.tz import local_day
from speciosa.reports.adherence import Adherence, adherence_of
from speciosa.reports.plans import PlanFacts, plan_on
from speciosa.reports.problems import Problem, problems_from
from speciosa.reports.recent_days import recent_days
from speciosa.reports.trends import (
    DoseTrend,
    LiverReading,
    OutcomeChange,
    dose_trends,
    latest_liver_tests,
    outcome_changes,
)
from speciosa.safety.models import EvaluationState
from speciosa.safety.queries import current_alerts


@dataclass(frozen=True)
class PatientSummary:
    """What the clinician's summary shows; a part is None when its scope is not shared."""

    as_of: dt.datetime
    today: dt.date
    pending: bool  # alerts await their check: "being checked"
    problems: list[Problem]
    details_shared: bool
    trend: DoseTrend | None
    adherence: Adherence | None
    plan: PlanFacts | None
    diary_shared: bool
    pain: OutcomeChange | None
    function: OutcomeChange | None
    liver: list[LiverReading] | None

    @property
    def open_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.acknowledged]

    @property
    def review_due(self) -> bool:
        return self.plan is not None and self.plan.review_on is not None and self.plan.review_on <= self.today

    def to_dict(self) -> dict[str, object]:
        plan = self.plan
        return {
            "as_of": self.as_of, "evaluation": "pending" if self.pending else "current",
            "problems": [problem.to_dict() for problem in self.problems], "alert_details_shared": self.details_shared,
            "dose_trend": self.trend.to_dict() if self.trend else None,
            "current_daily_leaf_equivalent_g": _round(self.trend.current_leaf_g) if self.trend else None,
            "current_daily_mitragynine_mg": _round(self.trend.current_mitragynine_mg) if self.trend else None,
            "adherence": self.adherence.to_dict() if self.adherence else None,
            "plan": None if plan is None else {
                "version": plan.version, "effective_from": plan.effective_from,
                "max_daily_leaf_g": plan.max_daily_leaf_g, "max_daily_mitragynine_mg": plan.max_daily_mitragynine_mg,
                "max_doses_per_day": plan.max_doses_per_day, "review_on": plan.review_on,
                "review_due": self.review_due},
            "pain_change": self.pain.to_dict() if self.pain else None,
            "function_change": self.function.to_dict() if self.function else None,
            "liver_tests": None if self.liver is None else [reading.to_dict() for reading in self.liver],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def patient_summary(opened: OpenRecord, *, now: dt.datetime) -> PatientSummary:
    """The summary of the record ``opened`` (through speciosa.clinic.access.open_record), as its viewer may see it.

    Reads only; the caller writes the audit entry."""
    patient = opened.patient
    today = local_day(now, zone_of(patient))
    diary, checkins, medical = (opened.shows(scope) for scope in (Scope.DIARY, Scope.CHECKINS, Scope.MEDICAL))
    details = opened.shows_alert_details
    problems = problems_from(current_alerts(patient), details=details)
    changes = outcome_changes([patient], now=now, measures=("pain", "function")).get(patient.pk, {}) \
        if checkins else {}
    days = recent_days([patient], now=now) if diary else {}  # one read for the trend and the adherence
    return PatientSummary(
        as_of=now, today=today,
        pending=EvaluationState.objects.filter(patient=patient, pending_since__isnull=False).exists(),
        problems=problems, details_shared=details,
        trend=dose_trends([patient], now=now, days=days).get(patient.pk) if diary else None,
        adherence=adherence_of([patient], now=now, days=days).get(patient.pk) if diary else None,
        plan=plan_on(patient, today) if diary else None, diary_shared=diary,
        pain=changes.get("pain"), function=changes.get("function"),
        liver=latest_liver_tests(patient) if medical else None,
    )
