"""Builds patients' snapshots (speciosa.snapshot/1) from the database: one query per table for a whole batch of
patients (the nightly evaluation), and the same code with one patient for everything else.

For evaluation the snapshot holds a bounded window — the last EVALUATION_DAYS of doses and check-ins plus the first
BASELINE_DAYS of use (the baseline the outcome rules compare against) — so checking a patient with five years of
history costs about what checking one with a month does. ``full=True`` gives the whole record, for export.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

from speciosa.accounts.models import PatientProfile, User
from speciosa.core.snapshot import SCHEMA, Snapshot, parse_snapshot
from speciosa.diary.enums import ContentBasis
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product
from speciosa.instruments.models import Response as QuestionnaireResponse
from speciosa.plans.models import PlanVersion
from speciosa.plans.snapshot import plan_entries

EVALUATION_DAYS = 120
BASELINE_DAYS = 14
LAB_DAYS = 800


def snapshot_data(patient: User, *, as_of: dt.datetime | None = None, full: bool = False) -> dict[str, Any]:
    """The snapshot as JSON-ready data (the public file format): the batch builder with one patient, so a single
    patient's snapshot and the nightly batch's can never disagree."""
    return snapshots_data([patient.pk], as_of=as_of or timezone.now(), full=full)[patient.pk]


def build_snapshot(patient: User, *, as_of: dt.datetime | None = None) -> Snapshot:
    return parse_snapshot(snapshot_data(patient, as_of=as_of))


def snapshots_data(patient_ids: Collection[int], *, as_of: dt.datetime, full: bool = False) -> dict[int, dict[str, Any]]:
    """The snapshots of several patients as of one moment, keyed by patient id: one query per table whatever the
    number of patients (each table read with ``patient_id IN (...)`` and grouped here)."""
    ids = sorted(set(patient_ids))
    profiles = {profile.user_id: profile for profile in PatientProfile.objects.filter(user_id__in=ids)}
    doses = Dose.objects.live().filter(patient_id__in=ids, taken_at__lte=as_of)
    checkins = Checkin.objects.live().filter(patient_id__in=ids, at__lte=as_of)
    labs = LabResult.objects.live().filter(patient_id__in=ids, collected_at__lte=as_of)
    if not full:
        dose_window, checkin_window = _windows(ids, as_of=as_of)
        doses, checkins = doses.filter(dose_window), checkins.filter(checkin_window)
        labs = labs.filter(collected_at__gte=as_of - dt.timedelta(days=LAB_DAYS))
    dose_rows = _grouped(doses.order_by("patient_id", "taken_at", "pk").values(
        "patient_id", "taken_at", "product_id", "amount", "unit"))
    used = {row["product_id"] for rows in dose_rows.values() for row in rows}
    products = {product.pk: product for product in Product.objects.filter(
        Q(pk__in=used) | Q(patient_id__in=ids, deleted_at__isnull=True)).order_by("pk")}
    own_products = _grouped(product for product in products.values() if product.deleted_at is None)
    medications = _grouped(Medication.objects.live().filter(patient_id__in=ids).order_by("patient_id", "pk"))
    lab_rows = _grouped(labs.order_by("patient_id", "collected_at", "code", "pk"))
    checkin_rows = _grouped(checkins.order_by("patient_id", "at", "pk"))
    questionnaires = _questionnaires(ids, as_of=as_of, full=full)
    todays = {pid: as_of.astimezone(profiles[pid].zone if pid in profiles else dt.UTC).date() for pid in ids}
    plans = _plans(todays, as_of=as_of, full=full)
    snapshots = {}
    for pid in ids:
        own = dose_rows.get(pid, [])
        shown = {row["product_id"] for row in own} | {product.pk for product in own_products.get(pid, [])}
        snapshots[pid] = {
            "schema": SCHEMA,
            "as_of": as_of.isoformat(),
            "patient": _patient(profiles.get(pid)),
            "products": [_product(products[pk]) for pk in sorted(shown)],  # those used in the window, and live ones
            "doses": [{"taken_at": row["taken_at"].isoformat(), "product": str(row["product_id"]),
                       "amount": float(row["amount"]), "unit": row["unit"]} for row in own],
            "medications": [_medication(m) for m in medications.get(pid, [])],
            "labs": [{"collected_at": lab.collected_at.isoformat(), "code": lab.code, "value": float(lab.value),
                      "unit": lab.unit, "uln": None if lab.uln is None else float(lab.uln)}
                     for lab in lab_rows.get(pid, [])],
            "checkins": [_checkin(c) for c in checkin_rows.get(pid, [])],
            "questionnaires": questionnaires.get(pid, []),
            **plans[pid],
        }
    return snapshots


def _grouped(rows: Iterable[Any]) -> dict[int, list[Any]]:
    """Rows (model instances or ``values()`` dicts) by their patient id, in the order read."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row["patient_id"] if isinstance(row, dict) else row.patient_id].append(row)
    return grouped


