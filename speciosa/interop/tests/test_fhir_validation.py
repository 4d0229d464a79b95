"""Every exported Bundle passes an independent validator (tools/fhir-validate: @medplum/core's validateResource over
the FHIR 4.0.1 definitions, plus its check of required bindings and reference targets, which medplum skips).

Skipped with the reason when Node.js or the validator's packages are missing; CI (SPECIOSA_REQUIRE_FHIR_VALIDATOR=1)
fails instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from speciosa.accounts.domain import update_profile
from speciosa.accounts.models import User
from speciosa.clinic.access import open_record
from speciosa.diary.domain import create_product, delete_dose, record_dose
from speciosa.diary.models import Dose
from speciosa.instruments.domain import record_response
from speciosa.interop.fhir.export import fhir_bundle, structure_definition
from speciosa.interop.tests.bundles import own_bundle
from speciosa.interop.tests.validator import require_validator, validate
from speciosa.plans.domain import publish_plan
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db


def _clean(reports: dict[str, dict[str, Any]]) -> dict[str, list]:
    return {name: report["errors"] for name, report in reports.items() if report["errors"]}


def test_the_demo_patients_bundles_have_no_errors():
    require_validator()
    from speciosa.demo import load_demo

    load_demo(patients=25, min_days=14, max_days=20)
    bundles = {}
    for patient in User.objects.filter(username__startswith="patient").order_by("username"):
        bundles[patient.username] = own_bundle(patient)
        bundles[f"{patient.username} (transaction)"] = own_bundle(patient, kind="transaction")
    assert len(bundles) == 50
    reports = validate(bundles)
    assert _clean(reports) == {}
    assert sum(report["resources"] for report in reports.values()) > 1000


def test_the_edge_cases_have_no_errors(cast):
    alice, bob, fay = cast.alice.user, cast.bob.user, cast.fay.user
    # A patient with nothing but a profile: no labs, no doses.
    empty = make_patient("empty")
    # A non-ASCII name and product, a 7-OH product, a deleted dose, a questionnaire, a plan; erin's share is revoked.
    alice.first_name, alice.last_name = "Zoë", "Nguyễn-Ørsted"
    alice.save()
    update_profile(alice, birth_year=1980, sex="intersex")
    seven_oh = create_product(alice, by=alice, name="Đỏ Bali 紅 7-OH", form="7oh_product", unit_mass_g=0.1,
                              hydroxymitragynine_content=150, content_basis="label")
    record_dose(alice, product=seven_oh, amount=1, unit="tablet", by=alice,
                taken_at=timezone.now() - dt.timedelta(minutes=5))
    delete_dose(Dose.objects.of(alice).filter(product=cast.alice_product).get(), by=alice)
    record_response(alice, instrument="peg", answers=[6, 5, 4], by=alice)
    record_response(alice, instrument="phq4", answers=[1, 2, 0, 1], by=alice)
    publish_plan(alice, by=bob, max_daily_leaf_g=6, max_daily_mitragynine_mg=60, max_doses_per_day=3,
                 non_drug_care=[{"kind": "exercise", "goal": "Marcher 20 minutes — chaque jour"}])
    bundles = {
        "no labs, no doses": own_bundle(empty),
        "non-ASCII, 7-OH, deleted dose, revoked share": own_bundle(alice),
        "the same as a transaction": own_bundle(alice, kind="transaction"),
        "a clinician with every scope": fhir_bundle(open_record(bob, alice.pk, "diary", action=None)),
        "a clinician with some scopes": fhir_bundle(open_record(fay, alice.pk, "diary", action=None)),
        "the extension's StructureDefinition": structure_definition("leaf-equivalent"),
    }
    assert _clean(validate(bundles)) == {}


def test_the_validator_reports_what_medplum_misses():
    """A wrong code in a required binding and a reference to the wrong type of resource are errors (so the tests
    above can fail); medplum's validateResource alone lets both through."""
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:3f1f7c0e-0000-4000-8000-000000000001",
         "resource": {"resourceType": "Medication", "code": {"text": "x"}}},
        {"fullUrl": "urn:uuid:3f1f7c0e-0000-4000-8000-000000000002",
         "resource": {"resourceType": "Observation", "status": "done", "code": {"text": "x"},
                      "subject": {"reference": "urn:uuid:3f1f7c0e-0000-4000-8000-000000000001"},
                      "performer": [{"reference": "urn:uuid:3f1f7c0e-0000-4000-8000-00000000dead"}]}},
        {"fullUrl": "urn:uuid:3f1f7c0e-0000-4000-8000-000000000003",
         "resource": {"resourceType": "Patient", "gender": "bogus", "birthDate": "1990-13-01"}},
    ]}
    errors = validate({"bad": bundle})["bad"]["errors"]
    messages = sorted(f"{error['path']}: {error['message']}" for error in errors)
    assert any("entry[1].resource.status" in message and "observation-status" in message for message in messages)
    assert any("entry[1].resource.subject" in message and "allows Patient" in message for message in messages)
    assert any("entry[1].resource.performer[0]" in message and "does not resolve" in message for message in messages)
    assert any("entry[2].resource.gender" in message and "administrative-gender" in message for message in messages)
    assert any("birthDate" in message for message in messages), messages  # medplum's own check
