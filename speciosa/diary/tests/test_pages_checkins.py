"""The check-in pages: 0-10 ratings with labelled ends, symptoms graded 0-3 as radio groups, and a note."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.diary.models import Checkin

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


def stored(patient):
    return list(Checkin.objects.of(patient).order_by("at").values(
        "at", "pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function", "side_effects",
        "withdrawal", "note"))


def test_each_rating_is_a_labelled_radio_group_with_its_ends_described(cast):
    response = cast.alice.client.get(reverse("diary:checkin_new"))
    assertContains(response, "<legend>Pain right now</legend>", html=True)
    assertContains(response, '<p class="help" id="id_pain_now_helptext">0 = no pain, 10 = pain as bad as you '
                             'can imagine</p>', html=True)
    assertContains(response, '<fieldset aria-describedby="id_pain_now_helptext" class="choices scale">')
    assertContains(response, '<label class="choice" for="id_side_effects__nausea_2"><input type="radio" '
                             'name="side_effects__nausea" value="2" id="id_side_effects__nausea_2"> '
                             '<span>Moderate</span></label>', html=True)
    assertContains(response, 'value="2026-11-20T12:00"')


def test_a_check_in_stores_its_ratings_grades_and_note(cast):
    alice = cast.alice.user
    response = cast.alice.client.post(reverse("diary:checkin_new"), {
        "at": "2026-11-20T11:30", "pain_now": "4", "pain_avg_24h": "", "mood": "7", "energy": "0",
        "side_effects__nausea": "0", "side_effects__constipation": "2", "withdrawal__craving": "1",
        "note": "walked to the shop"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert stored(alice)[-1] == {
        "at": dt.datetime(2026, 11, 20, 16, 30, tzinfo=dt.UTC), "pain_now": 4, "pain_avg_24h": None, "mood": 7,
        "energy": 0, "sleep_quality": None, "function": None, "side_effects": {"constipation": 2},
        "withdrawal": {"craving": 1}, "note": "walked to the shop"}
    assert len(stored(alice)) == 2


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "pain_now", "A check-in needs at least one rating, symptom or note"),
    ({"pain_now": "11"}, "pain_now", "Select a valid choice. 11 is not one of the available choices."),
    ({"side_effects__nausea": "4"}, "side_effects__nausea",
     "Select a valid choice. 4 is not one of the available choices."),
    ({"note": "bad\x00day"}, "note", "Null characters are not allowed."),
])
def test_a_refused_check_in_shows_the_error_beside_its_field_and_stores_nothing(cast, data, field, message):
    before = stored(cast.alice.user)
    response = cast.alice.client.post(reverse("diary:checkin_new"), {"at": "2026-11-20T11:30", **data})
    assert response.status_code == 200
    assertContains(response, f'<ul class="errors" id="id_{field}_error"><li>{message}</li></ul>', html=True)
    assert stored(cast.alice.user) == before


def test_the_error_of_a_radio_group_is_linked_from_its_fieldset(cast):
    response = cast.alice.client.post(reverse("diary:checkin_new"), {"at": "2026-11-20T11:30"})
    assertContains(response, '<fieldset aria-describedby="id_pain_now_helptext id_pain_now_error" '
                             'class="choices scale">')


def test_a_check_in_can_be_changed_and_deleted(cast):
    alice = cast.alice.user
    checkin = Checkin.objects.of(alice).get()
    url = reverse("diary:checkin_edit", args=[checkin.pk])
    form = cast.alice.client.get(url)
    assertContains(form, 'name="side_effects__nausea" value="1" id="id_side_effects__nausea_1" checked')
    response = cast.alice.client.post(url, {"at": "2026-11-20T11:00", "pain_now": "3",
                                                "side_effects__nausea": "0", "note": "better"})
    assert response.status_code == 302
    assert stored(alice) == [{
        "at": NOW - dt.timedelta(hours=1), "pain_now": 3, "pain_avg_24h": None, "mood": None, "energy": None,
        "sleep_quality": None, "function": None, "side_effects": {}, "withdrawal": {}, "note": "better"}]
    assert cast.alice.client.post(reverse("diary:checkin_delete", args=[checkin.pk])).status_code == 302
    assert stored(alice) == []
