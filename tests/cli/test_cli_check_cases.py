"""Every rule case, crafted as a snapshot file, through `speciosa check`: what a clinician or reviewer runs.

The core tests run each case against its rule alone; this runs the whole engine on the same snapshot from a file, as
the command line does, so each new and changed behaviour of the safety engine (the second edition: antagonists,
stopped medicines, drugs that change kratom, AST and INR, paired draws, old labs, SOWS, PHQ-4, DSM-5 under a plan,
7-OH limits, jurisdictions with end dates, one day over the plan) shows in the command's output, and the exit code
still follows the most severe alert (0 none or information, 1 warning, 2 urgent).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from speciosa.cli import app
from speciosa.core.tests.test_rule_cases import CASES, expand

EXIT_BY_SEVERITY = {"info": 0, "warning": 1, "urgent": 2}


def _check(tmp_path, snapshot: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize(("code", "kind", "case"), CASES)
def test_each_case_through_the_command_line(tmp_path, code: str, kind: str, case: dict[str, Any]) -> None:
    exit_code, alerts = _check(tmp_path, expand(case["snapshot"]))
    assert exit_code == max((EXIT_BY_SEVERITY[alert["severity"]] for alert in alerts), default=0)
    own = [alert for alert in alerts if alert["code"] == code]
    if kind == "silent":
        assert own == []
        return
    assert own, f"{code} did not fire through the command line"
    assert max(own, key=lambda a: EXIT_BY_SEVERITY[a["severity"]])["severity"] == case["expect"]["severity"]
    assert all(alert["sources"] and alert["action"] for alert in own)
