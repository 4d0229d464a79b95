"""The lab results pages, each result read as a multiple of its own upper limit of normal."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.diary.models import LabResult

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


def stored(patient):
    return list(LabResult.objects.of(patient).order_by("collected_at")
                .values_list("code", "value", "unit", "uln", "collected_at"))


def test_the_list_shows_each_result_as_a_multiple_of_its_upper_limit(cast):
    response = cast.alice.client.get(reverse("diary:labs"))
    assertContains(response, "<td>35 U/L</td>", html=True)
    assertContains(response, "<td>0.88×", html=False)


def test_a_result_above_the_limit_is_flagged_calmly(cast):
    response = cast.alice.client.post(reverse("diary:lab_new"), {
        "code": "ALT", "value": "130", "unit": "", "uln": "40", "collected_at": "2026-11-19T09:15"})
    assert (response.status_code, response["Location"]) == (302, reverse("diary:labs"))
    assert stored(cast.alice.user) == [
        ("ALT", Decimal("130"), "U/L", Decimal("40"), dt.datetime(2026, 11, 19, 14, 15, tzinfo=dt.UTC)),
        ("ALT", Decimal("35"), "U/L", Decimal("40"), NOW - dt.timedelta(hours=1)),
    ]
    assertContains(cast.alice.client.get(reverse("diary:labs")),
                   '3.25× <span class="flag">above normal</span>', html=True)


def test_an_inr_needs_no_upper_limit(cast):
    response = cast.alice.client.post(reverse("diary:lab_new"), {
        "code": "INR", "value": "1.1", "unit": "", "uln": "", "collected_at": "2026-11-20T09:00"})
    assert response.status_code == 302
    assert stored(cast.alice.user) == [
        ("INR", Decimal("1.1"), "ratio", None, NOW - dt.timedelta(hours=3)),
        ("ALT", Decimal("35"), "U/L", Decimal("40"), NOW - dt.timedelta(hours=1)),
    ]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"uln": ""}, "uln", "The upper limit of normal printed beside the ALT result is needed to read it "
                         "(as a multiple of normal)"),
    ({"unit": "mg/dL"}, "unit", "&#x27;mg/dL&#x27; is not a unit for ALT (use U/L, IU/L, µkat/L)"),
    ({"value": "-3"}, "value", "Result must be at least 0"),
    ({"collected_at": "2026-12-01T09:00"}, "collected_at", "2026-12-01T09:00:00-05:00 is in the future"),
    ({"code": "XYZ"}, "code", "Select a valid choice. XYZ is not one of the available choices."),
])
def test_a_refused_result_shows_the_error_beside_its_field_and_stores_nothing(cast, changes, field, message):
    before = stored(cast.alice.user)
    data = {"code": "ALT", "value": "50", "unit": "", "uln": "40", "collected_at": "2026-11-20T09:00", **changes}
    response = cast.alice.client.post(reverse("diary:lab_new"), data)
    assert response.status_code == 200
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}</li></ul>', html=True)
    assert stored(cast.alice.user) == before


def test_a_result_can_be_changed_and_deleted(cast):
    alice = cast.alice.user
    lab = LabResult.objects.of(alice).get()
    url = reverse("diary:lab_edit", args=[lab.pk])
    assertContains(cast.alice.client.get(url), 'name="uln" value="40"')
    cast.alice.client.post(url, {"code": "ALT", "value": "36", "unit": "U/L", "uln": "45",
                                     "collected_at": "2026-11-20T11:00"})
    assert stored(alice) == [("ALT", Decimal("36"), "U/L", Decimal("45"), NOW - dt.timedelta(hours=1))]
    cast.alice.client.post(reverse("diary:lab_delete", args=[lab.pk]))
    assert stored(alice) == []
