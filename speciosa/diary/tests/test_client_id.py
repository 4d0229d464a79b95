"""A dose or check-in sent twice with the same client id (a double tap, the offline queue retrying) is stored once."""

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.urls import reverse

from speciosa.core.errors import InputError
from speciosa.diary.domain import quick_log, record_checkin, record_dose
from speciosa.diary.models import Checkin, Dose, Revision

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
KEY = uuid.UUID("3f2a8c1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b")


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


def doses_of(persona):
    return Dose.objects.of(persona.user).count()


def test_a_retried_dose_returns_the_stored_one_and_stores_nothing(cast):
    alice = cast.alice.user
    first = record_dose(alice, product=cast.alice_product, amount=3, unit="g", by=alice, client_id=str(KEY))
    revisions = Revision.objects.count()
    again = record_dose(alice, product=cast.alice_product, amount=3, unit="g", by=alice, client_id=KEY)
    assert (again.pk, again.client_id, doses_of(cast.alice), Revision.objects.count()) == (first.pk, KEY, 2, revisions)


def test_the_same_client_id_from_two_patients_is_two_doses(cast):
    alice, charlie = cast.alice.user, cast.charlie.user
    mine = record_dose(alice, product=cast.alice_product, amount=3, unit="g", by=alice, client_id=KEY)
    theirs = record_dose(charlie, product=cast.charlie_product, amount=1, unit="g", by=charlie, client_id=KEY)
    assert (mine.patient, theirs.patient, mine.pk != theirs.pk) == (alice, charlie, True)


def test_doses_without_a_client_id_are_each_stored(cast):
    alice = cast.alice.user
    for _ in range(2):
        record_dose(alice, product=cast.alice_product, amount=3, unit="g", by=alice)
    assert doses_of(cast.alice) == 3


def test_a_malformed_client_id_is_refused_by_name(cast):
    alice = cast.alice.user
    with pytest.raises(InputError) as raised:
        record_dose(alice, product=cast.alice_product, amount=3, unit="g", by=alice, client_id="not-a-uuid")
    assert raised.value.field == "client_id"
    assert doses_of(cast.alice) == 1


def test_a_quick_log_retried_with_its_id_logs_once(cast):
    alice = cast.alice.user
    cast.alice_product.usual_amount, cast.alice_product.usual_unit = 2, "g"
    cast.alice_product.save()
    first = quick_log(alice, product=cast.alice_product, by=alice, client_id=KEY)
    assert quick_log(alice, product=cast.alice_product, by=alice, client_id=KEY).pk == first.pk
    assert doses_of(cast.alice) == 2


def test_a_retried_check_in_is_stored_once(cast):
    alice = cast.alice.user
    first = record_checkin(alice, by=alice, pain_now=4, client_id=KEY)
    again = record_checkin(alice, by=alice, pain_now=4, client_id=KEY)
    assert (again.pk, Checkin.objects.of(alice).count()) == (first.pk, 2)


def test_the_api_answers_a_retried_dose_with_the_first_one(cast):
    body = {"product": cast.alice_product.pk, "amount": 3, "unit": "g", "client_id": str(KEY)}
    first = cast.alice.client.post("/api/v1/doses", body, content_type="application/json")
    again = cast.alice.client.post("/api/v1/doses", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert (first.json()["client_id"], doses_of(cast.alice)) == (str(KEY), 2)


def test_the_api_refuses_a_client_id_that_is_not_a_uuid(cast):
    body = {"product": cast.alice_product.pk, "amount": 3, "unit": "g", "client_id": "twice"}
    response = cast.alice.client.post("/api/v1/doses", body, content_type="application/json")
    assert response.status_code == 422
    assert doses_of(cast.alice) == 1


def test_the_api_answers_a_retried_check_in_with_the_first_one(cast):
    body = {"pain_now": 3, "client_id": str(KEY)}
    first = cast.alice.client.post("/api/v1/checkins", body, content_type="application/json")
    again = cast.alice.client.post("/api/v1/checkins", body, content_type="application/json")
    assert (first.status_code, again.json()["id"]) == (201, first.json()["id"])
    assert Checkin.objects.of(cast.alice.user).count() == 2


def test_a_check_in_cannot_be_given_a_client_id_afterwards(cast):
    checkin = Checkin.objects.of(cast.alice.user).get()
    response = cast.alice.client.patch(f"/api/v1/checkins/{checkin.pk}", {"client_id": str(KEY)},
                                       content_type="application/json")
    assert response.status_code == 422


def hidden_client_id(html: str) -> str:
    found = re.search(r'<input type="hidden" name="client_id" value="([0-9a-f-]{36})"', html)
    assert found is not None, "the form carries no client id"
    return found.group(1)


def test_the_dose_form_sent_twice_logs_one_dose(cast):
    form = cast.alice.client.get(reverse("diary:dose_new"))
    key = hidden_client_id(form.content.decode())
    body = {"product": cast.alice_product.pk, "amount": "3", "unit": "g", "taken_at": "2026-11-20T08:30",
            "client_id": key}
    for _ in range(2):
        assert cast.alice.client.post(reverse("diary:dose_new"), body).status_code == 302
    assert (doses_of(cast.alice), Dose.objects.filter(client_id=key).count()) == (2, 1)


def test_each_drawing_of_the_dose_form_has_its_own_id(cast):
    first = hidden_client_id(cast.alice.client.get(reverse("diary:dose_new")).content.decode())
    second = hidden_client_id(cast.alice.client.get(reverse("diary:dose_new")).content.decode())
    assert first != second


def test_the_check_in_form_sent_twice_stores_one_check_in(cast):
    key = hidden_client_id(cast.alice.client.get(reverse("diary:checkin_new")).content.decode())
    body = {"at": "2026-11-20T11:30", "pain_now": "4", "client_id": key}
    for _ in range(2):
        assert cast.alice.client.post(reverse("diary:checkin_new"), body).status_code == 302
    assert Checkin.objects.of(cast.alice.user).count() == 2


def test_a_quick_log_posted_twice_with_a_client_id_logs_once(cast):
    cast.alice_product.usual_amount, cast.alice_product.usual_unit, cast.alice_product.favourite = 2, "g", True
    cast.alice_product.save()
    url = reverse("diary:quick_log", args=[cast.alice_product.pk])
    for _ in range(2):
        assert cast.alice.client.post(url, {"client_id": str(KEY)}).status_code == 302
    assert doses_of(cast.alice) == 2
