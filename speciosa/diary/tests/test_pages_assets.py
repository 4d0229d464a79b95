"""The pages' assets: one small hand-written stylesheet and one small script (the offline outbox), served locally
(no CDN, no framework)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_stylesheet_is_served_locally_and_stays_small():
    response = Client().get("/static/speciosa/site.css")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (200, "text/css")
    # The patient's tabs, cards and chips, the two voices, the support screen and the workspace (issues 13, 14) took
    # it past 20 KB; it is about 6 KB gzipped, served once and cached for a year (hashed name).
    assert len(body) < 24_000


def test_the_script_is_served_locally_and_stays_small():
    response = Client().get("/static/speciosa/app.js")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (200, "text/javascript")
    assert len(body) < 12_000


def test_every_page_links_only_local_assets():
    page = Client().get("/accounts/login/").content.decode()
    assert ('<link rel="stylesheet" href="/static/speciosa/site.css">' in page, "http" in page) == (True, False)
