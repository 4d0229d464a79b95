"""The today page fits a phone: nothing wider than the screen, the total and the quick-log buttons shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from speciosa.demo import DEMO_PASSWORD, load_demo

from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/speciosa-today.png"


def test_the_today_page_fits_a_390_px_phone_screen_without_sideways_scrolling(tab: Page) -> None:
    load_demo(patients=2, min_days=14, max_days=20)
    tab.set_viewport_size({"width": 390, "height": 844})
    sign_in(tab, "patient01", DEMO_PASSWORD)

    expect(tab.get_by_test_id("today-total")).to_be_visible()
    expect(tab.get_by_role("button", name=re.compile(r"^Log 3 g of ")).first).to_be_visible()
    tab.screenshot(path=SCREENSHOT, full_page=True)  # for people to look at; the asserts below are the test
    page_width = tab.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, f"the today page is {page_width} px wide on a 390 px screen ({SCREENSHOT})"
