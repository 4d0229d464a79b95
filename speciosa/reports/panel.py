"""The clinician's panel: every patient who shares with them, open alerts first, in a fixed number of queries.

The page is one COUNT and one SELECT in which every figure is a correlated subquery (the share in force and its
scopes, alert counts, latest dose, latest check-in, re-check pending); adherence for the rows shown is two more reads
(see clinic.adherence). The clinician's shares enter each query as a subquery, never as a list of ids, so neither the
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
from django.db.models.functions import Cast, Coalesce, Greatest
from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.audit.domain import record_access_many
from speciosa.audit.enums import Action
from speciosa.clinic.enums import Scope
from speciosa.clinic.models import Share
from speciosa.clinic.queries import active_shares
from speciosa.diary.models import Checkin, Dose
from speciosa.reports.adherence import Adherence, adherence_of
from speciosa.safety.enums import AlertSeverity, AlertStatus
from speciosa.safety.models import EvaluationState, StoredAlert

PAGE_SIZE = 25
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
INACTIVE_DAYS = 7


@dataclass(frozen=True)
class PanelFilters:
    """What the clinician asked for: ``q`` matches username, first or last name; the flags narrow the list."""

    q: str = ""
    urgent: bool = False
    warning: bool = False
    inactive: bool = False


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


def panel_rows(clinician: User, filters: PanelFilters, now: dt.datetime) -> QuerySet[User]:
    """The clinician's patients with their panel figures, filtered and in panel order (not yet evaluated).

    Each row carries ``share_scopes`` and ``share_can_edit_plan`` of the share in force (the latest accepted, as
    access.share_between chooses), the alert counts, ``last_dose``/``last_checkin``/``last_activity`` (only for
    the scopes shared), ``pending`` (alerts await evaluation: "being checked") and ``first_group`` (1 for an open
    urgent alert or a pending evaluation: those rows come first).
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
                                                                    pending_since__isnull=False)))
            .annotate(last_activity=_later_of("last_dose", "last_checkin"),
                      first_group=Case(When(Q(urgent_open__gt=0) | Q(pending=True), then=Value(1)), default=Value(0),
                                       output_field=IntegerField())))
    query = filters.q.strip()
    if query:
        rows = rows.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                           | Q(last_name__icontains=query))
    if filters.urgent:  # a patient being checked may have one: they stay in the list until the check says
        rows = rows.filter(Q(urgent_current__gt=0) | Q(pending=True))
    if filters.warning:
        rows = rows.filter(warning_current__gt=0)
    if filters.inactive:  # nothing ever recorded counts as inactive; one comparison evaluates the moment once
        rows = (rows.alias(active_at=Coalesce("last_activity", Value(NEVER), output_field=DateTimeField()))
                .filter(active_at__lt=now - dt.timedelta(days=INACTIVE_DAYS)))
    return rows.order_by("-first_group", "-urgent_open", "-warning_open", F("last_activity").desc(nulls_last=True),
                         "username", "pk")


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


PANEL_READ = "panel: alert counts, last activity, adherence"


@dataclass(frozen=True)
class PanelView:
    """One page of a clinician's panel, as pages and the API show it."""

    page: Page
    patients: list[Any]  # Users carrying panel_rows' annotations (alert counts, last activity, share)
    adherence: dict[int, Adherence]


def open_panel(clinician: User, filters: PanelFilters, page_number: int | str | None, *, now: dt.datetime,
               request: HttpRequest | None = None) -> PanelView:
    """The panel page a clinician asked for, with adherence for patients who share their doses.

    Side effects: one audit entry per patient shown, in one INSERT (reading never evaluates: see the module).
    """
    page = panel_page(panel_rows(clinician, filters, now), page_number)
    patients = list(page.object_list)
    adherence = adherence_of([p for p in patients if Scope.DIARY in p.share_scopes], now=now)
    record_access_many(actor=clinician, patients=patients, action=Action.READ, what=PANEL_READ, request=request)
    return PanelView(page=page, patients=patients, adherence=adherence)
