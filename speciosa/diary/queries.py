"""Reads of a patient's record shared by pages, API and command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product
from speciosa.lib.tz import day_bounds, local_day


@dataclass(frozen=True)
class DayTotals:
    day: dt.date
    doses: int
    leaf_equivalent_g: float
    mitragynine_mg: float
    hydroxymitragynine_mg: float
    any_default_content: bool


def zone_of(patient) -> dt.tzinfo:  # type: ignore[no-untyped-def]
    profile = getattr(patient, "profile", None)
    return profile.zone if profile is not None else dt.UTC


def today_of(patient, now: dt.datetime | None = None) -> dt.date:  # type: ignore[no-untyped-def]
    return local_day(now or timezone.now(), zone_of(patient))


def doses_on(patient, day: dt.date) -> QuerySet[Dose]:  # type: ignore[no-untyped-def]
    start, end = day_bounds(day, zone_of(patient))
    return (Dose.objects.of(patient).filter(taken_at__gte=start, taken_at__lt=end)
            .select_related("product").order_by("taken_at"))


def day_totals(patient, day: dt.date) -> DayTotals:  # type: ignore[no-untyped-def]
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


def products_of(patient) -> QuerySet[Product]:  # type: ignore[no-untyped-def]
    return Product.objects.of(patient)


def favourites_of(patient) -> QuerySet[Product]:  # type: ignore[no-untyped-def]
    return Product.objects.of(patient).filter(favourite=True, usual_amount__isnull=False).exclude(usual_unit="")


def timeline(patient, *, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, str, object]]:  # type: ignore[no-untyped-def]
    """Doses, check-ins and lab results between two instants, newest first, as (moment, kind, record)."""
    entries: list[tuple[dt.datetime, str, object]] = []
    for dose in Dose.objects.of(patient).filter(taken_at__gte=start, taken_at__lt=end).select_related("product"):
        entries.append((dose.taken_at, "dose", dose))
    for checkin in Checkin.objects.of(patient).filter(at__gte=start, at__lt=end):
        entries.append((checkin.at, "checkin", checkin))
    for lab in LabResult.objects.of(patient).filter(collected_at__gte=start, collected_at__lt=end):
        entries.append((lab.collected_at, "lab", lab))
    entries.sort(key=lambda entry: entry[0], reverse=True)
    return entries


def medications_of(patient) -> QuerySet[Medication]:  # type: ignore[no-untyped-def]
    return Medication.objects.of(patient)


def labs_of(patient) -> QuerySet[LabResult]:  # type: ignore[no-untyped-def]
    return LabResult.objects.of(patient)


def checkins_of(patient) -> QuerySet[Checkin]:  # type: ignore[no-untyped-def]
    return Checkin.objects.of(patient)
