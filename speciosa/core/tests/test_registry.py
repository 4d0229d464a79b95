"""The rule registry's contract: every rule is covered by named cases, its thresholds are checked where a plan sets
them, and the generated rules page lists every rule with its sources (its freshness: tests/cli/test_cli_docs.py).
Registration itself refuses an undocumented or uncited rule: test_rule_registration.py."""

import json
import re
from pathlib import Path

import pytest

import speciosa.core.safety
from speciosa.core.errors import InputError
from speciosa.core.safety import docs
from speciosa.core.safety.registry import all_rules, all_thresholds, check_settings, get_rule
from speciosa.core.safety.rules.dosing import DAILY_LEAF_LIMIT
from speciosa.core.snapshot import parse_snapshot

CASES_DIR = Path(speciosa.core.safety.__file__).parent / "cases"
# The codes issue 4 makes a public contract, spelled exactly so.
CONTRACT_CODES = {
    "LIVER_INJURY", "LIVER_HYS_LAW", "LIVER_BILIRUBIN_HIGH", "LIVER_ENZYMES_RAISED", "LIVER_SYMPTOMS", "LABS_OVERDUE",
    "INTERACTION_CNS_DEPRESSANT", "INTERACTION_CYP3A", "INTERACTION_CYP2D6", "INTERACTION_QT", "DOSE_ABOVE_PLAN",
    "DOSE_HIGH", "DOSE_ESCALATION", "WITHDRAWAL", "DEPENDENCE", "PREGNANCY", "SEIZURE_RISK", "PRODUCT_7OH",
    "PRODUCT_NOT_LAB_TESTED", "PRODUCT_ILLEGAL", "PAIN_NOT_IMPROVING",
}


def test_every_contract_code_is_registered():
    assert CONTRACT_CODES - {r.code for r in all_rules()} == set()


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes))
    assert [c for c in codes if not re.fullmatch(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*", c)] == []


def test_every_rule_has_fires_and_silent_cases():
    lacking = []
    for registered in all_rules():
        path = CASES_DIR / f"{registered.code}.json"
        content = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not content.get("fires") or not content.get("silent"):
            lacking.append(registered.code)
    assert lacking == []


def test_every_case_file_names_a_registered_rule():
    codes = {r.code for r in all_rules()}
    assert sorted(p.stem for p in CASES_DIR.glob("*.json") if p.stem not in codes) == []


def test_case_names_are_unique_within_a_file():
    duplicated = []
    for path in CASES_DIR.glob("*.json"):
        content = json.loads(path.read_text(encoding="utf-8"))
        names = [case["name"] for kind in ("fires", "silent") for case in content.get(kind, [])]
        duplicated += [(path.stem, n) for n in set(names) if names.count(n) > 1]
    assert duplicated == []


def test_every_default_setting_passes_its_own_check():
    check_settings({t.name: t.default for t in all_thresholds()})


def test_a_threshold_two_rules_read_is_listed_once_and_on_both_rules():
    assert [t.name for t in all_thresholds()].count("dose_high_daily_leaf_g") == 1
    assert [DAILY_LEAF_LIMIT in get_rule(code).settings for code in ("DOSE_HIGH", "SEIZURE_RISK")] == [True, True]


def test_no_setting_cites_the_project_specification_instead_of_a_source():
    assert [t.name for t in all_thresholds() if "specification" in t.why] == []


def test_the_rules_page_lists_every_rule_with_its_sources():
    page = docs.render()
    missing = [r.code for r in all_rules()
               if f"### {r.code}" not in page or any(f"]({s.url})" not in page for s in r.sources)]
    assert missing == []


def test_a_setting_out_of_range_is_rejected_naming_the_field():
    with pytest.raises(InputError) as raised:
        parse_snapshot(_snapshot_with_settings({"dose_high_daily_leaf_g": 0}))
    assert (raised.value.field, raised.value.message) == ("plan.settings.dose_high_daily_leaf_g", "must be at least 1")


def test_a_boolean_setting_is_rejected():
    with pytest.raises(InputError) as raised:
        parse_snapshot(_snapshot_with_settings({"withdrawal_min_grade": True}))
    assert raised.value.field == "plan.settings.withdrawal_min_grade"


def test_a_setting_in_range_is_used_by_its_rule():
    snapshot = parse_snapshot(_snapshot_with_settings({"dose_high_daily_leaf_g": 10}))
    assert get_rule("DOSE_HIGH").setting(snapshot, DAILY_LEAF_LIMIT) == 10


def test_without_a_plan_value_a_rule_reads_the_cited_default():
    snapshot = parse_snapshot(_snapshot_with_settings({}))
    assert get_rule("DOSE_HIGH").setting(snapshot, DAILY_LEAF_LIMIT) == 15


def _snapshot_with_settings(settings: dict) -> dict:
    return {"schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00", "patient": {}, "products": [],
            "doses": [], "medications": [], "labs": [], "checkins": [], "questionnaires": [],
            "plan": {"settings": settings}}