def _windows(ids: list[int], *, as_of: dt.datetime) -> tuple[Q, Q]:
    """What evaluation reads of doses and check-ins: the last EVALUATION_DAYS, and each patient's first
    BASELINE_DAYS of use (from their first dose). One grouped query for the first doses; the windows are filters."""
    recent = as_of - dt.timedelta(days=EVALUATION_DAYS)
    first_uses = (Dose.objects.live().filter(patient_id__in=ids, taken_at__lte=as_of)
                  .values("patient_id").annotate(first=Min("taken_at")).order_by().values_list("patient_id", "first"))
    dose_window, checkin_window = Q(taken_at__gte=recent), Q(at__gte=recent)
    for pid, first_use in first_uses:
        if first_use < recent:  # otherwise the recent window already holds the whole baseline
            baseline_end = first_use + dt.timedelta(days=BASELINE_DAYS)
            dose_window |= Q(patient_id=pid, taken_at__lt=baseline_end)
            checkin_window |= Q(patient_id=pid, at__gte=first_use, at__lt=baseline_end)
    return dose_window, checkin_window


def _patient(profile: PatientProfile | None) -> dict[str, Any]:
    if profile is None:
        return {"conditions": []}
    return {
        "birth_year": profile.birth_year,
        "sex": profile.sex or None,
        "weight_kg": None if profile.weight_kg is None else float(profile.weight_kg),
        "pregnant": profile.pregnant,
        "breastfeeding": profile.breastfeeding,
        "jurisdiction": profile.jurisdiction or None,
        "time_zone": profile.time_zone or None,
        "conditions": sorted({*profile.conditions, *profile.comorbidities}),
    }


def _product(product: Product) -> dict[str, Any]:
    has_content = product.content_basis != ContentBasis.DEFAULT
    return {
        "id": str(product.pk),
        "name": product.name,
        "form": product.form,
        "unit_mass_g": None if product.unit_mass_g is None else float(product.unit_mass_g),
        "mitragynine_mg_per_g": float(product.mitragynine_content)
        if has_content and product.mitragynine_content is not None else None,
        "hydroxymitragynine_mg_per_g": float(product.hydroxymitragynine_content)
        if has_content and product.hydroxymitragynine_content is not None else None,
        "lab_tested": product.lab_tested,  # a complete certificate only, never the basis alone
    }


def _medication(medication: Medication) -> dict[str, Any]:
    return {"name": medication.name, "rxnorm": medication.rxnorm or None,
            "start": medication.start.isoformat() if medication.start else None,
            "stop": medication.stop.isoformat() if medication.stop else None}


def _checkin(checkin: Checkin) -> dict[str, Any]:
    pain = checkin.pain_now if checkin.pain_now is not None else checkin.pain_avg_24h
    return {"at": checkin.at.isoformat(), "pain": pain, "symptoms": dict(checkin.side_effects),
            "withdrawal": dict(checkin.withdrawal)}


def _questionnaires(ids: list[int], *, as_of: dt.datetime, full: bool) -> dict[int, list[dict[str, Any]]]:
    """Questionnaire answers by patient, oldest first: for evaluation, those of the last EVALUATION_DAYS plus the
    latest of each instrument (the DEPENDENCE rule reads a dsm5-kud up to a year old). One query."""
    responses = QuestionnaireResponse.objects.live().filter(patient_id__in=ids, at__lte=as_of)
    if not full:
        latest = (QuestionnaireResponse.objects.live()
                  .filter(patient_id=OuterRef("patient_id"), instrument=OuterRef("instrument"), at__lte=as_of)
                  .order_by("-at").values("at")[:1])
        responses = responses.filter(Q(at__gte=as_of - dt.timedelta(days=EVALUATION_DAYS)) | Q(at=Subquery(latest)))
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for pid, instrument, at, answers in responses.order_by("patient_id", "at", "id").values_list(
            "patient_id", "instrument", "at", "answers"):
        grouped[pid].append({"instrument": instrument, "at": at.isoformat(), "answers": list(answers)})
    return grouped


def _plans(todays: dict[int, dt.date], *, as_of: dt.datetime, full: bool) -> dict[int, dict[str, Any]]:
    """By patient, ``plan`` (in force on the as_of day in their zone) and ``plans`` (in force over the window, or
    the whole history), in one query. Only versions published by ``as_of`` count; the list starts with the version
    in force on the window's first day, so it stays short however long the history (as plans.snapshot does it)."""
    versions = _grouped(PlanVersion.objects.filter(
        patient_id__in=list(todays), created_at__lte=as_of, effective_from__lte=max(todays.values(), default=as_of.date())))
    plans = {}
    for pid, today in todays.items():
        plan, entries = plan_entries((v for v in versions.get(pid, []) if v.effective_from <= today), today=today,
                                     since=None if full else today - dt.timedelta(days=EVALUATION_DAYS))
        plans[pid] = {"plan": plan, "plans": entries}
    return plans
