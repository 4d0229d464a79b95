"""Signing in through the login form, as a person would."""

from __future__ import annotations

from playwright.sync_api import Page


def sign_in(tab: Page, username: str, password: str) -> None:
    """Fills the login form, presses "Sign in", and waits to leave the login page."""
    tab.goto("/accounts/login/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(lambda url: "/accounts/login/" not in url)
