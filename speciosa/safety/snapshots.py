"""Builds a patient's snapshot (speciosa.snapshot/1) from the database, with a fixed number of queries.

For evaluation the snapshot holds a bounded window — the last EVALUATION_DAYS of doses and check-ins plus the first
BASELINE_DAYS of use (the baseline the outcome rules compare against) — so checking a patient with five years of
history costs about what checking one with a month does. ``full=True`` gives the whole record, for export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

from speciosa.accounts.models import PatientProfile, User
from speciosa.core.snapshot import SCHEMA, Snapshot, parse_snapshot
from speciosa.diary.enums import ContentBasis
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product
from speciosa.instruments.models import Response as QuestionnaireResponse
from speciosa.plans.snapshot import snapshot_plans

EVALUATION_DAYS = 120
BASELINE_DAYS = 14
LAB_DAYS = 800


def snapshot_data(patient: User, *, as_of: dt.datetime | None = None, full: bool = False) -> dict[str, Any]:
    """The snapshot as JSON-ready data (the public file format)."""
    as_of = as_of or timezone.now()
    profile = PatientProfile.objects.filter(user=patient).first()
    doses = Dose.objects.of(patient).filter(taken_at__lte=as_of)
    checkins = Checkin.objects.of(patient).filter(at__lte=as_of)
    labs = LabResult.objects.of(patient).filter(collected_at__lte=as_of)
    if not full:
        first_use = doses.aggregate(first=Min("taken_at"))["first"]
        recent = as_of - dt.timedelta(days=EVALUATION_DAYS)
        window = Q(taken_at__gte=recent)
        checkin_window = Q(at__gte=recent)
        if first_use is not None:
            baseline_end = first_use + dt.timedelta(days=BASELINE_DAYS)
            window |= Q(taken_at__lt=baseline_end)
            checkin_window |= Q(at__gte=first_use, at__lt=baseline_end)
        doses = doses.filter(window)
        checkins = checkins.filter(checkin_window)
        labs = labs.filter(collected_at__gte=as_of - dt.timedelta(days=LAB_DAYS))
    dose_rows = list(doses.order_by("taken_at").values("taken_at", "product_id", "amount", "unit"))
    product_ids = {row["product_id"] for row in dose_rows}
    products = Product.objects.filter(Q(pk__in=product_ids) | Q(patient=patient, deleted_at__isnull=True))
    return {
        "schema": SCHEMA,
        "as_of": as_of.isoformat(),
        "patient": _patient(profile),
        "products": [_product(product) for product in products.order_by("pk")],
        "doses": [{"taken_at": row["taken_at"].isoformat(), "product": str(row["product_id"]),
                   "amount": float(row["amount"]), "unit": row["unit"]} for row in dose_rows],
        "medications": [_medication(m) for m in Medication.objects.of(patient).order_by("pk")],
        "labs": [{"collected_at": lab.collected_at.isoformat(), "code": lab.code, "value": float(lab.value),
                  "unit": lab.unit, "uln": None if lab.uln is None else float(lab.uln)}
                 for lab in labs.order_by("collected_at", "code")],
        "checkins": [_checkin(c) for c in checkins.order_by("at")],
        "questionnaires": _questionnaires(patient, as_of=as_of, full=full),
        **_plans(patient, profile, as_of=as_of, full=full),
    }


def build_snapshot(patient: User, *, as_of: dt.datetime | None = None) -> Snapshot:
    return parse_snapshot(snapshot_data(patient, as_of=as_of))


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


def _questionnaires(patient: User, *, as_of: dt.datetime, full: bool) -> list[dict[str, Any]]:
    """Questionnaire answers, oldest first: for evaluation, those of the last EVALUATION_DAYS plus the latest of
    each instrument (the DEPENDENCE rule reads a dsm5-kud up to a year old). One query."""
    responses = QuestionnaireResponse.objects.of(patient).filter(at__lte=as_of)
    if not full:
        latest = responses.filter(instrument=OuterRef("instrument")).order_by("-at").values("at")[:1]
        responses = responses.filter(Q(at__gte=as_of - dt.timedelta(days=EVALUATION_DAYS)) | Q(at=Subquery(latest)))
    return [{"instrument": instrument, "at": at.isoformat(), "answers": list(answers)}
            for instrument, at, answers in responses.order_by("at", "id").values_list("instrument", "at", "answers")]


def _plans(patient: User, profile: PatientProfile | None, *, as_of: dt.datetime, full: bool) -> dict[str, Any]:
    """``plan`` (in force on the as_of day) and ``plans`` (in force over the window, or the whole history)."""
    today = as_of.astimezone(profile.zone if profile is not None else dt.UTC).date()
    since = None if full else today - dt.timedelta(days=EVALUATION_DAYS)
    plan, plans = snapshot_plans(patient, as_of=as_of, today=today, since=since)
    return {"plan": plan, "plans": plans}
