"""The clinician's panel: every patient who shares with them, open alerts first, in a fixed number of queries.

The page is one COUNT and one SELECT in which every figure is a correlated subquery (the share in force and its
scopes, alert counts, latest dose, latest check-in, re-check pending, the clinician's last review and what is new
since, overdue labs, the plan's review date); the rows shown then get their adherence (two reads, see
reports.adherence), dose trend (one), pain change (two) and problems in clinical words (one). The clinician's shares enter each query as a subquery, never as a list of ids, so neither the
number of queries nor the size of their text grows with the panel.

Alerts are evaluated by the task queue after each write (speciosa.safety.tasks); reading never evaluates. A patient
whose record changed since their last evaluation (``pending``) is shown as "being checked" beside the alerts of
that last evaluation, sorted with the patients who have urgent alerts and matched by the urgent filter: until the
worker gets there (seconds), the panel cannot know that they have none, so it never says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast, Coalesce, Greatest
from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.audit.domain import record_access_many
from speciosa.audit.enums import Action
from speciosa.clinic.access import ALERT_DETAIL_SCOPES
from speciosa.clinic.enums import Scope
from speciosa.clinic.models import PatientReview, Share
from speciosa.clinic.queries import active_shares
from speciosa.diary.models import Checkin, Dose
from speciosa.plans.models import PlanVersion
from speciosa.reports.adherence import Adherence, adherence_of
from speciosa.reports.problems import Problem, problems_of
from speciosa.reports.recent_days import recent_days
from speciosa.reports.trends import DoseTrend, OutcomeChange, dose_trends, outcome_changes
from speciosa.safety.enums import AlertSeverity, AlertStatus
from speciosa.safety.models import EvaluationState, StoredAlert

PAGE_SIZE = 25
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
INACTIVE_DAYS = 7
LABS_OVERDUE = "LABS_OVERDUE"  # the rule whose current alert means the plan's liver tests are overdue


# ?sort= values: the panel's order (default "priority": urgent and being-checked first, then warnings, then the most
# recently active). Each is a column a clinician can click; "-" reverses it.
SORTS: dict[str, tuple[tuple[str, bool], ...]] = {  # key -> (field, descending) in order
    "priority": (("attention", True), ("urgent_open", True), ("warning_open", True), ("last_activity", True)),
    "name": (("last_name", False), ("first_name", False), ("username", False)),
    "new": (("new_since_review", True), ("attention", True)),
    "checkin": (("last_checkin", True),),
    "activity": (("last_activity", True),),
}
DEFAULT_SORT = "priority"


@dataclass(frozen=True)
class PanelFilters:
    """What the clinician asked for: ``q`` matches username, first or last name; the flags narrow the list;
    ``sort`` is a key of SORTS, or one prefixed with "-" for the reverse order."""

    q: str = ""
    urgent: bool = False
    warning: bool = False
    inactive: bool = False
    unacknowledged: bool = False
    labs_overdue: bool = False
    review_due: bool = False
    sort: str = DEFAULT_SORT


def sort_key(sort: str) -> tuple[str, bool]:
    """``sort`` as (a key of SORTS, reversed?); an unknown value is the default order."""
    reverse = sort.startswith("-")
    key = sort.removeprefix("-")
    return (key, reverse) if key in SORTS else (DEFAULT_SORT, False)


def _ordering(sort: str) -> list[OrderBy]:
    """The ORDER BY of ``sort``: its fields (each reversed for "-"), empty moments last, then a stable tie-break."""
    key, reverse = sort_key(sort)
    terms = [F(name).desc(nulls_last=True) if descending != reverse else F(name).asc(nulls_last=True)
             for name, descending in SORTS[key]]
    return [*terms, F("username").asc(), F("pk").asc()]


def shares_of(clinician: User, now: dt.datetime) -> QuerySet[Share]:
    """The clinician's active shares (a subquery in every panel query, never a list of ids in Python)."""
    return active_shares(now).filter(clinician=clinician)


