"""The patient's phone (390x844): from a fresh sign-in, the usual dose is one tap on Today without scrolling, even
for the demo patient with the most alerts; and a sign-up made in New York starts in New York's time zone."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from speciosa.accounts.models import PatientProfile, User
from speciosa.demo import DEMO_PASSWORD, load_demo
from speciosa.safety.lists import alerts_with_status

from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCREENSHOT = "/tmp/speciosa-today-phone.png"


@pytest.fixture
def phone(chromium: Browser, live_server) -> Iterator[Page]:
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE, timezone_id="America/New_York",
                                   has_touch=True, is_mobile=True, device_scale_factor=2)
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(60_000)  # the live server's first page imports every view: slow on a busy box
    yield context.new_page()
    context.close()


def most_alerted_patient() -> User:
    patients = User.objects.filter(role="patient").order_by("username")
    return max(patients, key=lambda patient: (alerts_with_status(patient).count(), patient.username))


def test_the_usual_dose_is_one_tap_inside_the_first_screen_for_the_patient_with_the_most_alerts(phone: Page) -> None:
    load_demo(patients=3, min_days=14, max_days=20)
    patient = most_alerted_patient()
    alerts = alerts_with_status(patient).count()
    assert alerts >= 5, f"the demo's most alerted patient has only {alerts} alerts"
    sign_in(phone, patient.username, DEMO_PASSWORD)
    phone.screenshot(path=SCREENSHOT)  # the first screen, for people to look at

    button = phone.get_by_role("button", name=re.compile(r"^Log \S+ \S+ of ")).first
    expect(button).to_be_visible()
    box = button.bounding_box()
    tab_bar = phone.locator(".tab-nav").bounding_box()
    assert box is not None and tab_bar is not None
    assert phone.evaluate("window.scrollY") == 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= tab_bar["y"], (
        f"the quick-log button ({box}) is not inside the first screen above the tab bar ({tab_bar}); {SCREENSHOT}")

    total = phone.get_by_test_id("today-total")
    before = total.inner_text()
    button.tap()
    expect(total).not_to_have_text(before)
    expect(phone.get_by_role("button", name="Undo")).to_be_visible()


def test_a_sign_up_on_a_new_york_phone_lands_in_new_yorks_time_zone(phone: Page) -> None:
    phone.goto("/accounts/signup/")
    phone.locator("input[name=username]").fill("nyc-patient")
    phone.locator("input[name=password1]").fill("a quiet walk by the river")
    phone.locator("input[name=password2]").fill("a quiet walk by the river")
    phone.get_by_role("button", name="Create account").click()
    phone.wait_for_url(re.compile(r"/welcome/$"))

    expect(phone.get_by_label("Your time zone")).to_have_value("America/New_York")
    assert PatientProfile.objects.get(user__username="nyc-patient").time_zone == "America/New_York"
    phone.get_by_label("Where you live").fill("New York, United States")
    phone.get_by_role("button", name="Next: what you take").click()
    phone.wait_for_url(re.compile(r"/welcome/what-you-take/$"))
    assert PatientProfile.objects.get(user__username="nyc-patient").jurisdiction == "US-NY"
