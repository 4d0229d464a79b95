"""Bad input through the API: each is refused with its status and the field it names; nothing is stored."""

import datetime as dt

import pytest
from django.utils import timezone

from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product, Revision
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db

ALICES_PRODUCT = "<alice's product>"
CHARLIES_PRODUCT = "<charlie's product>"
AT_NINE = "2026-06-15T09:00:00Z"
FAR_FUTURE = (timezone.now() + dt.timedelta(days=3)).isoformat()
HUNDRED_KB = "x" * 100_000


def dose(**changes: object) -> dict[str, object]:
    return {"product": ALICES_PRODUCT, "amount": 3, "unit": "g", **changes}


# (case, path, body, status, field)
CASES = [
    ("negative amount", "/doses", dose(amount=-1), 422, "amount"),
    ("zero amount", "/doses", dose(amount=0), 422, "amount"),
    ("500 g in one dose", "/doses", dose(amount=500), 422, "amount"),
    ("unit not fitting the form", "/doses", dose(unit="ml"), 422, "unit"),
    ("unknown unit", "/doses", dose(unit="spoon"), 422, "unit"),
    ("unknown product", "/doses", dose(product=987654), 422, "product"),
    ("another patient's product", "/doses", dose(product=CHARLIES_PRODUCT), 422, "product"),
    ("product id beyond 64 bits", "/doses", dose(product=2**70), 422, "product"),
    ("taken_at far in the future", "/doses", dose(taken_at=FAR_FUTURE), 422, "taken_at"),
    ("naive taken_at", "/doses", dose(taken_at="2026-06-15T08:00:00"), 422, "taken_at"),
    ("taken_at in year 1", "/doses", dose(taken_at="0001-01-01T00:00:00+14:00"), 422, "taken_at"),
    ("boolean amount", "/doses", dose(amount=True), 422, "amount"),
    ("text amount", "/doses", dose(amount="three"), 422, "amount"),
    ("NUL in a dose note", "/doses", dose(note="before\x00after"), 422, "note"),
    ("100 KB dose note", "/doses", dose(note=HUNDRED_KB), 422, "note"),
    ("unknown reason", "/doses", dose(reason="boredom"), 422, "reason"),
    ("misspelt field", "/doses", dose(amout=3), 422, "amout"),
    ("missing amount", "/doses", {"product": ALICES_PRODUCT, "unit": "g"}, 422, "amount"),
    ("a list for a body", "/doses", [1, 2], 422, "body"),
    ("lab value without its uln", "/labs", {"code": "ALT", "value": 80, "collected_at": AT_NINE}, 422, "uln"),
    ("unknown lab code", "/labs", {"code": "XYZ", "value": 8, "uln": 9, "collected_at": AT_NINE}, 422,
     "code"),
    ("boolean lab value", "/labs", {"code": "ALT", "value": False, "uln": 40, "collected_at": AT_NINE}, 422,
     "value"),
    ("naive collected_at", "/labs", {"code": "ALT", "value": 8, "uln": 40, "collected_at": AT_NINE[:-1]}, 422,
     "collected_at"),
    ("NUL in a check-in note", "/checkins", {"note": "\x00"}, 422, "note"),
    ("100 KB check-in note", "/checkins", {"mood": 5, "note": HUNDRED_KB}, 422, "note"),
    ("rating above 10", "/checkins", {"pain_now": 11}, 422, "pain_now"),
    ("boolean rating", "/checkins", {"pain_now": True}, 422, "pain_now"),
    ("fractional symptom grade", "/checkins", {"side_effects": {"nausea": 1.5}}, 422, "side_effects.nausea"),
    ("empty check-in", "/checkins", {}, 422, "pain_now"),
    ("naive check-in time", "/checkins", {"mood": 5, "at": "2026-06-15T20:00:00"}, 422, "at"),
    ("NUL in a medicine name", "/medications", {"name": "Ibu\x00profen"}, 422, "name"),
    ("100 KB medicine name", "/medications", {"name": HUNDRED_KB}, 422, "name"),
    ("RxNorm code with letters", "/medications", {"name": "Ibuprofen", "rxnorm": "abc"}, 422, "rxnorm"),
    ("NUL in a product name", "/products", {"name": "Red\x00", "form": "powder"}, 422, "name"),
    ("unknown form", "/products", {"name": "Leaf", "form": "gummy"}, 422, "form"),
    ("boolean content", "/products", {"name": "Leaf", "form": "powder", "mitragynine_content": True}, 422,
     "mitragynine_content"),
    ("number for a yes/no", "/products", {"name": "Leaf", "form": "powder", "favourite": 1}, 422,
     "favourite"),
    ("capsules without their weight", "/products", {"name": "Caps", "form": "capsule"}, 422, "unit_mass_g"),
]


