"""The timeline: doses, check-ins and labs by the patient's local day, newest first, a week per page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.diary.domain import record_dose

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_lists_doses_check_ins_and_labs_under_their_local_day_newest_first(cast):
    alice = cast.alice.user
    # 03:00 UTC on the 20th is still the evening of the 19th in New York.
    record_dose(alice, product=cast.alice_product, amount=1, unit="g",
                taken_at=dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC), by=alice)
    response = cast.alice.client.get(reverse("diary:timeline"))
    days = [(day, [kind for _, kind, _ in entries]) for day, entries in response.context["days"]]
    assert days == [(dt.date(2026, 11, 20), ["dose", "checkin", "lab"]), (dt.date(2026, 11, 19), ["dose"])]
    assertContains(response, '<h2 id="day-2026-11-19">Thursday 19 Nov</h2>', html=True)
    assertContains(response, "<strong>22:00</strong> 1 g of Red vein powder", html=False)
    assertContains(response, "alice&#x27;s private note")
    assertContains(response, "Side effects: Nausea: mild")


def test_earlier_weeks_are_a_page_away(cast):
    alice = cast.alice.user
    record_dose(alice, product=cast.alice_product, amount=4, unit="g", taken_at=NOW - dt.timedelta(days=10),
                by=alice)
    this_week = cast.alice.client.get(reverse("diary:timeline"))
    assertNotContains(this_week, "4 g of Red vein powder")
    assertContains(this_week, '<a class="button" href="?until=2026-11-13">Earlier week</a>', html=True)
    assertNotContains(this_week, "Later week")
    earlier = cast.alice.client.get(reverse("diary:timeline"), {"until": "2026-11-13"})
    assertContains(earlier, "4 g of Red vein powder")
    assertNotContains(earlier, "2.5 g of Red vein powder")
    assertContains(earlier, '<a class="button" href="?until=2026-11-20">Later week</a>', html=True)


def test_a_malformed_date_is_explained_beside_its_field(cast):
    response = cast.alice.client.get(reverse("diary:timeline"), {"until": "next tuesday"})
    assert response.status_code == 200
    assertContains(response, '<ul class="errors" id="id_until_error"><li>Enter a valid date.</li></ul>', html=True)
    assertContains(response, "2.5 g of Red vein powder")
