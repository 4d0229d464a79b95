"""Fixtures of the worker and fault tests: a real site in subprocesses (tests/workers/site.py)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workers.site import TEST_REDIS_URL, Site, redis_answers


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/workers/" in str(item.fspath) or "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.worker)


def need_redis(url: str) -> None:
    if not redis_answers(url):
        message = f"no Redis answers at {url} (set SPECIOSA_TEST_REDIS_URL)"
        if os.environ.get("SPECIOSA_REQUIRE_REDIS") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def database_url() -> Iterator[str]:
    """'' for the embedded SQLite file; with DATABASE_URL (the PostgreSQL run), a database of the test's own."""
    base = os.environ.get("DATABASE_URL", "")
    if not base:
        yield ""
        return
    import psycopg

    name = f"h_queue_{uuid.uuid4().hex[:10]}"
    server = base.rsplit("/", 1)[0]
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(server + "/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite-queue", "redis-queue"])
def site(request: pytest.FixtureRequest, tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
         ) -> Iterator[Site]:
    """A migrated site whose queue is a SQLite file (the embedded default) or the real Redis."""
    redis_url = ""
    if request.param == "redis-queue":
        need_redis(TEST_REDIS_URL)
        redis_url = TEST_REDIS_URL
    built = Site(tmp_path, redis_url=redis_url, database_url=database_url)
    built.env["SPECIOSA_QUEUE_NAME"] = f"speciosa-test-{uuid.uuid4().hex[:8]}"
    built.migrate()
    try:
        yield built
    finally:
        built.close()
