"""`speciosa check FILE`: alerts for a snapshot file, with exit status by the highest severity (3: bad input)."""

import copy
import json

import pytest
from typer.testing import CliRunner

from speciosa.cli import app
from speciosa.core.tests.test_snapshot import DESIGN_EXAMPLE

QUIET = {
    "schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00",
    "patient": {"jurisdiction": "US-FL", "time_zone": "America/New_York"},
    "products": [{"id": "p1", "name": "Tested powder", "form": "powder", "mitragynine_mg_per_g": 15,
                  "hydroxymitragynine_mg_per_g": 0.1, "lab_tested": True}],
    "doses": [{"taken_at": "2026-11-19T14:00:00+00:00", "product": "p1", "amount": 2, "unit": "g"}],
    "medications": [], "labs": [], "checkins": [], "questionnaires": [], "plan": None,
}


def run(tmp_path, snapshot, *options):
    path = tmp_path / "snapshot.json"
    path.write_text(snapshot if isinstance(snapshot, str) else json.dumps(snapshot), encoding="utf-8")
    return CliRunner().invoke(app, ["check", str(path), *options])


def with_change(change):
    data = copy.deepcopy(QUIET)
    change(data)
    return data


def test_a_snapshot_with_no_alerts_exits_0(tmp_path):
    result = run(tmp_path, QUIET, "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_an_info_alert_alone_exits_0(tmp_path):
    untested = with_change(lambda d: d["products"][0].update(lab_tested=False))
    result = run(tmp_path, untested, "--format", "json")
    assert (result.exit_code, [a["code"] for a in json.loads(result.stdout)]) == (0, ["PRODUCT_NOT_LAB_TESTED"])


def test_a_warning_exits_1(tmp_path):
    raised = with_change(lambda d: d["labs"].append(
        {"collected_at": "2026-11-18T09:00:00+00:00", "code": "ALT", "value": 60, "unit": "U/L", "uln": 40}))
    result = run(tmp_path, raised, "--format", "json")
    alerts = json.loads(result.stdout)
    assert (result.exit_code, [a["code"] for a in alerts]) == (1, ["LIVER_ENZYMES_RAISED"])
    assert set(alerts[0]) == {"code", "severity", "title", "message", "action", "clinical_title", "clinical_message",
                              "evidence", "sources", "rule_version"}


def test_an_urgent_alert_exits_2_and_the_text_format_shows_rule_inputs_and_sources(tmp_path):
    result = run(tmp_path, DESIGN_EXAMPLE)
    assert result.exit_code == 2
    assert "[URGENT] LIVER_INJURY" in result.stdout
    assert "What to do:" in result.stdout and "Source:" in result.stdout and "Inputs:" in result.stdout


@pytest.mark.parametrize(("content", "words"), [
    ("{not json", "FILE: malformed JSON at line 1"),
    (json.dumps(with_change(lambda d: d["doses"][0].update(unit="capsule"))),
     "doses[0].unit: 'capsule' does not fit form 'powder'"),
    (json.dumps(with_change(lambda d: d.pop("as_of"))), "as_of: is required"),
    (json.dumps(with_change(lambda d: d["doses"][0].update(amount=True))), "doses[0].amount: expected a number"),
])
def test_bad_input_exits_3_naming_the_field(tmp_path, content, words):
    result = run(tmp_path, content)
    assert result.exit_code == 3
    assert words in result.stderr


def test_a_missing_file_exits_3(tmp_path):
    result = CliRunner().invoke(app, ["check", str(tmp_path / "absent.json")])
    assert (result.exit_code, "cannot read" in result.stderr) == (3, True)


def test_evidence_lists_every_claim_as_json():
    from speciosa.core.evidence_library import all_entries

    result = CliRunner().invoke(app, ["evidence", "--format", "json"])
    entries = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [entry["id"] for entry in entries] == [entry.id for entry in all_entries()]
    assert all({"id", "claim", "verdict", "grade", "summary", "sources"} <= set(entry) for entry in entries)


@pytest.mark.django_db
def test_a_stored_patients_snapshot_export_is_checkable(tmp_path, speciosa):
    from speciosa.diary.domain import record_dose
    from speciosa.testing import make_patient, make_powder

    alice = make_patient("alice", pregnant=True)
    record_dose(alice, product=make_powder(alice), amount=3, unit="g", by=alice)
    exported = speciosa("export", "--user", "alice", "--format", "snapshot")
    result = run(tmp_path, exported.stdout, "--format", "json")
    assert json.loads(exported.stdout)["schema"] == "speciosa.snapshot/1"
    assert (result.exit_code, [a["code"] for a in json.loads(result.stdout)]) == (2, ["PREGNANCY"])
