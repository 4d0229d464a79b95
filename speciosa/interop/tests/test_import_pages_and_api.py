"""The import page (upload, preview, import) and the import endpoints, for the patient's own diary."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from speciosa.diary.models import Dose, Product
from speciosa.testing import make_patient, signed_in

pytestmark = pytest.mark.django_db

KRATOM_TRACKER = ("date,time,iso_timestamp,strain_code,strain_name,amount_g,notes\n"
                  "2026-01-05,08:00,2026-01-05T08:00:00.000,MD,Maeng Da,2.5,\n"
                  "2026-01-05,09:00,2026-01-05T09:00:00.000,MD,Maeng Da,-1,\n")


@pytest.fixture
def pat():
    return signed_in(make_patient("pat"))


def _upload(text: str = KRATOM_TRACKER, **fields: str) -> dict:
    return {"file": SimpleUploadedFile("export.csv", text.encode(), content_type="text/csv"),
            "source": "kratom-tracker", "rating_scale": "0-10", **fields}


def test_the_page_previews_then_imports_on_confirmation(pat):
    url = reverse("interop:import_csv")
    preview = pat.client.post(url, _upload())
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "5 Jan 2026 08:00: 2.5 g of Maeng Da" in page
    assert "amount: must be greater than 0" in page and "<td>3</td>" in page
    assert Dose.objects.filter(patient=pat.user).count() == 0
    digest = preview.context["digest"]
    done = pat.client.post(url, {"digest": digest})
    assert (done.status_code, done["Location"]) == (302, reverse("diary:timeline"))
    assert list(Dose.objects.filter(patient=pat.user).values_list("amount", "product__name")) == [
        (pytest.approx(2.5), "Maeng Da")]
    again = pat.client.post(url, {"digest": digest})  # the preview was used up
    assert again.status_code == 302 and Dose.objects.filter(patient=pat.user).count() == 1


def test_a_file_that_is_not_the_chosen_apps_is_refused_beside_the_file_field(pat):
    response = pat.client.post(reverse("interop:import_csv"), _upload("a,b\n1,2\n"))
    assert response.status_code == 422
    assert response.context["form"].errors == {"file": [
        "is not a Kratom Tracker export: it needs the columns amount_g and iso_timestamp (or date and time)"]}


def test_a_column_mapping_on_the_page_names_the_field_it_lacks(pat):
    response = pat.client.post(reverse("interop:import_csv"),
                               _upload(source="own-doses", col_when="iso_timestamp", col_amount="amount_g"))
    assert response.status_code == 422
    assert response.context["form"].errors == {"col_unit": ["name its column, or give one value for every row"]}
    mapped = pat.client.post(reverse("interop:import_csv"),
                             _upload(source="own-doses", col_when="iso_timestamp", col_amount="amount_g",
                                     fixed_unit="g", col_product="strain_name"))
    assert mapped.status_code == 200 and len(mapped.context["plan"].doses) == 1


def test_the_api_previews_and_commits_the_same_plan(pat):
    body = {"preset": "kratom-tracker", "content": KRATOM_TRACKER}
    preview = pat.client.post("/api/v1/me/import/csv/preview", body, content_type="application/json",
                              headers=pat.bearer())
    assert preview.status_code == 200
    assert {key: preview.json()[key] for key in ("committed", "doses", "new_products", "skipped", "time_zone")} == {
        "committed": False, "doses": 1, "new_products": ["Maeng Da"], "time_zone": "America/New_York",
        "skipped": [{"line": 3, "reason": "amount: must be greater than 0"}]}
    assert Product.objects.filter(patient=pat.user).count() == 0
    done = pat.client.post("/api/v1/me/import/csv", body, content_type="application/json", headers=pat.bearer())
    assert (done.status_code, done.json()["committed"], Dose.objects.filter(patient=pat.user).count()) == (200, True, 1)


@pytest.mark.parametrize(("body", "field"), [
    ({"preset": "daylio", "content": KRATOM_TRACKER}, "preset"),
    ({"content": KRATOM_TRACKER, "mapping": {"kind": "doses", "columns": {"amount": "amount_g"}}}, "mapping.taken_at"),
    ({"preset": "bearable", "content": "x\u0000"}, "content"),
    ({"preset": "bearable", "content": "a", "extra": 1}, "extra"),
])
def test_the_api_refuses_bad_input_naming_the_field(pat, body, field):
    response = pat.client.post("/api/v1/me/import/csv", body, content_type="application/json", headers=pat.bearer())
    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == [field]
