import csv
import io
import json
import stat
import zipfile

import pytest

from speciosa.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
TABLES = ["checkins.csv", "doses.csv", "labs.csv", "medications.csv", "products.csv", "profile.csv",
          "revisions.csv"]


def test_json_goes_to_standard_output_with_the_patients_dose_and_nothing_of_another_patient(speciosa, cast):
    result = speciosa("export", "--user", "alice", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["profile"]["username"] == "alice"
    assert [(dose["amount"], dose["unit"], dose["product_id"]) for dose in data["doses"]] == [
        (2.5, "g", cast.alice_product.pk)]
    assert "charlie" not in result.stdout


def test_json_can_be_written_to_a_file_only_its_owner_can_read(speciosa, cast, tmp_path):
    target = tmp_path / "alice.json"
    result = speciosa("export", "--user", "alice", "--format", "json", "--output", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["profile"]["username"] == "alice"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_is_a_zip_with_one_table_per_file_named_after_the_user_by_default(speciosa, cast, tmp_path,
                                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = speciosa("export", "--user", "alice", "--format", "csv")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "alice-export.zip") as archive:
        assert sorted(archive.namelist()) == TABLES
        doses = list(csv.DictReader(io.StringIO(archive.read("doses.csv").decode("utf-8-sig"))))
    assert [(row["amount"], row["unit"]) for row in doses] == [("2.5", "g")]


def test_an_unknown_format_is_refused_naming_the_format(speciosa, cast):
    result = speciosa("export", "--user", "alice", "--format", "xml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3, "", "error: --format: 'xml' is not one of json, csv, snapshot, fhir, redcap-dictionary, redcap-records\n")


def test_an_unknown_user_is_refused_naming_the_user(speciosa):
    result = speciosa("export", "--user", "nobody", "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", "error: --user: no user named 'nobody'\n")


@pytest.mark.parametrize("format", ["json", "csv", "snapshot"])
def test_each_export_is_an_audit_entry_of_the_patient(speciosa, cast, tmp_path, format):
    result = speciosa("export", "--user", "alice", "--format", format, "--output", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert list(AuditEntry.objects.values_list("patient", "actor", "actor_label", "action", "what")) == [
        (cast.alice.user.pk, None, "the command line (server operator)", "export", f"whole record ({format})")]


def test_the_redcap_dictionary_needs_no_user_and_keeps_redcaps_rules(speciosa, db):
    from speciosa.interop.redcap.rules import check_dictionary, parse

    result = speciosa("export", "--format", "redcap-dictionary")
    assert (result.exit_code, result.stderr) == (0, "")
    assert check_dictionary(*parse(result.stdout)) == []


def test_redcap_records_carry_the_study_id_not_the_name_and_are_logged(speciosa, cast, tmp_path):
    from speciosa.interop.redcap.records import study_id_of

    target = tmp_path / "alice-redcap.csv"
    result = speciosa("export", "--user", "alice", "--format", "redcap-records", "--output", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {row["record_id"] for row in rows} == {study_id_of(cast.alice.user)}
    assert [row["dose_amount"] for row in rows if row["redcap_repeat_instrument"] == "dose"] == ["2.5"]
    assert "alice" not in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert AuditEntry.objects.filter(patient=cast.alice.user, action="export", what="REDCap records").count() == 1


def test_redcap_records_need_a_user(speciosa, db):
    result = speciosa("export", "--format", "redcap-records")
    assert (result.exit_code, result.stderr) == (
        3, "error: --user: --format redcap-records exports one patient's record: name them\n")


def test_fhir_goes_to_standard_output_as_a_bundle_of_the_patients_record_and_is_audited(speciosa, cast):
    result = speciosa("export", "--user", "alice", "--format", "fhir")
    assert (result.exit_code, result.stderr) == (0, "")
    bundle = json.loads(result.stdout)
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert {"Patient", "Medication", "MedicationStatement", "Observation"} <= kinds
    assert "charlie" not in result.stdout
    assert AuditEntry.objects.filter(patient=cast.alice.user, what="whole record (fhir)").count() == 1
