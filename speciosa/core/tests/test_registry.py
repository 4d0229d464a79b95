"""The rule registry's contract: every rule is documented, cited and covered by named cases, and the generated
rules page is fresh."""

import json
import re
from pathlib import Path

import pytest

import speciosa.core.safety
from speciosa.core.errors import InputError
from speciosa.core.safety import docs
from speciosa.core.safety.registry import DOC_SECTIONS, all_rules
from speciosa.core.safety.thresholds import THRESHOLDS, check_settings, threshold
from speciosa.core.snapshot import parse_snapshot

CASES_DIR = Path(speciosa.core.safety.__file__).parent / "cases"
DOCS_FILE = Path(__file__).resolve().parents[3] / "docs" / "safety-rules.md"
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


def test_every_rule_has_the_three_doc_sections():
    missing = [(r.code, name) for r in all_rules() for name in DOC_SECTIONS if not r.section(name)]
    assert missing == []


def test_every_rule_has_a_version_title_severity_and_family():
    bad = [r.code for r in all_rules()
           if r.version < 1 or not r.title.strip() or not r.severities or not r.family.strip()]
    assert bad == []


def test_every_rule_cites_sources_a_clinician_can_open():
    uncited = [r.code for r in all_rules() if not r.sources]
    bad_urls = [(r.code, s.url) for r in all_rules() for s in r.sources if not s.url.startswith("https://")]
    empty = [r.code for r in all_rules() for s in r.sources if not s.citation.strip()]
    assert (uncited, bad_urls, empty) == ([], [], [])


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


def test_every_setting_belongs_to_a_registered_rule_and_its_default_is_in_range():
    codes = {r.code for r in all_rules()}
    bad = [t.name for t in THRESHOLDS.values()
           if t.rule not in codes or not t.minimum <= t.default <= t.maximum or not t.why.strip()]
    assert bad == []


def test_every_default_setting_passes_its_own_check():
    check_settings({name: t.default for name, t in THRESHOLDS.items()})


def test_the_rules_page_is_fresh():
    assert DOCS_FILE.read_text(encoding="utf-8") == docs.render(), (
        f"docs/safety-rules.md is stale; regenerate it with: {docs.COMMAND}")


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
    assert threshold(snapshot, "dose_high_daily_leaf_g") == 10


def _snapshot_with_settings(settings: dict) -> dict:
    return {"schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00", "patient": {}, "products": [],
            "doses": [], "medications": [], "labs": [], "checkins": [], "questionnaires": [],
            "plan": {"settings": settings}}
