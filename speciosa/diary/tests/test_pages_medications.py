"""The medicines pages."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.diary.models import Medication

pytestmark = pytest.mark.django_db


def stored(patient):
    return list(Medication.objects.of(patient).values_list("name", "rxnorm", "dose_text", "start", "stop"))


def test_the_list_shows_alices_medicines(cast):
    response = cast.alice.client.get(reverse("diary:medications"))
    assertContains(response, "<p><strong>Gabapentin</strong> · 300 mg at night</p>", html=True)


def test_a_medicine_is_added_changed_and_removed(cast):
    alice, client = cast.alice.user, cast.alice.client
    response = client.post(reverse("diary:medication_new"), {
        "name": "Oxycodone HCl", "rxnorm": "7804", "dose_text": "5 mg as needed", "start": "2026-01-10",
        "stop": ""})
    assert (response.status_code, response["Location"]) == (302, reverse("diary:medications"))
    oxycodone = Medication.objects.get(patient=alice, name="Oxycodone HCl")
    client.post(reverse("diary:medication_edit", args=[oxycodone.pk]), {
        "name": "Oxycodone HCl", "rxnorm": "7804", "dose_text": "5 mg as needed", "start": "2026-01-10",
        "stop": "2026-06-01"})
    assert stored(alice) == [("Gabapentin", "25480", "300 mg at night", None, None),
                             ("Oxycodone HCl", "7804", "5 mg as needed", dt.date(2026, 1, 10), dt.date(2026, 6, 1))]
    assertContains(client.get(reverse("diary:medication_delete", args=[oxycodone.pk])),
                   "<h1>Delete Oxycodone HCl?</h1>", html=True)
    client.post(reverse("diary:medication_delete", args=[oxycodone.pk]))
    assert stored(alice) == [("Gabapentin", "25480", "300 mg at night", None, None)]
    assertNotContains(client.get(reverse("diary:medications")), "<strong>Oxycodone HCl</strong>", html=True)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"rxnorm": "oxy"}, "rxnorm", "An RxNorm concept id is digits only (oxycodone is 7804)"),
    ({"start": "2026-05-01", "stop": "2026-04-01"}, "stop", "Stopped is before the start date"),
    ({"name": ""}, "name", "This field is required."),
    ({"dose_text": "a\x00b"}, "dose_text", "Null characters are not allowed."),
])
def test_a_refused_medicine_shows_the_error_beside_its_field_and_stores_nothing(cast, changes, field, message):
    data = {"name": "Sertraline", "rxnorm": "36437", "dose_text": "", "start": "", "stop": "", **changes}
    response = cast.alice.client.post(reverse("diary:medication_new"), data)
    assert response.status_code == 200
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}</li></ul>', html=True)
    assert stored(cast.alice.user) == [("Gabapentin", "25480", "300 mg at night", None, None)]
