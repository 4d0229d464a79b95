"""A patient downloads everything Speciosa holds about them: one zip with JSON and a CSV per table."""

import csv
import io
import json
import zipfile

import pytest
from django.test import Client

from speciosa.audit.domain import patient_ref_of, record_access
from speciosa.diary.privacy import patient_tables
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def table(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8-sig"))))


@pytest.fixture
def shared(cast: Cast) -> Cast:
    """The cast, with bob's read of alice's timeline in her audit log."""
    record_access(actor=cast.bob.user, patient=cast.alice.user, action="read", what="timeline")
    return cast


def test_the_page_download_holds_the_diary_the_shares_and_the_audit_log(shared):
    response = shared.alice.client.get("/accounts/privacy/all-my-data.zip")
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    assert response["Content-Disposition"].startswith('attachment; filename="speciosa-alice-all-data-')
    files = unzip(response.content)
    assert {"README.txt", "speciosa.json", "diary/doses.csv", "diary/checkins.csv", "diary/profile.csv",
            "clinic.share.csv", "audit.auditentry.csv"} <= set(files)
    assert [row["note"] for row in table(files, "diary/checkins.csv")] == ["alice's private note"]
    assert [(row["clinician_id"], row["scopes"]) for row in table(files, "clinic.share.csv")] == [
        (str(shared.bob.user.pk), '["diary", "checkins", "medical", "notes"]'),
        (str(shared.fay.user.pk), '["diary", "checkins"]'),
        (str(shared.erin.user.pk), '["diary", "checkins", "medical", "notes"]')]
    assert "code_digest" not in files["clinic.share.csv"].decode()
    assert [(row["actor_label"], row["what"]) for row in table(files, "audit.auditentry.csv")] == [
        ("bob (clinician)", "timeline")]


def test_the_json_document_holds_the_same_in_one_place(shared):
    files = unzip(shared.alice.client.get("/accounts/privacy/all-my-data.zip").content)
    data = json.loads(files["speciosa.json"])
    assert (data["schema"], data["patient_ref"]) == ("speciosa.archive/1", patient_ref_of(shared.alice.user))
    assert [checkin["note"] for checkin in data["diary"]["checkins"]] == ["alice's private note"]
    assert [row["what"] for row in data["tables"]["audit.auditentry"]] == ["timeline"]
    assert set(data["tables"]) == {model._meta.label_lower for model in patient_tables()}


def test_nothing_of_another_patient_is_in_the_download(shared):
    record_access(actor=shared.bob.user, patient=shared.charlie.user, action="read", what="charlies labs")
    content = b"".join(unzip(shared.alice.client.get("/accounts/privacy/all-my-data.zip").content).values())
    assert b"charlie" not in content.lower()
    assert b"charlies labs" not in content


def test_every_table_keyed_by_a_patient_is_exported():
    labels = {model._meta.label_lower for model in patient_tables()}
    assert {"clinic.share", "audit.auditentry", "safety.storedalert", "safety.alertentry"} <= labels
    assert "diary.dose" not in labels  # the diary's own export covers its tables


def test_the_api_gives_the_same_zip_to_the_patient_only(shared):
    response = Client().get("/api/v1/me/archive", headers=shared.alice.bearer())
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    assert "speciosa.json" in unzip(response.content)
    refused = Client().get("/api/v1/me/archive", headers=shared.bob.bearer())
    assert (refused.status_code, refused.json()["detail"][0]["field"]) == (403, "role")
    assert Client().get("/api/v1/me/archive").status_code == 401


@pytest.mark.parametrize("path", ["/accounts/privacy/", "/accounts/privacy/all-my-data.zip"])
def test_only_patients_reach_the_data_page(cast, path):
    assert cast.bob.client.get(path).status_code == 403
    assert Client().get(path).status_code == 302
