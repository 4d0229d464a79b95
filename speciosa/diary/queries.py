"""Reads of a patient's record shared by pages, API and command line."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum

from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of, zone_of
from speciosa.diary.models import (
    Checkin,
    Dose,
    LabResult,
    Medication,
    PatientRecord,
    Product,
    Revision,
    record_type_of,
)
from speciosa.lib.tz import day_bounds, local_day


@dataclass(frozen=True)
class DayTotals:
    day: dt.date
    doses: int
    leaf_equivalent_g: float
    mitragynine_mg: float
    hydroxymitragynine_mg: float
    any_default_content: bool


def doses_on(patient: User, day: dt.date) -> QuerySet[Dose]:
    start, end = day_bounds(day, zone_of(patient))
    return (Dose.objects.of(patient).filter(taken_at__gte=start, taken_at__lt=end)
            .select_related("product").order_by("taken_at"))


def day_totals(patient: User, day: dt.date) -> DayTotals:
    start, end = day_bounds(day, zone_of(patient))
    rows = Dose.objects.of(patient).filter(taken_at__gte=start, taken_at__lt=end)
    agg = rows.aggregate(n=Count("id"), leaf=Sum("leaf_equivalent_g"), mit=Sum("mitragynine_mg"),
                         oh=Sum("hydroxymitragynine_mg"))
    return DayTotals(
        day=day,
        doses=agg["n"] or 0,
        leaf_equivalent_g=round(agg["leaf"] or 0.0, 2),
        mitragynine_mg=round(agg["mit"] or 0.0, 1),
        hydroxymitragynine_mg=round(agg["oh"] or 0.0, 2),
        any_default_content=rows.filter(mitragynine_basis="default").exists(),
    )


def products_of(patient: User) -> QuerySet[Product]:
    return Product.objects.of(patient)


def favourites_of(patient: User) -> QuerySet[Product]:
    return Product.objects.of(patient).filter(favourite=True, usual_amount__isnull=False).exclude(usual_unit="")


def quick_log_products(patient: User) -> QuerySet[Product]:
    """The favourites Today offers as one-tap buttons, the most recently used first (never used: last, by name)."""
    return (favourites_of(patient)
            .annotate(last_used=Max("doses__taken_at", filter=Q(doses__deleted_at__isnull=True)))
            .order_by(F("last_used").desc(nulls_last=True), "name", "pk"))


def last_used_product(patient: User) -> Product | None:
    """The live product of the patient's most recent dose (the dose form's default), or None."""
    dose = (Dose.objects.of(patient).filter(product__deleted_at__isnull=True).select_related("product")
            .order_by("-taken_at", "-pk").first())
    return dose.product if dose is not None else None


# A second identical dose logged within this long is asked about ("You logged this 1 minute ago — log again?").
REPEAT_WINDOW = dt.timedelta(minutes=2)


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def recent_repeat(patient: User, *, product_id: int, amount: float, unit: str, taken_at: dt.datetime,
                  now: dt.datetime, client_id: Any = None) -> Dose | None:
    """The patient's latest dose of the same product, amount and unit, logged in the last REPEAT_WINDOW for a time
    within REPEAT_WINDOW of ``taken_at`` (a second tap, not yesterday's dose entered late), or None.

    None too when ``client_id`` names a dose already stored: that is the same dose sent again (a reload, the offline
    queue's resend), which is answered with the stored one, not a question about logging another."""
    if client_id and Dose.objects.filter(patient=patient, client_id=_uuid_or_none(client_id)).exists():
        return None
    return (Dose.objects.of(patient)
            .filter(product_id=product_id, amount=round(float(amount), 3), unit=unit,
                    created_at__gt=now - REPEAT_WINDOW, created_at__lte=now,
                    taken_at__gte=taken_at - REPEAT_WINDOW, taken_at__lte=taken_at + REPEAT_WINDOW)
            .order_by("-created_at").first())


TimelineEntry = tuple[dt.datetime, str, object]
TIMELINE_KINDS = ("dose", "checkin", "lab")


def timeline(patient: User, *, start: dt.datetime, end: dt.datetime,
             kinds: Collection[str] = TIMELINE_KINDS) -> list[TimelineEntry]:
    """Doses, check-ins and lab results (those of ``kinds``) between two instants, newest first, as
    (moment, kind, record). Only the kinds asked for are read."""
    entries: list[TimelineEntry] = []
    if "dose" in kinds:
        doses = Dose.objects.of(patient).filter(taken_at__gte=start, taken_at__lt=end).select_related("product")
        entries += [(dose.taken_at, "dose", dose) for dose in doses]
    if "checkin" in kinds:
        entries += [(checkin.at, "checkin", checkin)
                    for checkin in Checkin.objects.of(patient).filter(at__gte=start, at__lt=end)]
    if "lab" in kinds:
        entries += [(lab.collected_at, "lab", lab)
                    for lab in LabResult.objects.of(patient).filter(collected_at__gte=start, collected_at__lt=end)]
    entries.sort(key=lambda entry: entry[0], reverse=True)
    return entries


@dataclass(frozen=True)
class TimelineWindow:
    """Some days of a timeline, grouped by the patient's local day, with the days to page to."""

    first: dt.date
    until: dt.date
    older: dt.date
    newer: dt.date | None
    days: list[tuple[dt.date, list[TimelineEntry]]]


def timeline_window(patient: User, *, until: dt.date | None, days: int,
                    kinds: Collection[str] = TIMELINE_KINDS) -> TimelineWindow:
    """``days`` local days of the patient's timeline ending on ``until`` (today when None; never after today)."""
    zone, today = zone_of(patient), today_of(patient)
    last = min(until or today, today)
    first = last - dt.timedelta(days=days - 1)
    entries = timeline(patient, start=day_bounds(first, zone)[0], end=day_bounds(last, zone)[1], kinds=kinds)
    grouped = [(day, list(group)) for day, group in groupby(entries, key=lambda entry: local_day(entry[0], zone))]
    return TimelineWindow(first=first, until=last, older=first - dt.timedelta(days=1),
                          newer=min(last + dt.timedelta(days=days), today) if last < today else None, days=grouped)


def medications_of(patient: User) -> QuerySet[Medication]:
    return Medication.objects.of(patient)


def labs_of(patient: User) -> QuerySet[LabResult]:
    return LabResult.objects.of(patient)


def checkins_of(patient: User) -> QuerySet[Checkin]:
    return Checkin.objects.of(patient)


def revisions_of(record: PatientRecord) -> QuerySet[Revision]:
    """Who changed ``record``, when, and what it was before and after; oldest first. A deleted record keeps its
    trail, so this answers for it too."""
    return (Revision.objects.filter(patient_id=record.patient_id, record_type=record_type_of(record),
                                    record_id=record.pk)
            .select_related("changed_by").order_by("changed_at", "id"))
