"""axe-core (bundled with axe-playwright-python, no CDN) finds no serious or critical violation on the main pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page

from speciosa.demo import DEMO_PASSWORD, load_demo

from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = ("serious", "critical")
SIGNED_OUT_PAGES = {"login": "accounts:login", "signup": "accounts:signup", "offline": "pwa:offline"}
SIGNED_IN_PAGES = {
    "today": "diary:today",
    "log dose form": "diary:dose_new",
    "timeline": "diary:timeline",
    "products": "diary:products",
    "check-in": "diary:checkin_new",
    "medications": "diary:medications",
    "labs": "diary:labs",
    "profile": "diary:profile",
    "import from another app": "interop:import_csv",
    "diary for a research study": "interop:redcap",
}


def blocking_violations(tab: Page, axe: Axe, label: str) -> list[str]:
    """One line per serious or critical violation: page, rule id, impact, and the selectors of every node."""
    results = axe.run(tab)
    lines = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING:
            targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
            lines.append(f"{label} ({tab.url}): {violation['id']} [{violation['impact']}] "
                         f"{violation['help']} -> {targets}")
    return lines


def test_the_main_pages_have_no_serious_or_critical_accessibility_violation(tab: Page) -> None:
    load_demo(patients=2, min_days=14, max_days=20)
    axe = Axe()
    found: list[str] = []
    for label, name in SIGNED_OUT_PAGES.items():
        response = tab.goto(reverse(name))
        assert response is not None and response.ok, f"{label}: HTTP {response and response.status}"
        found += blocking_violations(tab, axe, label)
    sign_in(tab, "patient01", DEMO_PASSWORD)
    for label, name in SIGNED_IN_PAGES.items():
        response = tab.goto(reverse(name))
        assert response is not None and response.ok, f"{label}: HTTP {response and response.status}"
        found += blocking_violations(tab, axe, label)

    assert found == [], "serious or critical accessibility violations:\n" + "\n".join(found)


def test_the_check_itself_reports_a_button_without_a_name(tab: Page) -> None:
    """Guards the test above against passing vacuously (axe not injected, results read from the wrong key)."""
    tab.set_content('<html lang="en"><head><title>t</title></head><body><main><button></button></main></body></html>')

    assert blocking_violations(tab, Axe(), "probe") == [
        "probe (about:blank): button-name [critical] Buttons must have discernible text -> button"
    ]
