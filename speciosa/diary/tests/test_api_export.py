"""GET /me/export: the signed-in patient's own data, as JSON or as a zip of CSV files."""

import io
import zipfile

import pytest
import time_machine

from speciosa.diary.export import export_data

pytestmark = pytest.mark.django_db


def test_the_json_export_is_the_export_data(cast):
    response = cast.alice.client.get("/api/v1/me/export", {"format": "json"})
    assert (response.status_code, response["Content-Type"]) == (200, "application/json; charset=utf-8")
    body = response.json()
    expected = export_data(cast.alice.user)
    assert {k: v for k, v in body.items() if k != "exported_at"} == {
        k: v for k, v in expected.items() if k != "exported_at"}


def test_json_is_the_default_format(cast):
    response = cast.alice.client.get("/api/v1/me/export")
    assert (response.status_code, response.json()["profile"]["username"]) == (200, "alice")


def test_the_csv_export_is_a_zip_to_download(cast):
    with time_machine.travel("2026-06-15T16:00:00Z", tick=False):
        response = cast.alice.client.get("/api/v1/me/export", {"format": "csv"})
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200, "application/zip", 'attachment; filename="speciosa-alice-20260615.zip"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["checkins.csv", "doses.csv", "labs.csv", "medications.csv",
                                              "products.csv", "profile.csv", "revisions.csv"]
        assert "alice's private note" in archive.read("checkins.csv").decode("utf-8-sig")
