"""The check-in on one screen: pain now and mood first, symptoms as chips, the rest optional, Save always on screen."""

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


def test_pain_and_mood_come_first_and_save_stays_on_screen(cast):
    page = cast.alice.client.get(reverse("diary:checkin_quick")).content.decode()
    order = [page.find(text) for text in ("<legend>Pain right now</legend>", "<legend>Mood</legend>",
                                          "Side effects since your last check-in", "More ratings")]
    assert order == sorted(order) and -1 not in order
    assert '<div class="sticky-submit"><button type="submit" class="primary">Save check-in</button></div>' in page
    assert f'href="{reverse("diary:checkin_new")}"' in page  # the full form stays available
    folded = page[page.find('<details class="more-details"'):page.find("</details>")]
    assert (page.count('type="radio"'), folded.count('type="radio"')) == (6 * 12, 4 * 12)  # 4 of 6 scales folded


def test_tapped_chips_are_recorded_as_mild_symptoms_with_the_ratings(cast):
    response = cast.alice.client.post(reverse("diary:checkin_quick"), {
        "pain_now": "6", "mood": "4", "side_effects": ["nausea", "jaundice"], "withdrawal": ["craving"],
        "energy": "5"})
    assert (response.status_code, response["Location"]) == (302, "/")
    checkin = Checkin.objects.of(cast.alice.user).latest("pk")
    assert (checkin.at, checkin.pain_now, checkin.mood, checkin.energy, checkin.side_effects, checkin.withdrawal) == (
        NOW, 6, 4, 5, {"nausea": 1, "jaundice": 1}, {"craving": 1})


def test_a_chip_is_a_checkbox_inside_its_label_so_it_works_without_script(cast):
    response = cast.alice.client.get(reverse("diary:checkin_quick"))
    assertContains(response, '<label class="chip" for="id_side_effects_0"><input type="checkbox" '
                             'name="side_effects" value="nausea" id="id_side_effects_0"><span>Nausea</span></label>',
                   html=True)


def test_an_empty_check_in_is_refused_with_the_reason(cast):
    before = Checkin.objects.of(cast.alice.user).count()
    response = cast.alice.client.post(reverse("diary:checkin_quick"), {})
    assert response.status_code == 200
    assert Checkin.objects.of(cast.alice.user).count() == before
    assertContains(response, "Nothing was saved")


def test_an_unknown_symptom_is_refused_beside_the_chips(cast):
    response = cast.alice.client.post(reverse("diary:checkin_quick"), {"pain_now": "3", "side_effects": ["hiccups"]})
    assertContains(response, "Select a valid choice. hiccups is not one of the available choices.")
