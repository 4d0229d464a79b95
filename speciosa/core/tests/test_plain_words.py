"""The patient's first layer reads at a 12-year-old's level, and carries no clinical term.

Every firing case of every rule is run; each alert's plain message and plain action, and each rule's plain summary,
must score a Flesch-Kincaid grade of 8 or less (textstat, a dev dependency), and none of the patient's texts may use
a term that belongs to the clinical voice (``speciosa.core.safety.wording.CLINICAL_TERMS``).
"""

import json
import re

import pytest

from speciosa.core.safety.registry import all_rules, get_rule
from speciosa.core.safety.wording import CLINICAL_TERMS
from speciosa.core.snapshot import parse_snapshot
from speciosa.core.tests.test_rule_cases import CASES_DIR, expand

textstat = pytest.importorskip("textstat", reason="textstat (dev extra) measures the reading grade")

GRADE_AT_MOST = 8.0
JARGON = re.compile("|".join(rf"(?<![\w-]){re.escape(term)}(?![\w-])" for term in CLINICAL_TERMS))
FIRING = [(path.stem, case) for path in sorted(CASES_DIR.glob("*.json"))
          for case in json.loads(path.read_text(encoding="utf-8"))["fires"]]


def _alerts(code, case):
    return list(get_rule(code).check(parse_snapshot(expand(case["snapshot"]))))


@pytest.mark.parametrize(("code", "case"), FIRING, ids=[f"{code}: {case['name']}" for code, case in FIRING])
def test_every_alerts_plain_message_and_action_read_at_grade_8_or_less(code, case):
    grades = {(alert.code, part): textstat.flesch_kincaid_grade(getattr(alert, part))
              for alert in _alerts(code, case) for part in ("message", "action")}
    assert grades
    assert {key: grade for key, grade in grades.items() if grade > GRADE_AT_MOST} == {}


@pytest.mark.parametrize(("code", "case"), FIRING, ids=[f"{code}: {case['name']}" for code, case in FIRING])
def test_no_alerts_plain_layer_uses_a_clinical_term(code, case):
    found = {alert.code: JARGON.findall(f"{alert.title} {alert.message} {alert.action}")
             for alert in _alerts(code, case)}
    assert {code: terms for code, terms in found.items() if terms} == {}


def test_every_rule_says_what_it_watches_in_plain_words_at_grade_8_or_less():
    grades = {rule.code: textstat.flesch_kincaid_grade(rule.plain_summary) for rule in all_rules()}
    assert {code: grade for code, grade in grades.items() if grade > GRADE_AT_MOST} == {}
    assert {rule.code: JARGON.findall(f"{rule.plain_title} {rule.plain_summary}") for rule in all_rules()
            if JARGON.search(f"{rule.plain_title} {rule.plain_summary}")} == {}


def test_the_measure_fails_a_clinicians_sentence():
    clinical = ("Drug-induced liver injury criteria met: alanine aminotransferase 7.4 times the upper limit of normal, "
                "with a hepatocellular pattern on the latest paired draw.")
    assert textstat.flesch_kincaid_grade(clinical) > GRADE_AT_MOST
    assert JARGON.search("ALT 7.4x ULN, R = 4.45, Hy's law criteria met")
