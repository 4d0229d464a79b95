"""Installable and fast on a phone: the manifest and its icons, the service worker, the offline page, compressed
pages (never one showing a secret) and hashed static files."""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

from speciosa.lib.csp import POLICY

pytestmark = pytest.mark.django_db


def png_size(path: str) -> tuple[int, int]:
    header = Path(path).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_manifest_names_the_app_its_start_page_and_its_icons():
    response = Client().get("/manifest.webmanifest")
    manifest = json.loads(response.content)
    assert (response.status_code, response["Content-Type"]) == (200, "application/manifest+json")
    assert {key: manifest[key] for key in ("name", "short_name", "start_url", "scope", "display", "theme_color",
                                           "background_color")} == {
        "name": "Speciosa", "short_name": "Speciosa", "start_url": "/", "scope": "/", "display": "standalone",
        "theme_color": "#083f28", "background_color": "#ffffff"}
    icons = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert icons == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}


@pytest.mark.parametrize(("name", "size"), [("icon-192.png", 192), ("icon-512.png", 512),
                                            ("maskable-512.png", 512), ("apple-touch-icon.png", 180)])
def test_each_icon_is_a_png_of_its_stated_size(name, size):
    path = finders.find(f"speciosa/icons/{name}")
    assert path is not None, f"speciosa/icons/{name} is missing"
    assert png_size(str(path)) == (size, size)


def test_every_page_links_the_manifest_and_loads_the_script_from_the_site_only(cast):
    html = cast.alice.client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#083f28">' in html
    assert f'<script src="{static("speciosa/app.js")}" defer></script>' in html
    assert "<script>" not in html  # no inline script: the policy allows scripts from this site only
    assert "script-src 'self'" in POLICY


def test_the_service_worker_may_control_the_whole_site_and_keeps_only_the_shell():
    response = Client().get("/sw.js")
    body = response.content.decode()
    assert (response.status_code, response["Service-Worker-Allowed"], response["Cache-Control"]) == (
        200, "/", "no-cache")
    assert response["Content-Type"].startswith("text/javascript")
    config = json.loads(body.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["shell"] == [static("speciosa/site.css"), static("speciosa/app.js"),
                               static("speciosa/icons/icon-192.png"), static("speciosa/icons/icon-512.png"),
                               "/offline/"]
    assert config["queued"] == ["/doses/new/", "/checkins/new/"]


def test_the_offline_page_shows_no_one_s_data_and_may_be_cached():
    response = Client().get("/offline/")
    assert (response.status_code, response["Cache-Control"]) == (200, "public, max-age=86400")
    assert b"You are offline" in response.content
    assert b"Sign out" not in response.content


def test_pages_are_compressed_for_a_browser_that_accepts_it(cast):
    response = cast.alice.client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"Today" in gzip.decompress(response.content)


@pytest.mark.parametrize("url", ["/accounts/two-factor/", "/accounts/tokens/", "/api/v1/me"])
def test_pages_that_may_show_a_secret_are_never_compressed(cast, url):
    response = cast.alice.client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_static_files_get_hashed_names_once_collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    assert static("speciosa/site.css") == "/static/speciosa/site.css"  # nothing collected yet: the plain name
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = static("speciosa/site.css")
    assert hashed.startswith("/static/speciosa/site.") and hashed.endswith(".css") and hashed.count(".") == 2
    assert (tmp_path / hashed.removeprefix("/static/")).is_file()
    assert (tmp_path / (hashed.removeprefix("/static/") + ".gz")).is_file()