def stored() -> tuple:
    return tuple(model.objects.count() for model in (Product, Dose, Checkin, Medication, LabResult, Revision))


def resolve(body: object, cast: Cast) -> object:
    if not isinstance(body, dict):
        return body
    products = {ALICES_PRODUCT: cast.alice_product.pk, CHARLIES_PRODUCT: cast.charlie_product.pk}
    return {key: products.get(value, value) if isinstance(value, str) else value
            for key, value in body.items()}


@pytest.mark.parametrize(("case", "path", "body", "status", "field"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_refused_naming_the_field(cast, case, path, body, status, field):
    before = stored()
    response = cast.alice.client.post(f"/api/v1{path}", resolve(body, cast),
                                          content_type="application/json")
    assert response.status_code == status
    detail = response.json()["detail"]
    assert [item["field"] for item in detail] == [field]
    assert all(item["message"] for item in detail)
    assert stored() == before


@pytest.mark.parametrize("raw", ["{", '{"amount": 3,}', "[" * 100_000, b"\xff\xfe{}"],
                         ids=["unclosed", "trailing comma", "nested too deep", "not UTF-8"])
def test_malformed_json_is_a_400_naming_the_body(cast, raw):
    before = stored()
    response = cast.alice.client.post("/api/v1/doses", raw, content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert [(item["field"], item["message"][:14]) for item in detail] == [("body", "malformed JSON")]
    assert stored() == before


def test_a_body_too_large_for_any_request_is_a_413(cast):
    before = stored()
    response = cast.alice.client.post("/api/v1/doses", dose(note="x" * 3_000_000),
                                          content_type="application/json")
    assert (response.status_code, response.json()) == (
        413, {"detail": [{"field": "body", "message": "the request is too large"}]})
    assert stored() == before


@pytest.mark.parametrize(("change", "field"), [
    ({"amount": True}, "amount"),
    ({"amount": -2}, "amount"),
    ({"unit": "capsule"}, "unit"),
    ({"taken_at": FAR_FUTURE}, "taken_at"),
    ({"taken_at": "2026-06-15T08:00:00"}, "taken_at"),
    ({"note": "\x00"}, "note"),
    ({"product": CHARLIES_PRODUCT}, "product"),
])
def test_a_bad_change_leaves_the_dose_as_it_was(cast, change, field):
    target = Dose.objects.of(cast.alice.user).get()
    before = stored()
    response = cast.alice.client.patch(f"/api/v1/doses/{target.pk}", resolve(change, cast),
                                           content_type="application/json")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (422, [field])
    after = Dose.objects.get(pk=target.pk)
    assert (float(after.amount), after.unit, after.taken_at, after.note, after.product_id) == (
        2.5, "g", target.taken_at, "", cast.alice_product.pk)
    assert stored() == before


@pytest.mark.parametrize(("query", "field"), [
    ({"start": "2026-06-15T08:00:00"}, "start"),
    ({"end": "yesterday"}, "end"),
    ({"page": 0}, "page"),
    ({"page": 10**20}, "page"),
    ({"page_size": 10_000}, "page_size"),
])
def test_bad_list_parameters_are_refused(cast, query, field):
    response = cast.alice.client.get("/api/v1/doses", query)
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (422, [field])


@pytest.mark.parametrize("record_id", ["abc", "0", str(2**70)])
def test_a_record_id_that_cannot_exist_is_refused(cast, record_id):
    response = cast.alice.client.get(f"/api/v1/doses/{record_id}")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (422, ["id"])


def test_an_unknown_export_format_is_refused(cast):
    response = cast.alice.client.get("/api/v1/me/export", {"format": "xml"})
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (422, ["format"])
