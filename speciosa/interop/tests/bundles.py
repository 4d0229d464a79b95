"""Helpers for the FHIR tests: a patient's own Bundle, and its resources by type."""

from __future__ import annotations

from typing import Any

from speciosa.accounts.models import User
from speciosa.clinic.access import open_record
from speciosa.interop.fhir.export import fhir_bundle


def own_bundle(patient: User, **options: Any) -> dict[str, Any]:
    return fhir_bundle(open_record(patient, patient.pk, None, action=None), **options)


def resources(bundle: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    return [entry["resource"] for entry in bundle["entry"] if kind is None or entry["resource"]["resourceType"] == kind]


def codes_of(resource: dict[str, Any], element: str = "code") -> set[tuple[str, str]]:
    return {(coding.get("system"), coding.get("code")) for coding in resource.get(element, {}).get("coding", [])}
