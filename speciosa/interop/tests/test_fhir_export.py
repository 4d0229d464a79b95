"""The FHIR export: what each part of the record becomes, and what each viewer's Bundle holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from speciosa.clinic.access import open_record
from speciosa.diary.domain import create_product, delete_dose, record_dose
from speciosa.diary.models import Dose
from speciosa.instruments.domain import record_response
from speciosa.interop.fhir.export import fhir_bundle, leaf_equivalent_url, structure_definition
from speciosa.interop.tests.bundles import codes_of, own_bundle, resources
from speciosa.plans.domain import publish_plan
from speciosa.safety.domain import reevaluate
from speciosa.safety.models import StoredAlert

pytestmark = pytest.mark.django_db
LOINC, RXNORM, UCUM = "http://loinc.org", "http://www.nlm.nih.gov/research/umls/rxnorm", "http://unitsofmeasure.org"


def test_the_patients_own_bundle_holds_every_part_of_the_record(alice_bundle):
    assert alice_bundle["resourceType"] == "Bundle" and alice_bundle["type"] == "collection"
    kinds = {resource["resourceType"] for resource in resources(alice_bundle)}
    assert kinds >= {"Patient", "Medication", "MedicationStatement", "Observation", "Consent"}
    assert len({entry["fullUrl"] for entry in alice_bundle["entry"]}) == len(alice_bundle["entry"])


def test_a_lab_is_an_observation_with_loinc_ucum_and_the_uln_as_reference_high(alice_bundle):
    [lab] = [obs for obs in resources(alice_bundle, "Observation") if (LOINC, "1742-6") in codes_of(obs)]
    assert lab["status"] == "final"
    assert lab["valueQuantity"] == {"value": 35, "unit": "U/L", "system": UCUM, "code": "U/L"}
    assert lab["referenceRange"] == [{"high": {"value": 40, "unit": "U/L", "system": UCUM, "code": "U/L"}}]
    assert lab["category"][0]["coding"][0]["code"] == "laboratory"


def test_a_dose_is_a_medication_statement_with_the_leaf_equivalent_extension(alice_bundle):
    medications = {entry["fullUrl"]: entry["resource"] for entry in alice_bundle["entry"]
                   if entry["resource"]["resourceType"] == "Medication"}
    [dose] = [statement for statement in resources(alice_bundle, "MedicationStatement")
              if "medicationReference" in statement]
    assert dose["extension"] == [{"url": leaf_equivalent_url(),
                                  "valueQuantity": {"value": 2.5, "unit": "g", "system": UCUM, "code": "g"}}]
    assert dose["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 2.5
    product = medications[dose["medicationReference"]["reference"]]
    alkaloids = [ingredient["itemCodeableConcept"]["text"] for ingredient in product["ingredient"]]
    assert alkaloids == ["Mitragynine", "7-Hydroxymitragynine"]
    assert product["ingredient"][0]["itemCodeableConcept"]["coding"][0]["code"] == "EP479K822J"


def test_another_medicine_carries_its_rxnorm_code(alice_bundle):
    [medicine] = [statement for statement in resources(alice_bundle, "MedicationStatement")
                  if "medicationCodeableConcept" in statement]
    assert (RXNORM, "25480") in codes_of(medicine, "medicationCodeableConcept")
    assert medicine["status"] == "active" and medicine["dosage"] == [{"text": "300 mg at night"}]


def test_pain_and_a_peg_response_are_observations_with_their_loinc_codes(cast):
    alice = cast.alice.user
    record_response(alice, instrument="peg", answers=[6, 5, 4], by=alice)
    bundle = own_bundle(alice)
    observations = resources(bundle, "Observation")
    [pain] = [obs for obs in observations if (LOINC, "72514-3") in codes_of(obs)]
    assert pain["valueQuantity"]["value"] == 5
    [peg] = [obs for obs in observations if (LOINC, "91147-9") in codes_of(obs)]
    assert peg["valueQuantity"]["value"] == 5
    assert [component["code"]["coding"][0]["code"] for component in peg["component"]] == [
        "75893-8", "91145-3", "91146-1"]
    [questionnaire] = resources(bundle, "Questionnaire")
    [response] = resources(bundle, "QuestionnaireResponse")
    assert response["questionnaire"].split("|")[0] == questionnaire["url"]
    assert [item["answer"][0]["valueCoding"]["code"] for item in response["item"]] == ["6", "5", "4"]


def test_shares_are_consents_with_their_status_scopes_and_period(alice_bundle, cast):
    consents = {consent["identifier"][0]["value"]: consent for consent in resources(alice_bundle, "Consent")}
    assert consents[str(cast.bob_share.pk)]["status"] == "active"
    assert consents[str(cast.erin_share.pk)]["status"] == "inactive"
    assert "end" in consents[str(cast.erin_share.pk)]["provision"]["period"]
    scopes = [provision["code"][0]["coding"][0]["code"]
              for provision in consents[str(cast.fay_share.pk)]["provision"]["provision"]]
    assert scopes == list(cast.fay_share.scopes)


def test_the_plan_is_a_care_plan_with_its_limits_as_goals(cast):
    alice, bob = cast.alice.user, cast.bob.user
    publish_plan(alice, by=bob, max_daily_leaf_g=6, max_doses_per_day=3,
                 non_drug_care=[{"kind": "exercise", "goal": "Walk 20 minutes a day"}])
    bundle = own_bundle(alice)
    [plan] = resources(bundle, "CarePlan")
    assert plan["activity"][0]["detail"]["description"] == "Walk 20 minutes a day"
    goals = {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]
             if entry["resource"]["resourceType"] == "Goal"}
    limits = [goals[ref["reference"]]["target"][0]["detailQuantity"] for ref in plan["goal"]]
    assert [(limit["value"], limit["code"], limit["comparator"]) for limit in limits] == [
        (6, "g", "<="), (3, "{dose}", "<=")]


def test_a_deleted_dose_is_not_exported_and_a_7oh_dose_has_no_leaf_equivalent(cast):
    alice = cast.alice.user
    delete_dose(Dose.objects.of(alice).get(), by=alice)
    seven_oh = create_product(alice, by=alice, name="7-OH tablets", form="7oh_product", unit_mass_g=0.1,
                              hydroxymitragynine_content=150, content_basis="label")
    record_dose(alice, product=seven_oh, amount=1, unit="tablet", by=alice,
                taken_at=timezone.now() - dt.timedelta(minutes=5))
    bundle = own_bundle(alice)
    [dose] = [statement for statement in resources(bundle, "MedicationStatement") if "medicationReference" in statement]
    assert "extension" not in dose
    assert dose["dosage"][0]["doseAndRate"][0]["doseQuantity"]["code"] == "{tablet}"
    [product] = [medication for medication in resources(bundle, "Medication") if "7-OH" in medication["code"]["text"]]
    assert product["ingredient"][1]["strength"]["numerator"]["value"] == 150


def test_a_clinician_with_doses_only_gets_no_medical_checkin_consent_or_audit_resource(cast):
    fay, alice = cast.fay.user, cast.alice.user
    reevaluate(alice)  # judged first, so that the alert below stays open
    StoredAlert.objects.create(patient=alice, code="LIVER_ALT_HIGH", severity="urgent", title="ALT raised",
                               message="ALT is raised while taking Gabapentin.", action="Review Gabapentin.",
                               evidence={"medication": "Gabapentin"}, first_seen=timezone.now(),
                               last_seen=timezone.now())
    cast.fay_share.scopes = ["diary"]
    cast.fay_share.save()
    bundle = fhir_bundle(open_record(fay, alice.pk, "diary", action=None))
    kinds = {resource["resourceType"] for resource in resources(bundle)}
    assert kinds == {"Patient", "Medication", "MedicationStatement", "DetectedIssue"}
    assert all("medicationReference" in statement for statement in resources(bundle, "MedicationStatement"))
    [alert] = [issue for issue in resources(bundle, "DetectedIssue") if issue["code"]["text"] == "ALT raised"]
    assert (alert["severity"], alert["code"]) == ("high", {"text": "ALT raised"})
    assert not {"detail", "evidence", "mitigation"} & set(alert)
    assert "Gabapentin" in str(own_bundle(alice))  # the patient reads her own alert's wording


def test_the_transaction_variant_posts_every_entry_and_creates_the_patient_once(alice_bundle, cast):
    bundle = own_bundle(cast.alice.user, kind="transaction")
    assert bundle["type"] == "transaction"
    assert all(entry["request"]["method"] == "POST" for entry in bundle["entry"])
    patient_entry = bundle["entry"][0]
    assert patient_entry["request"]["url"] == "Patient"
    assert patient_entry["request"]["ifNoneExist"].endswith(f"|{cast.alice.user.pk}")
    assert all("id" not in entry["resource"] for entry in bundle["entry"])
    assert [entry["fullUrl"] for entry in bundle["entry"]] == [entry["fullUrl"] for entry in alice_bundle["entry"]]


def test_the_extension_is_published_at_its_canonical_address(client):
    definition = structure_definition("leaf-equivalent")
    assert definition["url"] == leaf_equivalent_url()
    response = client.get("/fhir/StructureDefinition/leaf-equivalent")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/fhir+json")
    assert response.json() == definition
    assert client.get("/fhir/StructureDefinition/nothing-here").status_code == 404


def test_the_export_takes_a_fixed_number_of_queries_whatever_the_length_of_the_record(cast,
                                                                                        django_assert_max_num_queries):
    alice = cast.alice.user
    own_bundle(alice)  # alerts judged once, as after any write
    for minutes in range(1, 40):
        record_dose(alice, product=cast.alice_product, amount=1, unit="g", by=alice,
                    taken_at=timezone.now() - dt.timedelta(minutes=minutes))
        record_response(alice, instrument="nrs", answers=[minutes % 10], by=alice)
    own_bundle(alice)
    with django_assert_max_num_queries(20):
        own_bundle(alice)
