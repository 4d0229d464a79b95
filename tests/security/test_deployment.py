"""Deployment hardening outside the settings modules: the CSRF cookie no script can read, and the client address
the sign-in throttling counts behind proxies (the demo's refusal of production settings: tests/cli/test_cli_demo.py)."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings

from speciosa.lib.client_ip import client_ip

pytestmark = pytest.mark.django_db


def test_the_csrf_cookie_is_http_only():
    response = Client().get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"] is True


def a_request(forwarded: str | None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", headers=headers)


@pytest.mark.parametrize(("count", "forwarded", "expected"), [
    (0, "203.0.113.9", "10.0.0.2"),  # no proxy configured: a client's header is not believed
    (1, "203.0.113.9", "203.0.113.9"),
    (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is never read
    (2, "6.6.6.6, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
    (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: the connection's address
    (1, None, "10.0.0.2"),
])
def test_the_throttled_address_is_the_one_the_outermost_trusted_proxy_saw(count, forwarded, expected):
    with override_settings(SPECIOSA_PROXY_COUNT=count):
        assert client_ip(a_request(forwarded)) == expected


def test_behind_a_proxy_failed_sign_ins_lock_out_the_forwarded_address_not_everyone(cast):
    with override_settings(SPECIOSA_PROXY_COUNT=1):
        attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
        for _ in range(5):
            Client().post("/accounts/login/", {"username": "alice", "password": "wrong"}, **attacker)
        locked = Client().post("/accounts/login/", {"username": "alice", "password": "wrong"}, **attacker)
        assert locked.status_code == 429
        assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
