"""docs/interop.md lists every code the FHIR export emits (LOINC, UNII, HL7 terminologies) and every UCUM unit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from speciosa.core import instruments
from speciosa.instruments.domain import record_response
from speciosa.interop.fhir import codes
from speciosa.interop.tests.bundles import own_bundle
from speciosa.plans.domain import publish_plan

pytestmark = pytest.mark.django_db
DOC = (Path(__file__).resolve().parents[3] / "docs" / "interop.md").read_text(encoding="utf-8")


def listed(code: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", DOC) is not None


def _codings(value: Any, into: set[tuple[str, str]]) -> set[tuple[str, str]]:
    if isinstance(value, dict):
        if "code" in value and isinstance(value.get("code"), str) and value.get("system"):
            into.add((value["system"], value["code"]))
        for child in value.values():
            _codings(child, into)
    elif isinstance(value, list):
        for child in value:
            _codings(child, into)
    return into


def test_every_code_in_an_exported_bundle_is_listed(cast):
    alice = cast.alice.user
    record_response(alice, instrument="peg", answers=[6, 5, 4], by=alice)
    record_response(alice, instrument="phq4", answers=[1, 2, 0, 1], by=alice)
    publish_plan(alice, by=cast.bob.user, max_daily_leaf_g=6, max_doses_per_day=3)
    found = _codings(own_bundle(alice), set())
    ours = ("/fhir/CodeSystem/",)
    missing = sorted((system, code) for system, code in found
                     if system != codes.RXNORM and not any(part in system for part in ours) and not listed(code))
    assert missing == []
    assert (codes.LOINC, "72514-3") in found and (codes.UNII, "EP479K822J") in found


def test_every_fixed_code_and_unit_is_listed():
    fixed = [code.code for code in codes.LAB_CODES.values()]
    fixed += [codes.PAIN_SEVERITY["code"], codes.CONSENT_CATEGORY["code"], "EP479K822J"]
    for instrument in instruments.all_instruments():
        fixed += [code for code in (instrument.loinc_panel, instrument.loinc_score) if code]
        fixed += [item.loinc for item in instrument.items if item.loinc]
    assert [code for code in fixed if not listed(code)] == []
    units = [code for code, _shown in (*codes.LAB_UCUM.values(), *codes.DOSE_UCUM.values())] + ["{score}", "{dose}"]
    assert [unit for unit in units if f"`{unit}`" not in DOC] == []
