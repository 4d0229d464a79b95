"""REDCap: the data dictionary keeps REDCap's documented rules, and a patient's records come out in REDCap's flat
format under a study id, with only what the viewer may see and nothing a person typed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from speciosa.clinic.access import open_record
from speciosa.clinic.domain import accept_invitation, invite_clinician
from speciosa.diary.domain import delete_dose, record_checkin, record_dose, record_lab
from speciosa.instruments.domain import record_response
from speciosa.interop.redcap.dictionary import COLUMNS, REPEATING_FORMS, dictionary_csv, dictionary_fields
from speciosa.interop.redcap.records import ALL_FORMS, records_csv, records_rows, study_id_of, visible_forms
from speciosa.interop.redcap.rules import check_dictionary, parse
from speciosa.testing import make_clinician, make_patient, make_powder


def _row(**cells: str) -> tuple[str, ...]:
    values = dict.fromkeys(COLUMNS, "")
    names = {"name": "Variable / Field Name", "form": "Form Name", "type": "Field Type", "label": "Field Label",
             "choices": "Choices, Calculations, OR Slider Labels",
             "validation": "Text Validation Type OR Show Slider Number", "minimum": "Text Validation Min",
             "maximum": "Text Validation Max", "branching": "Branching Logic (Show field only if...)",
             "required": "Required Field?"}
    for key, value in cells.items():
        values[names[key]] = value
    return tuple(values[column] for column in COLUMNS)


RECORD = _row(name="record_id", form="participant", type="text", label="Study ID")


def test_the_dictionary_keeps_every_documented_rule():
    header, rows = parse(dictionary_csv())
    assert header == COLUMNS
    assert check_dictionary(header, rows) == []
    forms = list(dict.fromkeys(row[1] for row in rows))
    assert forms == ["participant", *REPEATING_FORMS]
    assert rows[0][:4] == ("record_id", "participant", "", "text")


def test_every_questionnaire_item_and_symptom_has_its_variable():
    names = {field.name for field in dictionary_fields()}
    assert {"peg_q1", "peg_q3", "phq4_q4", "sows_q16", "kud_q11", "nrs_q1", "phq4_gad2", "phq4_band"} <= names
    assert {"se_nausea", "se_ruq_pain", "wd_craving", "wd_hot_cold_flashes"} <= names


@pytest.mark.parametrize(("rows", "problem"), [
    ([RECORD, _row(name="Pain", form="participant", type="text", label="Pain")],
     "Pain: a variable name is lower-case letters, digits and underscores, starting with a letter"),
    ([RECORD, _row(name="a_name_that_is_much_too_long_x", form="participant", type="text", label="x")],
     "a_name_that_is_much_too_long_x: longer than the recommended 26 characters"),
    ([RECORD, _row(name="mood", form="participant", type="slidr", label="Mood")], "mood: unknown field type 'slidr'"),
    ([RECORD, _row(name="sex", form="participant", type="dropdown", label="Sex", choices="f Female | m, Male")],
     "sex: the choice 'f Female' is not 'code, Label'"),
    ([RECORD, _row(name="sex", form="participant", type="radio", label="Sex", choices="1, A | 1, B")],
     "sex: a choice code is used twice"),
    ([RECORD, _row(name="sex", form="participant", type="radio", label="Sex")], "sex: a radio field needs choices"),
    ([RECORD, _row(name="age", form="participant", type="text", label="Age", validation="years")],
     "age: unknown validation type 'years'"),
    ([RECORD, _row(name="age", form="participant", type="text", label="Age", validation="integer", minimum="1.5")],
     "age: the bound '1.5' is not a integer"),
    ([RECORD, _row(name="seen", form="participant", type="yesno", label="Seen", validation="integer")],
     "seen: text validation is for text fields only"),
    ([RECORD, _row(name="a", form="visit", type="text", label="A"), _row(name="b", form="participant", type="text",
                                                                         label="B")],
     "b: form 'participant' continues after another form began (forms must be contiguous)"),
    ([RECORD, _row(name="b", form="participant", type="text", label="B", branching="[later] = '1'")],
     "b: branching logic names [later], which is not an earlier field"),
    ([_row(name="name", form="participant", type="text", label="Name"), RECORD],
     "the first field must be the record identifier (a text field)"),
    ([RECORD, _row(name="function", form="participant", type="text", label="F")], "function: REDCap reserves this name"),
])
def test_the_rule_check_catches_each_broken_rule(rows, problem):
    assert problem in check_dictionary(COLUMNS, rows)


@pytest.fixture
def patient(db):
    return make_patient("zoe.muller", birth_year=1975, sex="female")  # America/New_York


@pytest.fixture
def record(patient):
    now = timezone.now()
    product = make_powder(patient, name="Marker product name")
    kept = record_dose(patient, product=product, amount=3, unit="g", taken_at=now - dt.timedelta(days=2), by=patient,
                       note="a private note")
    deleted = record_dose(patient, product=product, amount=9, unit="g", taken_at=now - dt.timedelta(days=1),
                          by=patient)
    delete_dose(deleted, by=patient)
    record_checkin(patient, by=patient, at=now - dt.timedelta(days=1), pain_now=6, mood=4,
                   side_effects={"nausea": 2, "right_upper_abdominal_pain": 1}, note="typed words")
    record_lab(patient, by=patient, code="ALT", value=52, unit="U/L", uln=40, collected_at=now - dt.timedelta(days=3))
    record_response(patient, instrument="phq4", answers=[1, 2, 0, 1], by=patient)
    return kept


def _table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_records_carry_the_study_id_and_never_the_identity_or_typed_text(patient, record):
    text = records_csv(patient)
    rows = _table(text)
    study_id = study_id_of(patient)
    assert {row["record_id"] for row in rows} == {study_id}
    assert study_id.startswith("sp-") and len(study_id) == 15
    for private in ("zoe.muller", "Marker product name", "a private note", "typed words", "Example Labs"):
        assert private.lower() not in text.lower()
    assert [(row["redcap_repeat_instrument"], row["redcap_repeat_instance"]) for row in rows] == [
        ("", ""), ("dose", "1"), ("daily_checkin", "1"), ("liver_labs", "1"), ("phq4", "1")]
    participant, dose, checkin, lab, phq4 = rows
    assert (participant["birth_year"], participant["sex"], participant["participant_complete"]) == ("1975", "female",
                                                                                                   "2")
    assert dose["dose_at"] == record.taken_at.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d %H:%M")
    assert (dose["dose_amount"], dose["dose_unit"], dose["dose_leaf_g"], dose["dose_mitragynine_mg"],
            dose["dose_lab_tested"], dose["dose_complete"]) == ("3", "g", "3", "45", "1", "2")
    assert dose["daily_checkin_complete"] == ""  # other forms' columns stay empty on a dose's row
    assert (checkin["ci_pain_now"], checkin["ci_mood"], checkin["se_nausea"], checkin["se_ruq_pain"],
            checkin["ci_energy"]) == ("6", "4", "2", "1", "")
    assert (lab["lab_code"], lab["lab_value"], lab["lab_uln"]) == ("ALT", "52", "40")
    assert (phq4["phq4_q2"], phq4["phq4_score"], phq4["phq4_gad2"], phq4["phq4_band"]) == ("2", "4", "3", "mild")


def test_every_records_column_is_a_dictionary_field_a_repeat_column_or_a_form_status(patient, record):
    columns, _ = records_rows(patient)
    names = {field.name for field in dictionary_fields()}
    forms = {field.form for field in dictionary_fields()}
    extra = set(columns) - names - {"redcap_repeat_instrument", "redcap_repeat_instance"}
    assert extra == {f"{form}_complete" for form in forms}


def test_the_study_id_is_stable_and_differs_between_patients(patient):
    other = make_patient("other")
    assert study_id_of(patient) == study_id_of(patient) != study_id_of(other)


def test_a_clinician_receives_only_the_forms_of_the_scopes_shared(patient, record):
    clinician = make_clinician("doc")
    _share, code = invite_clinician(patient, scopes=["diary"])
    accept_invitation(clinician, code=code)
    opened = open_record(clinician, patient.pk, None, action=None)
    assert visible_forms(opened) == {"participant", "dose"}
    rows = _table(records_csv(patient, forms=visible_forms(opened)))
    assert [row["redcap_repeat_instrument"] for row in rows] == ["", "dose"]
    assert visible_forms(open_record(patient, patient.pk, None, action=None)) == ALL_FORMS
