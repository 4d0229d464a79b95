"""Real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, against pytest-django's live server.

Without Chromium the browser tests are skipped with the reason, unless SPECIOSA_REQUIRE_BROWSER=1 (CI), where a
missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("SPECIOSA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and SPECIOSA_REQUIRE_BROWSER=1 requires the browser tests to run")
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio loop running in this thread while it is started, which Django reads as
    # "async context" and answers with SynchronousOnlyOperation on every ORM call (the tests' own, and pytest-django's
    # flush between tests). The code here is plain synchronous code, so the check does not apply while it runs.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium: Browser, live_server) -> Iterator[Page]:
    """A fresh browser context (no cookies) on the live server; no video, no trace.

    Named `tab`, not `page`, so that pytest-playwright's own page/browser fixtures stay out of these tests.
    """
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser test takes well under a minute; one that waits on a page that never answers (a script that never
    settles, a service worker that never installs) fails after 5 minutes with its stack, not the whole run's 15."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.timeout(300))
