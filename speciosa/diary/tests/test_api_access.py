"""Who reaches what through the API, endpoint by endpoint, with the cast (speciosa.testing).

alice owns the records under test; charlie, another patient, must get "not found" for each of them and never
a byte of their content; dave, a clinician alice has not shared with, is refused everything (so is bob, with whom
she shares: the diary API is the patient's own); no one signed in gets 401.
Each refused request must also leave the database as it was.
"""

import io
import zipfile
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from speciosa.diary.domain import record_dose, record_lab, record_medication
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product, Revision
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db

OWN_PRODUCT = "<own product>"
# Strings only alice's records hold: if one appears in someone else's answer, alice's data leaked.
ALICE_MARKERS = ("alice", "Red vein powder", "Alicemycin", "morning-dose-note", "4321.5")

RECORD_ENDPOINTS = [
    ("get", "/products/{product}", None),
    ("patch", "/products/{product}", {"name": "Renamed"}),
    ("delete", "/products/{product}", None),
    ("post", "/products/{product}/quick-log", {}),
    ("get", "/doses/{dose}", None),
    ("patch", "/doses/{dose}", {"amount": 1}),
    ("delete", "/doses/{dose}", None),
    ("get", "/doses/{dose}/history", None),
    ("get", "/checkins/{checkin}", None),
    ("patch", "/checkins/{checkin}", {"mood": 1}),
    ("delete", "/checkins/{checkin}", None),
    ("get", "/medications/{medication}", None),
    ("patch", "/medications/{medication}", {"dose_text": "changed"}),
    ("delete", "/medications/{medication}", None),
    ("get", "/labs/{lab}", None),
    ("patch", "/labs/{lab}", {"value": 1}),
    ("delete", "/labs/{lab}", None),
]
COLLECTION_ENDPOINTS = [
    ("get", "/products", None),
    ("post", "/products", {"name": "New leaf", "form": "powder"}),
    ("get", "/doses", None),
    ("post", "/doses", {"product": OWN_PRODUCT, "amount": 1, "unit": "g"}),
    ("get", "/checkins", None),
    ("post", "/checkins", {"mood": 5}),
    ("get", "/medications", None),
    ("post", "/medications", {"name": "Ibuprofen"}),
    ("get", "/labs", None),
    ("post", "/labs", {"code": "GGT", "value": 30, "uln": 60, "collected_at": "2026-06-15T09:00:00Z"}),
    ("get", "/today", None),
    ("get", "/days/2026-06-15", None),
    ("get", "/me/export", None),
    ("get", "/me/export?format=csv", None),
]
ALL_ENDPOINTS = RECORD_ENDPOINTS + COLLECTION_ENDPOINTS


def endpoint_id(endpoint: tuple) -> str:
    return f"{endpoint[0].upper()} {endpoint[1]}"


@pytest.fixture
def alice_ids(cast: Cast) -> dict[str, int]:
    alice = cast.alice.user
    record_medication(alice, by=alice, name="Alicemycin", dose_text="1 tablet")
    record_dose(alice, product=cast.alice_product, amount=3, unit="g", note="morning-dose-note", by=alice)
    record_lab(alice, by=alice, code="GGT", value=4321.5, uln=60, collected_at=timezone.now())
    return {
        "product": cast.alice_product.pk,
        "dose": Dose.objects.of(alice).filter(note="morning-dose-note").get().pk,
        "checkin": Checkin.objects.of(alice).get().pk,
        "medication": Medication.objects.of(alice).get(name="Alicemycin").pk,
        "lab": LabResult.objects.of(alice).get(code="GGT").pk,
    }


def call(client: Client, endpoint: tuple, ids: dict[str, int], own_product: int, **extra: Any) -> HttpResponse:
    method, path, body = endpoint
    url = "/api/v1" + path.format(**ids)
    if body is None:
        return getattr(client, method)(url, **extra)
    body = {key: own_product if value == OWN_PRODUCT else value for key, value in body.items()}
    return getattr(client, method)(url, body, content_type="application/json", **extra)


