"""FHIR import: labs and medicines from an EHR's Bundle, previewed, stored in one transaction, recognised again."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from speciosa.core.errors import InputError
from speciosa.diary.domain import record_lab
from speciosa.diary.models import LabResult, Medication, Revision
from speciosa.interop.fhir.importer import commit_import, preview_import
from speciosa.interop.tests.bundles import own_bundle, resources
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db
LOINC, RXNORM, UCUM = "http://loinc.org", "http://www.nlm.nih.gov/research/umls/rxnorm", "http://unitsofmeasure.org"
DRAWN = "2026-10-02T08:15:00-04:00"


def quantity(value: float, code: str) -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def observation(loinc: str, value: float, unit: str, *, high: dict | None = None, at: str = DRAWN,
                status: str = "final") -> dict[str, Any]:
    resource = {"resourceType": "Observation", "status": status, "code": {"coding": [{"system": LOINC, "code": loinc}]},
                "subject": {"reference": "Patient/p1"}, "effectiveDateTime": at, "valueQuantity": quantity(value, unit)}
    if high is not None:
        resource["referenceRange"] = [{"high": high}]
    return resource


def ehr_bundle() -> dict[str, Any]:
    """A Bundle as a patient portal gives it: labs in mixed units, medicines coded two ways, things to skip."""
    return {"resourceType": "Bundle", "type": "searchset", "entry": [
        {"fullUrl": "https://ehr.example/fhir/Patient/p1", "resource": {"resourceType": "Patient", "id": "p1"}},
        {"resource": observation("1742-6", 52, "U/L", high=quantity(40, "U/L"))},
        {"resource": observation("1975-2", 25.65, "umol/L", high=quantity(1.2, "mg/dL"))},
        {"resource": observation("6301-6", 1.1, "1")},  # UCUM's unity, as many EHRs send INR
        {"resource": observation("2093-3", 190, "mg/dL")},  # cholesterol: not kept
        {"resource": observation("1920-8", 30, "U/L")},  # AST without its upper limit of normal
        {"resource": observation("6768-6", 80, "mmol/L", high=quantity(120, "U/L"))},  # a unit ALP is never in
        {"resource": observation("2324-2", 30, "U/L", high=quantity(55, "U/L"), status="preliminary")},
        {"resource": {"resourceType": "MedicationStatement", "status": "active", "subject": {"reference": "Patient/p1"},
                      "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": "32937",
                                                                "display": "paroxetine"}]},
                      "effectivePeriod": {"start": "2026-03-01"}, "dosage": [{"text": "20 mg each morning"}]}},
        {"fullUrl": "https://ehr.example/fhir/Medication/m1",
         "resource": {"resourceType": "Medication", "id": "m1",
                      "code": {"coding": [{"system": RXNORM, "code": "6809", "display": "metformin"}],
                               "text": "Metformin 500 mg tablet"}}},
        {"resource": {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
                      "subject": {"reference": "Patient/p1"}, "authoredOn": "2026-05-04",
                      "medicationReference": {"reference": "Medication/m1"},
                      "dosageInstruction": [{"text": "1 tablet twice a day"}]}},
        {"resource": {"resourceType": "MedicationRequest", "status": "cancelled", "intent": "order",
                      "subject": {"reference": "Patient/p1"},
                      "medicationCodeableConcept": {"text": "Tramadol"}}},
    ]}


def statuses(report) -> list[str]:
    return [entry.status for entry in report.entries]


def test_the_preview_says_what_becomes_of_each_entry_and_stores_nothing():
    dana = make_patient("dana")
    report = preview_import(dana, json.dumps(ehr_bundle()), by=dana)
    assert statuses(report) == ["skipped", "new", "new", "new", "skipped", "error", "error", "skipped", "new",
                                "skipped", "new", "skipped"]
    errors = {entry.index: (entry.message, entry.field) for entry in report.entries if entry.status == "error"}
    assert "no upper limit of normal" in errors[6][0] and errors[6][1] == "Bundle.entry[5].resource.referenceRange"
    assert "'mmol/L' is not a unit Speciosa reads for ALP" in errors[7][0]
    assert errors[7][1] == "Bundle.entry[6].resource.valueQuantity"
    assert "not one of the liver tests" in report.entries[4].message
    assert not LabResult.objects.filter(patient=dana).exists()
    assert not Medication.objects.filter(patient=dana).exists()
    assert not Revision.objects.filter(patient=dana).exists()


def test_the_import_stores_the_usable_entries_with_units_converted_and_a_revision_each():
    dana = make_patient("dana")
    report = commit_import(dana, json.dumps(ehr_bundle()).encode(), by=dana)
    assert (report.stored_labs, report.stored_medicines) == (3, 2)
    labs = {lab.code: lab for lab in LabResult.objects.of(dana)}
    assert (labs["ALT"].value, labs["ALT"].unit, labs["ALT"].uln) == (Decimal(52), "U/L", Decimal(40))
    # Bilirubin stays in the unit it was measured in; its upper limit (mg/dL) is converted into it: 1.2 x 17.1.
    assert (labs["TBIL"].value, labs["TBIL"].unit, labs["TBIL"].uln) == (Decimal("25.65"), "µmol/L", Decimal("20.52"))
    assert labs["TBIL"].times_uln == pytest.approx(1.25)
    assert (labs["INR"].unit, labs["INR"].uln) == ("ratio", None)
    assert labs["ALT"].collected_at == dt.datetime(2026, 10, 2, 12, 15, tzinfo=dt.UTC)
    medicines = {medicine.rxnorm: medicine for medicine in Medication.objects.of(dana)}
    assert (medicines["32937"].name, medicines["32937"].dose_text, medicines["32937"].start) == (
        "paroxetine", "20 mg each morning", dt.date(2026, 3, 1))
    assert (medicines["6809"].name, medicines["6809"].start) == ("Metformin 500 mg tablet", dt.date(2026, 5, 4))
    assert Revision.objects.filter(patient=dana, changed_by=dana).count() == 5


def test_importing_the_same_bundle_again_stores_nothing_new():
    dana = make_patient("dana")
    commit_import(dana, json.dumps(ehr_bundle()), by=dana)
    again = commit_import(dana, json.dumps(ehr_bundle()), by=dana)
    assert again.count("new") == 0 and again.count("duplicate") == 5
    assert LabResult.objects.of(dana).count() == 3 and Medication.objects.of(dana).count() == 2


def test_a_result_already_in_the_diary_in_the_other_unit_is_a_duplicate():
    dana = make_patient("dana")
    record_lab(dana, by=dana, code="TBIL", value=Decimal("1.5"), unit="mg/dL", uln=Decimal("1.2"),
               collected_at=dt.datetime.fromisoformat(DRAWN))
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": observation("1975-2", 25.65, "umol/L", high=quantity(20.5, "umol/L"))}]}
    assert statuses(preview_import(dana, json.dumps(bundle), by=dana)) == ["duplicate"]


def test_an_entry_the_diary_refuses_is_reported_and_leaves_nothing_the_others_are_stored():
    dana = make_patient("dana")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": observation("1742-6", 52, "U/L", high=quantity(40, "U/L"))},
        {"resource": observation("1742-6", 52, "U/L", high=quantity(40, "U/L"), at="2999-01-01T00:00:00Z")},
        {"resource": observation("1742-6", 52, "U/L", high=quantity(40, "U/L"), at="2026-10-03")},
    ]}
    report = commit_import(dana, json.dumps(bundle), by=dana)
    assert statuses(report) == ["new", "error", "error"]
    assert "in the future" in report.entries[1].message
    assert "no time of day" in report.entries[2].message
    assert report.entries[2].field == "Bundle.entry[2].resource.effectiveDateTime"
    assert LabResult.objects.of(dana).count() == 1 and Revision.objects.filter(patient=dana).count() == 1


def test_an_invalid_resource_is_an_error_naming_where():
    dana = make_patient("dana")
    broken = observation("1742-6", 52, "U/L", high=quantity(40, "U/L"))
    broken["valueQuantity"]["value"] = "lots"
    report = preview_import(dana, json.dumps({"resourceType": "Bundle", "type": "collection",
                                              "entry": [{"resource": broken}]}), by=dana)
    [entry] = report.entries
    assert entry.status == "error" and entry.message.startswith("not valid FHIR R4")
    assert entry.field.startswith("Bundle.entry[0].resource.valueQuantity")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"\xff\xfe", "is not UTF-8 text"),
    (b"{not json", "is not JSON"),
    (b'{"resourceType": "Patient"}', "is not a FHIR Bundle (its resourceType is 'Patient')"),
    (b'{"resourceType": "Bundle", "entry": {}}', "Bundle.entry is not a list"),
])
def test_a_file_that_is_not_a_bundle_is_refused_saying_why(content, message):
    dana = make_patient("dana")
    with pytest.raises(InputError) as refused:
        preview_import(dana, content, by=dana)
    assert refused.value.field == "file" and message in refused.value.message


def _comparable(resource: dict[str, Any]) -> dict[str, Any]:
    """A lab or medicine as the record states it: without the ids, links and bookkeeping of one installation."""
    return {key: value for key, value in resource.items()
            if key not in {"id", "identifier", "subject", "dateAsserted"}}


def test_round_trip_export_import_export_gives_equivalent_labs_and_medicines(cast):
    alice = cast.alice.user
    record_lab(alice, by=alice, code="TBIL", value=Decimal("30.8"), unit="µmol/L", uln=Decimal("21"),
               collected_at=dt.datetime(2026, 9, 1, 9, 30, tzinfo=dt.UTC))
    record_lab(alice, by=alice, code="INR", value=Decimal("1.1"), collected_at=dt.datetime(2026, 9, 1, 9, 30,
                                                                                          tzinfo=dt.UTC))
    first = own_bundle(alice)
    fresh = make_patient("fresh")
    report = commit_import(fresh, json.dumps(first), by=fresh)
    assert (report.stored_labs, report.stored_medicines) == (3, 1)
    assert report.count("error") == 0
    second = own_bundle(fresh)

    def labs_and_medicines(bundle: dict[str, Any]) -> list[dict[str, Any]]:
        labs = [_comparable(obs) for obs in resources(bundle, "Observation")
                if obs["category"][0]["coding"][0]["code"] == "laboratory"]
        medicines = [_comparable(statement) for statement in resources(bundle, "MedicationStatement")
                     if "medicationCodeableConcept" in statement]
        return sorted(labs, key=json.dumps) + sorted(medicines, key=json.dumps)

    assert labs_and_medicines(second) == labs_and_medicines(first)
    assert len(labs_and_medicines(first)) == 4
    # Alice's doses, check-ins and shares travel out but are not imported: each is reported as skipped.
    skipped = {entry.resource_type for entry in report.entries if entry.status == "skipped"}
    assert {"Patient", "Medication", "MedicationStatement", "Consent"} <= skipped


def test_malformed_entries_are_errors_or_skipped_never_a_crash():
    dana = make_patient("dana")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        "not an entry",
        {"fullUrl": ["a", "list"], "resource": {"resourceType": "Observation", "code": "ALT", "status": "final"}},
        {"resource": {"resourceType": ["Observation"]}},
        {"resource": {"resourceType": "MedicationStatement", "status": "active", "subject": {"reference": "x"},
                      "medicationReference": {"reference": "Medication/missing"}}},
        {"resource": {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
                      "subject": {"reference": "x"}, "medicationCodeableConcept": {"coding": [{"code": "1"}]}}},
        {"resource": {"resourceType": "NotAType"}},
    ]}
    report = commit_import(dana, json.dumps(bundle), by=dana)
    assert statuses(report) == ["error", "error", "skipped", "error", "error", "skipped"]
    assert report.entries[3].message == "the medicine is neither coded here nor a Medication in this Bundle"
    assert "has no name" in report.entries[4].message
    assert not Medication.objects.filter(patient=dana).exists()
