"""Wording the patient must read: the breastfeeding signs, and the withdrawal warning after any advice to stop.

Every firing case of the dosing, population and outcomes families is run; an urgent alert whose action speaks of
stopping must end with the one withdrawal warning (speciosa.core.safety.wording). The liver, product and
interaction families keep the same promise in their own tests.
"""

import json

import pytest

from speciosa.core.safety.alert import Severity
from speciosa.core.safety.registry import get_rule
from speciosa.core.safety.wording import STOPPING_NOTE
from speciosa.core.snapshot import parse_snapshot
from speciosa.core.tests.test_rule_cases import CASES_DIR, expand

FAMILIES = ("dosing", "population", "outcomes")
FIRING = [(path.stem, case) for path in sorted(CASES_DIR.glob("*.json"))
          if get_rule(path.stem).family in FAMILIES for case in json.loads(path.read_text())["fires"]]


@pytest.mark.parametrize(("code", "case"), FIRING, ids=[f"{code}: {case['name']}" for code, case in FIRING])
def test_an_urgent_action_that_speaks_of_stopping_ends_with_the_withdrawal_warning(code, case):
    for alert in get_rule(code).check(parse_snapshot(expand(case["snapshot"]))):
        if alert.severity is Severity.URGENT and "stop" in alert.action.lower():
            assert alert.action.endswith(STOPPING_NOTE)


def _pregnancy_action(**patient: bool) -> str:
    snapshot = parse_snapshot(expand({"patient": patient, "doses": [{"taken_at": "2026-11-19T08:00:00+00:00",
                                                                      "amount": 3}]}))
    [alert] = get_rule("PREGNANCY").check(snapshot)
    return alert.action


def test_a_breastfeeding_parent_is_told_the_signs_in_the_baby_and_to_seek_care_at_once():
    action = _pregnancy_action(breastfeeding=True)
    assert ("watch your baby for odd sleepiness, poor feeding and slow or shallow breathing. If your baby is hard "
            "to wake, floppy or breathing slowly, call your local emergency number at once.") in action
    assert action.endswith(STOPPING_NOTE)


def test_a_pregnant_patient_who_does_not_breastfeed_is_not_told_about_feeding_a_baby():
    action = _pregnancy_action(pregnant=True)
    assert "watch your baby" not in action
    assert action.endswith(STOPPING_NOTE)
