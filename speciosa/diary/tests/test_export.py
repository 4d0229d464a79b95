"""The export functions: a patient's whole record as JSON-safe data and as a zip of CSV files."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine

from speciosa.diary.domain import (
    delete_medication,
    record_checkin,
    record_dose,
    record_lab,
    record_medication,
    update_dose,
)
from speciosa.diary.export import EXPORT_SCHEMA, export_csv_zip, export_data
from speciosa.diary.models import Medication
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 6, 15, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def alice():
    with time_machine.travel(MOMENT, tick=False):
        patient = make_patient("alice", birth_year=1975, conditions=["fibromyalgia"])
        product = make_powder(patient)
        dose = record_dose(patient, product=product, amount=3, unit="g", reason="pain", note="=HYPERLINK(1)",
                           taken_at=MOMENT - dt.timedelta(hours=2), by=patient)
        update_dose(dose, amount=4, by=patient)
        record_checkin(patient, by=patient, at=MOMENT, pain_now=4, side_effects={"nausea": 2}, note="ok")
        record_lab(patient, by=patient, code="ALT", value=35, uln=40, collected_at=MOMENT)
        record_medication(patient, by=patient, name="Gabapentin", rxnorm="25480")
        delete_medication(record_medication(patient, by=patient, name="Stopped and removed"), by=patient)
    return patient


def test_the_json_export_holds_the_whole_record(alice):
    data = export_data(alice, now=MOMENT)
    assert sorted(data) == ["checkins", "doses", "exported_at", "labs", "medications", "products", "profile",
                            "revisions", "schema"]
    assert (data["schema"], data["exported_at"]) == (EXPORT_SCHEMA, "2026-06-15T16:00:00+00:00")
    assert {key: data["profile"][key] for key in ("username", "birth_year", "time_zone", "conditions")} == {
        "username": "alice", "birth_year": 1975, "time_zone": "America/New_York",
        "conditions": ["fibromyalgia"]}
    [dose] = data["doses"]
    assert {key: dose[key] for key in ("amount", "unit", "taken_at", "reason", "leaf_equivalent_g",
                                       "mitragynine_mg", "mitragynine_basis", "product_id")} == {
        "amount": 4.0, "unit": "g", "taken_at": "2026-06-15T14:00:00+00:00", "reason": "pain",
        "leaf_equivalent_g": 4.0, "mitragynine_mg": 60.0, "mitragynine_basis": "lab",
        "product_id": data["products"][0]["id"]}
    assert [checkin["side_effects"] for checkin in data["checkins"]] == [{"nausea": 2}]
    assert [(lab["code"], lab["value"], lab["uln"]) for lab in data["labs"]] == [("ALT", 35.0, 40.0)]
    json.dumps(data)  # JSON-safe throughout


def test_deleted_records_are_not_listed_but_their_history_is(alice):
    data = export_data(alice)
    assert [m["name"] for m in data["medications"]] == ["Gabapentin"]
    removed = Medication.objects.get(name="Stopped and removed").pk
    trail = [(r["action"], r["changed_by"]) for r in data["revisions"]
             if r["record_type"] == "medication" and r["record_id"] == removed]
    assert trail == [("create", "alice"), ("delete", "alice")]


def test_the_revisions_keep_before_and_after(alice):
    updates = [r for r in export_data(alice)["revisions"] if r["action"] == "update"]
    changes = [(r["record_type"], r["before"]["amount"], r["after"]["amount"]) for r in updates]
    assert changes == [("dose", 3.0, 4.0)]


def test_another_patients_record_is_not_in_the_export(alice):
    charlie = make_patient("charlie")
    record_dose(charlie, product=make_powder(charlie, name="Charlie's green"), amount=1, unit="g", by=charlie)
    data = export_data(alice)
    assert ([p["name"] for p in data["products"]], len(data["doses"])) == (["Red vein powder"], 1)
    assert {r["changed_by"] for r in data["revisions"]} == {"alice"}


def test_the_export_takes_a_fixed_number_of_queries(alice, django_assert_max_num_queries):
    for index in range(20):
        record_dose(alice, product=make_powder(alice, name=f"Powder {index}"), amount=1, unit="g", by=alice)
    with django_assert_max_num_queries(8):  # profile, one per table, revisions: not one per record
        export_data(alice)


def read_zip(content: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
                for name in archive.namelist()}


def test_the_csv_zip_has_one_file_per_table(alice):
    tables = read_zip(export_csv_zip(alice, now=MOMENT))
    assert sorted(tables) == ["checkins.csv", "doses.csv", "labs.csv", "medications.csv", "products.csv",
                              "profile.csv", "revisions.csv"]
    assert {name: len(rows) for name, rows in tables.items()} == {
        "profile.csv": 1, "products.csv": 1, "doses.csv": 1, "checkins.csv": 1, "medications.csv": 1,
        "labs.csv": 1, "revisions.csv": 8}
    dose = tables["doses.csv"][0]
    assert (dose["amount"], dose["leaf_equivalent_g"], dose["taken_at"]) == ("4.0", "4.0",
                                                                             "2026-06-15T14:00:00+00:00")
    assert tables["checkins.csv"][0]["side_effects"] == '{"nausea": 2}'
    assert tables["profile.csv"][0]["pregnant"] == "false"


def test_a_csv_cell_that_a_spreadsheet_would_run_is_kept_as_text(alice):
    tables = read_zip(export_csv_zip(alice))
    assert tables["doses.csv"][0]["note"] == "'=HYPERLINK(1)"
    assert export_data(alice)["doses"][0]["note"] == "=HYPERLINK(1)"  # the JSON keeps the text as typed


def test_an_empty_table_still_has_its_header():
    nobody = make_patient("nobody")
    with zipfile.ZipFile(io.BytesIO(export_csv_zip(nobody))) as archive:
        header = archive.read("labs.csv").decode("utf-8-sig").splitlines()
    assert header == ["id,created_at,updated_at,code,value,unit,uln,collected_at"]
