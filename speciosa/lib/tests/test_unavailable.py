"""While the database cannot be reached, every answer is a 503 with Retry-After (JSON under /api/), never a 500.

The outage is a cursor that fails the way psycopg and sqlite3 fail when the server is gone or the file is locked
(Django wraps both into django.db errors); tests/faults/test_postgres_restart.py stops a real PostgreSQL.
"""

import json

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def outage(cast, monkeypatch):
    """After the cast exists, every new cursor fails with ``error`` (set by the test; OperationalError by default)."""
    from django.db import OperationalError

    failure = {"error": OperationalError("connection to server at \"127.0.0.1\", port 5432 failed: Connection "
                                         "refused")}

    def cursor(*args, **kwargs):
        raise failure["error"]

    monkeypatch.setattr(connection, "cursor", cursor)
    return failure


def answer(client: Client, path: str, **extra):
    client.raise_request_exception = False  # as a server answers: the exception becomes a response
    return client.get(path, **extra)


def test_the_api_answers_503_json_with_retry_after_while_the_database_is_down(cast, outage):
    response = answer(Client(), "/api/v1/doses", headers=cast.alice.bearer())
    assert (response.status_code, response["Retry-After"], response["Content-Type"]) == (
        503, "10", "application/json")
    assert json.loads(response.content) == {"detail": [{"field": "database", "message": (
        "Speciosa cannot reach its database just now. Please try again in a few seconds.")}]}


def test_a_page_answers_a_503_page_even_when_the_session_cannot_be_read(cast, outage):
    response = answer(cast.alice.client, "/")
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (503, "10", "no-store")
    assert b"<h1>Back in a moment</h1>" in response.content


def test_an_interface_error_is_an_outage_too(cast, outage):
    from django.db import InterfaceError

    outage["error"] = InterfaceError("connection already closed")
    assert answer(Client(), "/api/v1/doses", headers=cast.alice.bearer()).status_code == 503


def test_any_other_error_stays_a_500_without_retry_after(cast, outage):
    from django.db import ProgrammingError

    outage["error"] = ProgrammingError("relation \"diary_dose\" does not exist")
    response = answer(cast.alice.client, "/")
    assert (response.status_code, response.has_header("Retry-After")) == (500, False)
    assert b"<h1>Something went wrong</h1>" in response.content
