"""Installable, and on a phone that loses its connection: a dose logged offline is kept and listed, sent once when the phone is back
online, and counted once in today's total."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from speciosa.diary.models import Dose
from speciosa.testing import PASSWORD, make_patient, make_powder

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# navigator.serviceWorker.ready never settles when the worker fails to install, and page.evaluate has no timeout of
# its own: race it against 20 seconds, so a broken worker fails the test instead of holding the run forever.
WORKER_READY = ("Promise.race([navigator.serviceWorker.ready.then(() => true),"
                " new Promise(resolve => setTimeout(() => resolve(false), 20000))])")


@pytest.fixture
def phone(chromium: Browser, live_server) -> Iterator[tuple[Page, object]]:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                   is_mobile=True, has_touch=True, service_workers="allow")
    context.set_default_timeout(15_000)
    yield context.new_page(), context
    context.close()


def test_a_dose_logged_offline_is_kept_then_sent_once_and_counted_once(phone) -> None:
    tab, context = phone
    alice = make_patient("alice")
    make_powder(alice, name="Red vein powder")
    sign_in(tab, "alice", PASSWORD)
    assert tab.evaluate(WORKER_READY), "the service worker did not become ready within 20 s"
    total = tab.get_by_test_id("today-total")
    expect(total).to_contain_text("0 g leaf-equivalent")

    tab.goto("/doses/new/")
    tab.locator("input[name=amount]").fill("2")
    tab.locator("select[name=unit]").select_option("g")
    context.set_offline(True)
    tab.get_by_role("button", name="Log dose").click()

    waiting = tab.get_by_test_id("outbox-item")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Dose: 2 g of Red vein powder")
    assert Dose.objects.of(alice).count() == 0

    context.set_offline(False)  # the page hears "online", sends the kept dose, and reloads
    expect(tab.get_by_test_id("outbox-item")).to_have_count(0)
    tab.goto("/")
    expect(total).to_contain_text("2 g leaf-equivalent")
    assert list(Dose.objects.of(alice).values_list("amount", flat=True)) == [2]
    assert Dose.objects.of(alice).get().client_id is not None


def test_chromium_finds_the_site_installable(chromium: Browser, live_server, tmp_path) -> None:
    # A persistent profile: Playwright's usual contexts are incognito, where Chromium never offers to install.
    context = chromium.browser_type.launch_persistent_context(
        tmp_path, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
        base_url=live_server.url, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto("/accounts/login/")
        assert tab.evaluate(WORKER_READY), "the service worker did not become ready within 20 s"
        session = context.new_cdp_session(tab)
        assert session.send("Page.getAppManifest")["errors"] == []
        assert session.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
    finally:
        context.close()
