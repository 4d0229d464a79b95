"""Security headers on every answer, and templates that keep to the Content Security Policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from speciosa.lib.csp import POLICY

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "speciosa" / "templates"


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/evidence", "/no-such-page/"])
def test_every_answer_carries_the_security_headers(path):
    response = Client().get(path)
    assert {name: response.headers.get(name) for name in (
        "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
        "Cross-Origin-Opener-Policy")} == {
        "Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_static_files_carry_the_policy_too():
    response = Client().get("/static/speciosa/site.css")
    assert (response.status_code, response.headers["Content-Security-Policy"],
            response.headers["X-Content-Type-Options"]) == (200, POLICY, "nosniff")


def test_the_policy_allows_nothing_inline_but_svg_style_attributes():
    directives = dict(item.split(" ", 1) for item in POLICY.split("; "))
    assert directives == {
        "default-src": "'self'", "img-src": "'self' data:", "style-src": "'self'",
        "style-src-attr": "'unsafe-inline'", "script-src": "'self'", "object-src": "'none'",
        "frame-ancestors": "'none'", "base-uri": "'none'", "form-action": "'self'"}


def test_no_template_has_an_inline_script_a_style_element_or_an_event_handler():
    offending = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")", r"<style[\s>]",
                        r"\son[a-z]+\s*=", r"javascript:"):
            offending += [f"{template.relative_to(TEMPLATES)}: {match.group(0)}"
                          for match in re.finditer(pattern, text, flags=re.IGNORECASE)]
    assert offending == []


def test_html_style_attributes_are_kept_out_of_templates():
    """style="..." on HTML elements would pass (style-src-attr is open for inline SVG charts), but belongs in
    site.css, where the policy can keep it."""
    offending = [str(template.relative_to(TEMPLATES)) for template in sorted(TEMPLATES.rglob("*.html"))
                 if re.search(r"\sstyle=", template.read_text(encoding="utf-8"))]
    assert offending == []


def test_sessions_last_twelve_hours_and_their_cookie_is_not_for_scripts(settings):
    assert (settings.SESSION_COOKIE_AGE, settings.SESSION_COOKIE_HTTPONLY) == (12 * 60 * 60, True)
