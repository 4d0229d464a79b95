"""The path a patient takes most: sign in, tap a favourite's quick-log button, see today's total rise."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from speciosa.demo import DEMO_PASSWORD, load_demo
from speciosa.diary.models import Product

from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAF_GRAMS = re.compile(r"(\d+(?:\.\d+)?) g leaf-equivalent")


def leaf_grams(text: str) -> float:
    found = LEAF_GRAMS.search(text.replace(",", ""))
    assert found, f"today's total does not show leaf-equivalent grams: {text!r}"
    return float(found.group(1))


def test_a_patient_logs_their_usual_dose_in_one_tap_and_sees_todays_total_rise_by_3_g(tab: Page) -> None:
    load_demo(patients=2, min_days=14, max_days=20)
    favourite = Product.objects.filter(patient__username="patient01", favourite=True, form="powder",
                                       usual_amount=3, usual_unit="g", deleted_at=None).first()
    assert favourite is not None, "the demo's patient01 has no favourite leaf powder with a usual dose of 3 g"
    sign_in(tab, "patient01", DEMO_PASSWORD)
    total = tab.get_by_test_id("today-total")
    before_text = total.inner_text()
    before = leaf_grams(before_text)

    tab.get_by_role("button", name=f"Log 3 g of {favourite.name}", exact=True).click()

    expect(total).not_to_have_text(before_text)
    assert leaf_grams(total.inner_text()) == pytest.approx(before + 3, abs=0.05)