def text_of(response: HttpResponse) -> str:
    if response.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    return response.content.decode()


def leaks(response: HttpResponse) -> list[str]:
    body = text_of(response).lower()
    return [marker for marker in ALICE_MARKERS if marker.lower() in body]


def database_state() -> tuple:
    live = tuple(model.objects.live().count() for model in (Product, Dose, Checkin, Medication, LabResult))
    return (*live, Revision.objects.count())


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS, ids=endpoint_id)
def test_the_owner_reaches_every_endpoint(cast, alice_ids, endpoint):
    response = call(cast.alice.client, endpoint, alice_ids, cast.alice_product.pk)
    assert response.status_code in {200, 201, 204}, response.content


@pytest.mark.parametrize("endpoint", [e for e in ALL_ENDPOINTS if e[0] == "get"], ids=endpoint_id)
def test_the_owner_reads_every_endpoint_with_a_token(cast, alice_ids, endpoint):
    response = call(Client(), endpoint, alice_ids, cast.alice_product.pk, headers=cast.alice.bearer())
    assert response.status_code in {200, 201, 204}, response.content


@pytest.mark.parametrize("endpoint", RECORD_ENDPOINTS, ids=endpoint_id)
def test_another_patient_finds_none_of_alices_records(cast, alice_ids, endpoint):
    before = database_state()
    response = call(cast.charlie.client, endpoint, alice_ids, cast.charlie_product.pk)
    assert response.status_code == 404
    assert [item["field"] for item in response.json()["detail"]] == ["id"]
    assert leaks(response) == []
    assert database_state() == before


@pytest.mark.parametrize("endpoint", COLLECTION_ENDPOINTS, ids=endpoint_id)
def test_another_patients_lists_hold_only_his_own_records(cast, alice_ids, endpoint):
    response = call(cast.charlie.client, endpoint, alice_ids, cast.charlie_product.pk)
    assert response.status_code in {200, 201}
    assert leaks(response) == []


def test_another_patients_export_holds_his_own_record(cast, alice_ids):
    text = text_of(cast.charlie.client.get("/api/v1/me/export?format=csv"))
    assert ("charlie's private note" in text, "Charlie's green" in text) == (True, True)


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS, ids=endpoint_id)
@pytest.mark.parametrize("who", ["dave", "bob"])
def test_a_clinician_is_refused_with_or_without_a_share(cast, alice_ids, endpoint, who):
    before = database_state()
    response = call(cast.everyone()[who].client, endpoint, alice_ids, cast.alice_product.pk)
    assert response.status_code == 403
    assert [item["field"] for item in response.json()["detail"]] == ["role"]
    assert leaks(response) == []
    assert database_state() == before


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS, ids=endpoint_id)
def test_no_one_signed_in_is_refused_even_with_a_made_up_token(cast, alice_ids, endpoint):
    before = database_state()
    anonymous = call(Client(), endpoint, alice_ids, cast.alice_product.pk)
    made_up = call(Client(), endpoint, alice_ids, cast.alice_product.pk,
                   headers={"Authorization": "Bearer not-a-real-token"})
    refusal = {"detail": [{"field": "authorization", "message": "sign in or send a bearer token"}]}
    assert [(r.status_code, r.json()) for r in (anonymous, made_up)] == [(401, refusal), (401, refusal)]
    assert database_state() == before


@pytest.mark.parametrize("endpoint", [e for e in RECORD_ENDPOINTS if e[0] == "get"], ids=endpoint_id)
def test_the_markers_would_show_a_leak(cast, alice_ids, endpoint):
    # The same request by alice carries her markers, so their absence from charlie's answers means something.
    response = call(cast.alice.client, endpoint, alice_ids, cast.alice_product.pk)
    assert leaks(response) != []