def _alert_count(severity: str, statuses: Sequence[str]) -> Coalesce:
    counted = (StoredAlert.objects.filter(patient=OuterRef("pk"), severity=severity, status__in=statuses)
               .order_by().values("patient").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _latest(model: type[Dose] | type[Checkin], field: str, scope: str) -> Case:
    """The patient's latest ``field`` moment, only when their share opens the scope it belongs to.

    The share's scopes are a JSON list; its text form holds each scope in quotes on SQLite and PostgreSQL alike, so
    one portable LIKE tells whether the scope is in it (SQLite has no JSON containment lookup).
    """
    latest = (model.objects.filter(patient=OuterRef("pk"), deleted_at__isnull=True)
              .order_by(f"-{field}").values(field)[:1])
    return Case(When(share_scopes_text__contains=f'"{scope}"', then=Subquery(latest)), default=None,
                output_field=DateTimeField())


def _later_of(first: str, second: str) -> Func:
    """The later of two moments, or the one there is (NULL only when both are).

    PostgreSQL's GREATEST skips NULLs; SQLite's MAX does not, so there each side is coalesced with the other (which
    evaluates each subquery twice: cheap in SQLite, not in PostgreSQL, hence the two forms).
    """
    if connection.vendor == "postgresql":
        return Greatest(first, second)
    return Greatest(Coalesce(first, second), Coalesce(second, first))


# The panel's first sort key: 2 for an open urgent alert or alerts still being checked (a record that changed may
# hold an urgent finding: it sorts with the urgent ones until its check has run), 1 for an open warning, else 0.
ATTENTION = Case(When(Q(urgent_open__gt=0) | Q(pending=True), then=Value(2)), When(warning_open__gt=0, then=Value(1)),
                 default=Value(0), output_field=IntegerField())
# The urgent filter: an urgent alert (open or acknowledged), or alerts being checked.
URGENT_OR_PENDING = Q(urgent_current__gt=0) | Q(pending=True)


def panel_rows(clinician: User, filters: PanelFilters, now: dt.datetime) -> QuerySet[User]:
    """The clinician's patients with their panel figures, filtered and in panel order (not yet evaluated).

    Each row carries ``share_scopes`` and ``share_can_edit_plan`` of the share in force (the latest accepted, as
    access.share_between chooses), the alert counts, ``last_dose``/``last_checkin``/``last_activity`` (only for
    the scopes shared), ``pending`` (alerts await re-evaluation), ``reviewed_at`` (this clinician's last review),
    ``new_since_review`` (current alerts first seen since then, all of them before a first review),
    ``labs_overdue`` and ``review_on`` (the plan in force's review date).
    """
    shares = shares_of(clinician, now)
    share = shares.filter(patient=OuterRef("pk")).order_by("-accepted_at", "-pk")
    open_, current = [AlertStatus.OPEN], AlertStatus.current()
    rows = (User.objects.filter(pk__in=shares.values("patient_id")).select_related("profile")
            .annotate(share_scopes=Subquery(share.values("scopes")[:1], output_field=JSONField()),
                      share_can_edit_plan=Subquery(share.values("can_edit_plan")[:1]),
                      share_scopes_text=Cast(Subquery(share.values("scopes")[:1]), output_field=TextField()))
            .annotate(urgent_open=_alert_count(AlertSeverity.URGENT, open_),
                      warning_open=_alert_count(AlertSeverity.WARNING, open_),
                      urgent_current=_alert_count(AlertSeverity.URGENT, current),
                      warning_current=_alert_count(AlertSeverity.WARNING, current),
                      last_dose=_latest(Dose, "taken_at", Scope.DIARY),
                      last_checkin=_latest(Checkin, "at", Scope.CHECKINS),
                      pending=Exists(EvaluationState.objects.filter(patient=OuterRef("pk"),
                                                                    pending_since__isnull=False)),
                      reviewed_at=Subquery(PatientReview.objects.filter(clinician=clinician, patient=OuterRef("pk"))
                                           .values("reviewed_at")[:1]),
                      labs_overdue=Exists(StoredAlert.objects.filter(patient=OuterRef("pk"), status__in=current,
                                                                     code=LABS_OVERDUE)),
                      review_on=Subquery(PlanVersion.objects.filter(patient=OuterRef("pk"),
                                                                    effective_from__lte=now.date())
                                         .order_by("-version").values("review_on")[:1]))
            .annotate(last_activity=_later_of("last_dose", "last_checkin"),
                      new_since_review=_new_since_review(current),
                      review_due=Case(When(review_on__lte=now.date(), then=Value(True)), default=Value(False),
                                      output_field=BooleanField())))
    rows = rows.alias(attention=ATTENTION)
    query = filters.q.strip()
    if query:
        rows = rows.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                           | Q(last_name__icontains=query))
    if filters.urgent:
        rows = rows.filter(URGENT_OR_PENDING)
    if filters.unacknowledged:
        rows = rows.filter(Q(urgent_open__gt=0) | Q(warning_open__gt=0))
    if filters.labs_overdue:
        rows = rows.filter(labs_overdue=True)
    if filters.review_due:
        rows = rows.filter(review_due=True)
    if filters.warning:
        rows = rows.filter(warning_current__gt=0)
    if filters.inactive:  # nothing ever recorded counts as inactive; one comparison evaluates the moment once
        rows = (rows.alias(active_at=Coalesce("last_activity", Value(NEVER), output_field=DateTimeField()))
                .filter(active_at__lt=now - dt.timedelta(days=INACTIVE_DAYS)))
    return rows.order_by(*_ordering(filters.sort))


