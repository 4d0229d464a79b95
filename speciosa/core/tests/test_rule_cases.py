"""Runs every rule's named cases, kept as data in ``speciosa/core/safety/cases/<CODE>.json``.

A case file holds ``{"fires": [{"name", "snapshot", "expect": {...}}], "silent": [{"name", "snapshot"}]}``; a case may
also carry ``"source"`` (where its numbers come from) and ``"note"``. Adding a case never means writing test code.

``expect`` holds ``severity`` (the highest severity among the rule's alerts), optionally ``evidence`` (keys that one
alert of that severity must carry with exactly these values; other evidence keys are not compared) and ``count``
(the number of alerts). A silent case asserts that the rule returns no alert at all.

Snapshots may be written compactly; ``expand`` fills in the rest:
- missing top-level keys get defaults: ``schema``; ``as_of`` 2026-11-20T12:00:00+00:00; an empty ``patient``; empty
  lists; no ``plan``;
- without ``products``, one product is provided: ``{"id": "leaf", "form": "powder", "lab_tested": true}`` (leaf
  powder, so grams of dose are leaf-equivalent grams);
- a dose may omit ``product`` ("leaf") and ``unit`` ("g");
- a dose or check-in with ``"repeat_daily": N`` stands for N copies, one a day from its own time onwards.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

import speciosa.core.safety
from speciosa.core.safety.alert import Severity
from speciosa.core.safety.registry import evaluate, get_rule
from speciosa.core.snapshot import SCHEMA, parse_snapshot

CASES_DIR = Path(speciosa.core.safety.__file__).parent / "cases"
DEFAULTS: dict[str, Any] = {"schema": SCHEMA, "as_of": "2026-11-20T12:00:00+00:00", "patient": {}, "products": [],
                            "doses": [], "medications": [], "labs": [], "checkins": [], "questionnaires": [],
                            "plan": None}
LEAF = {"id": "leaf", "name": "Leaf powder", "form": "powder", "lab_tested": True}
CASE_KEYS = {"name", "snapshot", "expect", "source", "note"}
EXPECT_KEYS = {"severity", "evidence", "count"}
# Wording no alert may use: Speciosa never presents kratom as safe, addiction-free or liver-safe.
FORBIDDEN = re.compile(r"kratom is safe|safe for (the|your) liver|liver[- ]safe|addiction[- ]free|no addiction risk|"
                       r"not addictive|harmless", re.IGNORECASE)


def expand(compact: dict[str, Any]) -> dict[str, Any]:
    """A full ``speciosa.snapshot/1`` document from a compact case snapshot."""
    data = copy.deepcopy(DEFAULTS) | copy.deepcopy(compact)
    if "products" not in compact:
        data["products"] = [dict(LEAF)]
    data["doses"] = [dose for item in data["doses"] for dose in _repeat(item, "taken_at")]
    for dose in data["doses"]:
        dose.setdefault("product", "leaf")
        dose.setdefault("unit", "g")
    data["checkins"] = [checkin for item in data["checkins"] for checkin in _repeat(item, "at")]
    return data


def _repeat(item: dict[str, Any], moment_key: str) -> list[dict[str, Any]]:
    times = item.pop("repeat_daily", 1)
    start = dt.datetime.fromisoformat(item[moment_key])
    return [item | {moment_key: (start + dt.timedelta(days=n)).isoformat()} for n in range(times)]


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        for kind in ("fires", "silent"):
            for case in content.get(kind, []):
                params.append(pytest.param(path.stem, kind, case, id=f"{path.stem}:{kind}:{case.get('name')}"))
    return params


CASES = _load_cases()


def test_case_files_exist():
    assert CASES, f"no case files in {CASES_DIR}"


@pytest.mark.parametrize(("code", "kind", "case"), CASES)
def test_rule_case(code: str, kind: str, case: dict[str, Any]):
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    assert case.get("name"), "every case needs a name"
    rule = get_rule(code)
    alerts = list(rule.check(parse_snapshot(expand(case["snapshot"]))))
    for alert in alerts:
        _check_alert_shape(rule, alert)
    if kind == "silent":
        assert "expect" not in case, "a silent case expects no alert; remove 'expect'"
        assert [a.to_dict() for a in alerts] == []
        return
    expect = case["expect"]
    assert set(expect) <= EXPECT_KEYS, f"unknown expect keys {set(expect) - EXPECT_KEYS}"
    assert alerts, "the rule did not fire"
    highest = max(alerts, key=lambda a: a.severity.rank).severity
    assert highest == Severity(expect["severity"]), [a.to_dict() for a in alerts]
    if "count" in expect:
        assert len(alerts) == expect["count"], [a.to_dict() for a in alerts]
    wanted = expect.get("evidence")
    if wanted is not None:
        seen = [{key: alert.evidence.get(key, "<absent>") for key in wanted}
                for alert in alerts if alert.severity == highest]
        assert wanted in seen, f"evidence {wanted} not among {seen}"


@pytest.mark.parametrize(("code", "kind", "case"), CASES)
def test_every_rule_evaluates_every_case_snapshot(code: str, kind: str, case: dict[str, Any]):
    """A snapshot written for one rule must not break any other rule."""
    for alert in evaluate(parse_snapshot(expand(case["snapshot"]))):
        _check_alert_shape(get_rule(alert.code), alert)


def _check_alert_shape(rule, alert) -> None:
    assert alert.code == rule.code
    assert alert.severity in rule.severities, f"{alert.severity} is not among {rule.severities}"
    assert alert.message.strip() and alert.action.strip()
    assert alert.rule_version == rule.version
    assert alert.clinical_title.strip() and alert.clinical_message.strip()
    text = f"{alert.title} {alert.message} {alert.action} {alert.clinical_title} {alert.clinical_message}"
    assert not FORBIDDEN.search(text), f"forbidden wording in {text!r}"
    json.dumps(alert.to_dict())  # evidence must be plain JSON
