import copy
import datetime as dt

import pytest

from speciosa.core.errors import InputError
from speciosa.core.snapshot import parse_snapshot

DESIGN_EXAMPLE = {
    "schema": "speciosa.snapshot/1",
    "as_of": "2026-11-20T12:00:00+00:00",
    "patient": {"birth_year": 1975, "sex": "female", "weight_kg": 68, "pregnant": False, "breastfeeding": False,
                "jurisdiction": "US-FL", "time_zone": "America/New_York",
                "conditions": ["fibromyalgia", "seizure_disorder"]},
    "products": [{"id": "p1", "name": "Red vein powder", "form": "powder", "unit_mass_g": None,
                  "mitragynine_mg_per_g": 15.0, "hydroxymitragynine_mg_per_g": 0.1, "lab_tested": True}],
    "doses": [{"taken_at": "2026-11-19T08:00:00+00:00", "product": "p1", "amount": 3, "unit": "g"}],
    "medications": [{"name": "oxycodone", "rxnorm": "7804", "start": "2026-01-01", "stop": None}],
    "labs": [{"collected_at": "2026-11-18T09:00:00+00:00", "code": "ALT", "value": 250, "unit": "U/L", "uln": 40}],
    "checkins": [{"at": "2026-11-19T20:00:00+00:00", "pain": 6, "symptoms": {"nausea": 1, "jaundice": 0}}],
    "questionnaires": [{"instrument": "dsm5-kud", "at": "2026-11-10T10:00:00+00:00",
                        "answers": [1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1]}],
    "plan": {"max_daily_leaf_g": 8, "max_doses_per_day": 3, "lab_interval_days": 90},
}


def test_it_parses_the_design_example():
    snapshot = parse_snapshot(DESIGN_EXAMPLE)
    dose = snapshot.doses[0]
    assert (dose.normalised.leaf_equivalent_g, dose.normalised.mitragynine_mg) == (3.0, 45.0)
    assert snapshot.labs[0].times_uln == 6.25
    assert snapshot.today == dt.date(2026, 11, 20)
    assert snapshot.plan is not None and snapshot.plan.max_doses_per_day == 3
    assert snapshot.questionnaires[0].answers == (1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1)


def test_unknown_fields_are_ignored():
    data = copy.deepcopy(DESIGN_EXAMPLE)
    data["future_field"] = {"anything": 1}
    data["patient"]["eye_colour"] = "green"
    assert parse_snapshot(data).patient.jurisdiction == "US-FL"


def test_without_a_time_zone_days_are_counted_in_the_offset_of_as_of():
    data = copy.deepcopy(DESIGN_EXAMPLE)
    del data["patient"]["time_zone"]
    data["as_of"] = "2026-11-20T01:00:00+09:00"
    assert parse_snapshot(data).today == dt.date(2026, 11, 20)


def _with(path: str, value):
    data = copy.deepcopy(DESIGN_EXAMPLE)
    target = data
    parts = path.split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is KeyError:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return data


BAD = [
    ("schema", "speciosa.snapshot/9", "schema"),
    ("as_of", KeyError, "as_of"),
    ("as_of", "2026-11-20T12:00:00", "as_of"),
    ("patient", KeyError, "patient"),
    ("doses", KeyError, "doses"),
    ("doses", {"not": "a list"}, "doses"),
    ("doses.0.unit", "capsule", "doses[0].unit"),
    ("doses.0.amount", True, "doses[0].amount"),
    ("doses.0.amount", -2, "doses[0].amount"),
    ("doses.0.product", "p9", "doses[0].product"),
    ("doses.0.taken_at", "yesterday", "doses[0].taken_at"),
    ("products.0.form", "gummy", "products[0].form"),
    ("labs.0.uln", KeyError, "labs[0].uln"),
    ("labs.0.code", "CRP", "labs[0].code"),
    ("labs.0.value", "high", "labs[0].value"),
    ("patient.pregnant", "no", "patient.pregnant"),
    ("patient.time_zone", "Mars/Olympus", "patient.time_zone"),
    ("checkins.0.pain", 11, "checkins[0].pain"),
    ("questionnaires.0.answers", "11000", "questionnaires[0].answers"),
    ("plan.max_daily_leaf_g", False, "plan.max_daily_leaf_g"),
    ("medications.0.start", "01/01/2026", "medications[0].start"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD, ids=[f"{p}={v!r}" for p, v, _ in BAD])
def test_a_bad_snapshot_names_the_field(path, value, field):
    with pytest.raises(InputError) as caught:
        parse_snapshot(_with(path, value))
    assert caught.value.field == field


def test_a_capsule_dose_without_unit_mass_names_the_product_field():
    data = copy.deepcopy(DESIGN_EXAMPLE)
    data["products"][0]["form"] = "capsule"
    data["doses"][0]["unit"] = "capsule"
    with pytest.raises(InputError) as caught:
        parse_snapshot(data)
    assert caught.value.field == "products[0].unit_mass_g"


def test_a_snapshot_that_is_not_an_object_is_refused():
    with pytest.raises(InputError) as caught:
        parse_snapshot([1, 2])
    assert "expected an object" in str(caught.value)
