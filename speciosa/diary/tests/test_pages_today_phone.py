"""Today on a phone: the quick log (most recently used first), the limit that asks first, a repeat that asks first,
and Undo for a minute."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.diary.domain import create_product, record_dose
from speciosa.diary.models import Dose
from speciosa.plans.domain import publish_plan

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)  # noon in New York, alice's zone


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(NOW, tick=False):
        yield


def buttons(response) -> list[str]:
    page = response.content.decode()
    return [part.split("</button>")[0] for part in page.split('class="primary big">')[1:]]


def test_the_quick_log_puts_the_product_used_last_first(cast):
    alice = cast.alice.user
    capsules = create_product(alice, by=alice, name="White capsules", form="capsule", unit_mass_g=0.5,
                              favourite=True, usual_amount=4, usual_unit="capsule")
    assert buttons(cast.alice.client.get("/")) == ["Log 3 g of Red vein powder", "Log 4 capsules of White capsules"]
    record_dose(alice, product=capsules, amount=2, unit="capsule", taken_at=NOW - dt.timedelta(minutes=10), by=alice)
    assert buttons(cast.alice.client.get("/")) == ["Log 4 capsules of White capsules", "Log 3 g of Red vein powder"]


def test_todays_amount_against_the_limit_comes_before_the_alerts(cast):
    publish_plan(cast.alice.user, by=cast.bob.user, max_daily_leaf_g=8, effective_from=NOW.date())
    page = cast.alice.client.get("/").content.decode()
    top = page[page.find('data-testid="today-total"'):page.find('id="alerts-heading"')]
    assert "2.5 g leaf-equivalent</strong> today, of at most 8 g in your plan" in top
    assert page.find('data-testid="today-total"') < page.find("Log 3 g of Red vein powder") < page.find(
        "clinician-word-heading")


def test_at_the_limit_the_buttons_say_so_and_ask_before_logging(cast):
    alice = cast.alice.user
    publish_plan(alice, by=cast.bob.user, max_daily_leaf_g=2.5, effective_from=NOW.date())  # the cast's 2.5 g
    today = cast.alice.client.get("/")
    assertContains(today, "You have reached today's limit in your plan. Please do not take more today.")
    assertContains(today, '<button type="submit" class="big over-limit">Limit reached: log 3 g of Red vein powder '
                          'anyway?</button>', html=True)
    assert buttons(today) == []  # none of the usual green buttons

    url = reverse("diary:quick_log", args=[cast.alice_product.pk])
    asked = cast.alice.client.post(url, {"limit_reached": "1"})
    assert asked.status_code == 200
    assertContains(asked, "(2.5 g leaf-equivalent so far, at most 2.5 g a day)")
    assert Dose.objects.of(alice).count() == 1

    logged = cast.alice.client.post(url, {"confirmed": "1"})
    assert (logged.status_code, Dose.objects.of(alice).count()) == (302, 2)


def test_the_same_quick_log_within_two_minutes_asks_first_and_later_does_not(cast):
    alice = cast.alice.user
    url = reverse("diary:quick_log", args=[cast.alice_product.pk])
    cast.alice.client.post(url)
    with time_machine.travel(NOW + dt.timedelta(seconds=70), tick=False):
        asked = cast.alice.client.post(url)
        assertContains(asked, "You logged this 1 minute ago")
        assert Dose.objects.of(alice).count() == 2  # the cast's and the first tap's
        cast.alice.client.post(url, {"confirmed": "1"})
        assert Dose.objects.of(alice).count() == 3
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        assert cast.alice.client.post(url).status_code == 302
        assert Dose.objects.of(alice).count() == 4


def test_the_message_after_logging_offers_undo_which_takes_the_dose_back(cast):
    alice = cast.alice.user
    cast.alice.client.post(reverse("diary:quick_log", args=[cast.alice_product.pk]))
    dose = Dose.objects.of(alice).latest("pk")
    page = cast.alice.client.get("/")
    undo = reverse("diary:dose_undo", args=[dose.pk])
    assertContains(page, f'<form method="post" action="{undo}" class="undo-form">')
    with time_machine.travel(NOW + dt.timedelta(seconds=40), tick=False):
        response = cast.alice.client.post(undo)
    assert response.status_code == 302
    dose.refresh_from_db()
    assert dose.deleted_at is not None
    assertContains(cast.alice.client.get("/"), "Undone: 3 g of Red vein powder is no longer in your diary.")


def test_undo_is_refused_after_a_minute_and_leaves_the_dose(cast):
    alice = cast.alice.user
    cast.alice.client.post(reverse("diary:quick_log", args=[cast.alice_product.pk]))
    dose = Dose.objects.of(alice).latest("pk")
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
        cast.alice.client.post(reverse("diary:dose_undo", args=[dose.pk]))
    dose.refresh_from_db()
    assert dose.deleted_at is None
    assertContains(cast.alice.client.get("/"), "A dose can be undone only in the first 60 seconds; delete it instead.")


def test_no_one_undoes_another_patients_dose(cast):
    cast.alice.client.post(reverse("diary:quick_log", args=[cast.alice_product.pk]))
    dose = Dose.objects.of(cast.alice.user).latest("pk")
    assert cast.charlie.client.post(reverse("diary:dose_undo", args=[dose.pk])).status_code == 404
    assert Dose.objects.of(cast.alice.user).filter(pk=dose.pk).exists()


def test_undo_takes_posts_only(cast):
    dose = Dose.objects.of(cast.alice.user).get()
    assert cast.alice.client.get(reverse("diary:dose_undo", args=[dose.pk])).status_code == 405
    assertNotContains(cast.alice.client.get("/"), "undo-form")


def test_a_dose_entered_late_for_an_earlier_time_is_not_taken_for_a_second_tap(cast):
    alice = cast.alice.user
    record_dose(alice, product=cast.alice_product, amount=3, unit="g", taken_at=NOW - dt.timedelta(hours=3), by=alice)
    response = cast.alice.client.post(reverse("diary:quick_log", args=[cast.alice_product.pk]))
    assert (response.status_code, Dose.objects.of(alice).count()) == (302, 3)


def test_while_an_urgent_alert_says_stop_the_buttons_say_so_and_still_log_a_taken_dose_in_one_tap(cast):
    """The trial: right under "stop taking kratom", the green "Log 3 g" buttons looked the same as ever."""
    from speciosa.safety.tests.liver_state import open_liver_injury

    alice = cast.alice.user
    alert = open_liver_injury(alice)
    today = cast.alice.client.get("/")
    assertContains(today, "An urgent alert asks you to stop taking kratom.")
    assertContains(today, reverse("safety:alert_detail", args=[alert.pk]))
    assertContains(today, '<button type="submit" class="big over-limit">Log 3 g of Red vein powder you already '
                          'took</button>', html=True)
    assert buttons(today) == []  # none of the usual green buttons

    logged = cast.alice.client.post(reverse("diary:quick_log", args=[cast.alice_product.pk]))
    assert (logged.status_code, Dose.objects.of(alice).count()) == (302, 2)  # the record stays true


def test_once_the_stop_alert_is_resolved_the_usual_buttons_return(cast):
    from speciosa.safety.domain import resolve_alert
    from speciosa.safety.tests.liver_state import open_liver_injury

    alice = cast.alice.user
    resolve_alert(open_liver_injury(alice), by=cast.bob.user)
    today = cast.alice.client.get("/")
    assertNotContains(today, "asks you to stop taking kratom")
    assert buttons(today) == ["Log 3 g of Red vein powder"]