def _new_since_review(current: Sequence[str]) -> Coalesce:
    """Current alerts first seen after the clinician's last review (every current alert before a first review)."""
    counted = (StoredAlert.objects.filter(patient=OuterRef("pk"), status__in=current)
               .filter(first_seen__gt=Coalesce(OuterRef("reviewed_at"), Value(NEVER), output_field=DateTimeField()))
               .order_by().values("patient").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def panel_page(rows: QuerySet[User], number: int | str | None, *, per_page: int = PAGE_SIZE) -> Page:
    """One page of the panel (a page number out of range gives the nearest page), in two queries and a COUNT.

    The first reads only the page's ids, in panel order; the second reads the figures of those rows alone. In one
    query, PostgreSQL would compute every figure of every row a later page skips over (OFFSET).
    """
    page = Paginator(rows.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    found = {patient.pk: patient for patient in rows.filter(pk__in=ids).order_by()}
    # A share revoked between the two reads leaves its row out.
    return Page([found[pk] for pk in ids if pk in found], page.number, page.paginator)


PANEL_READ = "panel: alerts, last activity, dose trend, pain change, adherence"


@dataclass(frozen=True)
class PanelRow:
    """One patient on the panel: the annotated User, then what is computed for the rows shown."""

    patient: Any  # a User carrying panel_rows' annotations (alert counts, last activity, share, review)
    problems: list[Problem]  # current problems, most severe first (clinical lines only with alert details)
    adherence: Adherence | None  # None: doses not shared
    trend: DoseTrend | None  # None: doses not shared
    pain: OutcomeChange | None  # None: check-ins not shared

    @property
    def top(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    @property
    def acknowledged(self) -> int:
        """Actionable alerts acknowledged and still current (counted, not named, on the panel)."""
        p = self.patient
        return p.urgent_current + p.warning_current - p.urgent_open - p.warning_open

    def to_dict(self) -> dict[str, object]:
        p = self.patient
        return {
            "id": p.pk, "username": p.username, "name": p.get_full_name(), "scopes": p.share_scopes,
            "can_edit_plan": p.share_can_edit_plan, "urgent_open": p.urgent_open, "warning_open": p.warning_open,
            "urgent_current": p.urgent_current, "warning_current": p.warning_current, "being_rechecked": p.pending,
            "evaluation": "pending" if p.pending else "current",
            "top_problem": self.top.to_dict() if self.top else None,
            "reviewed_at": p.reviewed_at, "new_since_review": p.new_since_review,
            "labs_overdue": p.labs_overdue, "plan_review_on": p.review_on,
            "last_dose": p.last_dose, "last_checkin": p.last_checkin, "last_activity": p.last_activity,
            "dose_trend": self.trend.to_dict() if self.trend else None,
            "pain_change": self.pain.to_dict() if self.pain else None,
            "adherence": self.adherence.to_dict() if self.adherence else None,
        }


@dataclass(frozen=True)
class PanelView:
    """One page of a clinician's panel, as pages and the API show it."""

    page: Page
    rows: list[PanelRow]

    @property
    def patients(self) -> list[Any]:
        return [row.patient for row in self.rows]


def panel_figures(patients: list[Any], *, now: dt.datetime) -> list[PanelRow]:
    """The figures of the rows shown, each within the scopes of its share, in a fixed number of queries."""
    diary = [p for p in patients if Scope.DIARY in p.share_scopes]
    checkins = [p for p in patients if Scope.CHECKINS in p.share_scopes]
    days = recent_days(diary, now=now)  # one read of their last four weeks, for the trend and the adherence
    adherence = adherence_of(diary, now=now, days=days)
    trends = dose_trends(diary, now=now, days=days)
    pains = outcome_changes(checkins, now=now)
    problems = problems_of([p.pk for p in patients],
                           details={p.pk: all(scope in p.share_scopes for scope in ALERT_DETAIL_SCOPES)
                                    for p in patients})
    return [PanelRow(patient=p, problems=problems.get(p.pk, []), adherence=adherence.get(p.pk),
                     trend=trends.get(p.pk), pain=pains[p.pk]["pain"] if p.pk in pains else None)
            for p in patients]


def open_panel(clinician: User, filters: PanelFilters, page_number: int | str | None, *, now: dt.datetime,
               request: HttpRequest | None = None) -> PanelView:
    """The panel page a clinician asked for, each row's figures within its share's scopes.

    Side effects: one audit entry per patient shown, in one INSERT (reading never evaluates: see the module).
    """
    page = panel_page(panel_rows(clinician, filters, now), page_number)
    patients = list(page.object_list)
    rows = panel_figures(patients, now=now)
    record_access_many(actor=clinician, patients=patients, action=Action.READ, what=PANEL_READ, request=request)
    return PanelView(page=page, rows=rows)
