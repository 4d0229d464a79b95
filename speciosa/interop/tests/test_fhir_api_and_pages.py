"""FHIR over the API and the pages: who gets what, the audit entries, and the import's preview then confirmation."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from speciosa.audit.models import AuditEntry
from speciosa.diary.models import LabResult, Revision
from speciosa.interop.tests.test_fhir_import import ehr_bundle

pytestmark = pytest.mark.django_db


def test_the_patient_downloads_her_bundle_as_fhir_json(cast):
    response = cast.alice.client.get("/api/v1/me/fhir", headers=cast.alice.bearer())
    assert response.status_code == 200 and response["Content-Type"].startswith("application/fhir+json")
    assert json.loads(response.content)["type"] == "collection"
    transaction = cast.alice.client.get("/api/v1/me/fhir?type=transaction", headers=cast.alice.bearer())
    assert json.loads(transaction.content)["type"] == "transaction"
    assert cast.alice.client.get("/api/v1/me/fhir?type=batch", headers=cast.alice.bearer()).status_code == 422


def test_a_clinicians_export_holds_only_what_is_shared_and_is_audited_with_its_parts(cast):
    alice = cast.alice.user
    response = cast.fay.client.get(f"/api/v1/clinic/patients/{alice.pk}/fhir", headers=cast.fay.bearer())
    assert response.status_code == 200
    kinds = {entry["resource"]["resourceType"] for entry in json.loads(response.content)["entry"]}
    assert "Consent" not in kinds and "AuditEvent" not in kinds
    assert not any(entry["resource"].get("code", {}).get("coding", [{}])[0].get("code") == "1742-6"
                   for entry in json.loads(response.content)["entry"])  # fay holds no medical scope
    entry = AuditEntry.objects.filter(patient=alice, actor=cast.fay.user).get()
    assert (entry.action, entry.what) == ("export", "FHIR record (doses and products, check-ins and questionnaires)")
    dave = cast.dave.client.get(f"/api/v1/clinic/patients/{alice.pk}/fhir", headers=cast.dave.bearer())
    assert dave.status_code == 404


def test_a_clinician_imports_with_the_medical_scope_and_permission_to_edit_and_it_is_audited(cast):
    alice = cast.alice.user
    url = f"/api/v1/clinic/patients/{alice.pk}/fhir/import"
    body = json.dumps(ehr_bundle())
    preview = cast.bob.client.post(url, body, content_type="application/json", headers=cast.bob.bearer())
    assert preview.status_code == 200
    assert preview.json()["committed"] is False and preview.json()["counts"]["new"] == 5
    before = LabResult.objects.of(alice).count()
    stored = cast.bob.client.post(f"{url}?commit=true", body, content_type="application/json",
                                  headers=cast.bob.bearer())
    assert stored.status_code == 200 and stored.json()["committed"] is True
    assert LabResult.objects.of(alice).count() == before + 3
    assert list(AuditEntry.objects.filter(patient=alice, actor=cast.bob.user).order_by("id")
                .values_list("action", "what")) == [("read", "FHIR import preview"),
                                                    ("write", "FHIR import: 3 labs, 2 medicines")]
    refused = cast.fay.client.post(f"{url}?commit=true", body, content_type="application/json",
                                   headers=cast.fay.bearer())
    assert refused.status_code == 404


def test_a_body_that_is_not_a_bundle_is_a_422_naming_the_file(cast):
    response = cast.alice.client.post("/api/v1/me/fhir/import", "[1, 2]", content_type="application/json",
                                      headers=cast.alice.bearer())
    assert response.status_code == 422
    assert response.json() == {"detail": [{"field": "file", "message": "is not a FHIR Bundle (its resourceType is "
                                                                       "'list')"}]}


def test_the_page_previews_an_upload_then_stores_it_on_confirmation(cast):
    alice, client = cast.alice.user, cast.alice.client
    assert client.get("/fhir/").status_code == 200
    upload = SimpleUploadedFile("record.json", json.dumps(ehr_bundle()).encode(), content_type="application/json")
    before = LabResult.objects.of(alice).count()
    preview = client.post("/fhir/import/", {"file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "5 records would be added" in page and "Cannot be used" in page and "no upper limit of normal" in page
    assert LabResult.objects.of(alice).count() == before
    confirmed = client.post("/fhir/import/", {"confirm": "1", "bundle": preview.context["bundle"]})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/labs/"
    assert LabResult.objects.of(alice).count() == before + 3


def test_the_page_says_what_is_wrong_with_a_file_that_is_not_fhir(cast):
    upload = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    response = cast.alice.client.post("/fhir/import/", {"file": upload})
    assert response.status_code == 422 and "The file is not JSON" in response.content.decode()


def test_a_clinician_downloads_a_shared_record_from_the_page(cast):
    response = cast.bob.client.get(f"/fhir/patients/{cast.alice.user.pk}/download/?type=transaction")
    assert response.status_code == 200 and b'"transaction"' in response.content
    assert cast.dave.client.get(f"/fhir/patients/{cast.alice.user.pk}/download/").status_code == 403


def test_a_clinician_previews_then_imports_from_the_patients_page_and_both_are_audited(cast):
    alice, bob = cast.alice.user, cast.bob
    page = bob.client.get(reverse("clinic:patient", args=[alice.pk]), {"tab": "report"}).content.decode()
    assert reverse("fhir:patient_import", args=[alice.pk]) in page
    upload = SimpleUploadedFile("record.json", json.dumps(ehr_bundle()).encode(), content_type="application/json")
    before = LabResult.objects.of(alice).count()
    preview = bob.client.post(reverse("fhir:patient_import", args=[alice.pk]), {"file": upload})
    assert preview.status_code == 200 and "5 records would be added to alice" in preview.content.decode()
    confirmed = bob.client.post(reverse("fhir:patient_import", args=[alice.pk]),
                                {"confirm": "1", "bundle": preview.context["bundle"]})
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("clinic:patient", args=[alice.pk])
    assert LabResult.objects.of(alice).count() == before + 3
    assert LabResult.objects.of(alice).latest("id").pk == Revision.objects.filter(
        patient=alice, changed_by=bob.user, record_type="labresult").latest("id").record_id
    whats = list(AuditEntry.objects.filter(patient=alice, actor=bob.user, what__startswith="FHIR")
                 .order_by("id").values_list("what", flat=True))
    assert whats == ["FHIR import preview", "FHIR import: 3 labs, 2 medicines"]
    fay = cast.fay.client.post(reverse("fhir:patient_import", args=[alice.pk]),
                               {"file": SimpleUploadedFile("r.json", b"{}")})
    assert fay.status_code == 403  # her share holds no medicines and labs, nor may she edit the plan
