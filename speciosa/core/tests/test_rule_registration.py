"""Registration refuses a rule a clinician could not check, at import, naming the rule and every problem.

Each test registers a broken rule through the real decorator; a refused rule never reaches the registry, so these
tests leave it as they found it.
"""

from collections.abc import Iterator

import pytest

from speciosa.core.evidence import EvidenceLevel, Source
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import Check, Rule, RuleError, all_rules, get_rule, problems, rule
from speciosa.core.safety.rules.dosing import DAILY_LEAF_LIMIT
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.snapshot import Snapshot, parse_snapshot

SOURCE = Source("Grundmann O. Patterns of kratom use. Drug Alcohol Depend 2017", "https://doi.org/10.1016/x")
LIMIT = Threshold("test_limit_g", default=5.0, minimum=1.0, maximum=10.0, unit="g", why="A test limit.",
                  sources=(SOURCE,))


def documented(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Nothing; a test rule.

    Why:
    To test the registry.

    Known limits:
    None.
    """
    return iter(())


def undocumented(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Nothing, and it says neither why nor what it cannot see.
    """
    return iter(())


def register(check: Check = documented, **changes: object) -> Rule:
    options = {"code": "TEST_RULE", "version": 1, "title": "A test rule", "family": "test",
               "severities": (Severity.INFO,), "evidence_level": EvidenceLevel.CASE_REPORTS, "sources": (SOURCE,),
               "settings": (LIMIT,), "plain_title": "A test", "plain_summary": "We test the list of checks."} | changes
    return rule(**options)(check)


def where(check: Check) -> str:
    return f"{__name__}.{check.__qualname__}"


def test_a_rule_without_sources_fails_at_registration_naming_the_rule_and_where_it_is():
    with pytest.raises(RuleError) as raised:
        register(sources=())
    assert str(raised.value) == (f"rule TEST_RULE ({where(documented)}) cannot be registered: no sources (a clinician "
                                 "must be able to open what the rule rests on)")


def test_a_rule_whose_docstring_lacks_sections_fails_naming_each_missing_section():
    with pytest.raises(RuleError) as raised:
        register(undocumented)
    assert str(raised.value) == (f"rule TEST_RULE ({where(undocumented)}) cannot be registered: docstring has no "
                                 "'Why:' section; docstring has no 'Known limits:' section")


def test_every_problem_is_named_at_once():
    unopenable = Source("A leaflet", "http://example.org/leaflet")
    with pytest.raises(RuleError) as raised:
        register(code="bad code", version=0, severities=(), sources=(unopenable,))
    assert str(raised.value).split(": ", 1)[1].split("; ") == [
        "code 'bad code' is not UPPER_SNAKE_CASE",
        "version must be 1 or more",
        "no severities",
        "source 'A leaflet' has no https:// address ('http://example.org/leaflet')",
    ]


def test_a_code_already_taken_is_refused():
    with pytest.raises(RuleError) as raised:
        register(code="DOSE_HIGH", settings=())
    assert str(raised.value).endswith("code DOSE_HIGH is already registered by "
                                      "speciosa.core.safety.rules.dosing.dose_high")


@pytest.mark.parametrize(("threshold", "problem"), [
    (Threshold("test_limit_g", 50.0, 1.0, 10.0, "g", "A test limit."),
     "setting test_limit_g: default 50 is outside its range 1-10"),
    (Threshold("test_limit_g", 5.0, 1.0, 10.0, "g", " "), "setting test_limit_g gives no reason for its default"),
    (Threshold("Test-Limit", 5.0, 1.0, 10.0, "g", "A test limit."), "setting name 'Test-Limit' is not lower_snake_case"),
    (Threshold("dose_high_daily_leaf_g", 12.0, 1.0, 100.0, "g", "Another reason."),
     "setting dose_high_daily_leaf_g differs from the one DOSE_HIGH declares (share the same Threshold object)"),
])
def test_a_bad_threshold_is_refused_with_its_problem(threshold, problem):
    with pytest.raises(RuleError) as raised:
        register(settings=(threshold,))
    assert str(raised.value).split(": ", 1)[1] == problem


def test_a_refused_rule_does_not_reach_the_registry():
    with pytest.raises(RuleError):
        register(sources=())
    assert "TEST_RULE" not in {r.code for r in all_rules()}


def test_a_well_formed_rule_has_no_problems():
    candidate = Rule(code="TEST_RULE", version=1, title="A test rule", family="test", severities=(Severity.INFO,),
                     evidence_level=EvidenceLevel.CASE_REPORTS, sources=(SOURCE,), check=documented,
                     settings=(LIMIT, DAILY_LEAF_LIMIT), plain_title="A test", plain_summary="We test the checks.")
    assert problems(candidate) == []


def test_a_rule_without_plain_words_for_the_patient_is_refused():
    with pytest.raises(RuleError) as raised:
        register(plain_title=" ", plain_summary="")
    assert "a plain title and a plain summary for the patient are required" in str(raised.value)


def test_every_registered_rule_has_no_problems():
    assert {r.code: problems(r) for r in all_rules() if problems(r)} == {}


def test_a_rule_reading_a_threshold_it_does_not_declare_fails_loudly():
    snapshot = parse_snapshot({"schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00", "patient": {},
                               "products": [], "doses": [], "medications": [], "labs": [], "checkins": [],
                               "questionnaires": []})
    with pytest.raises(LookupError) as raised:
        get_rule("DOSE_ESCALATION").setting(snapshot, DAILY_LEAF_LIMIT)
    assert str(raised.value) == ("rule DOSE_ESCALATION reads setting dose_high_daily_leaf_g without declaring it in "
                                 "settings=")
