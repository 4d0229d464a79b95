"""Fault tests start real servers on 127.0.0.1 and break them; each ends everything it started. They share the
worker tests' site (tests/workers/site.py) and are all marked ``faults``."""

from __future__ import annotations

import os

import pytest

from tests.workers.conftest import database_url, need_redis  # noqa: F401 - fixtures for this folder too

from .topology import SHARED_POSTGRES, postgres_admin


def need(available: bool, reason: str) -> None:
    """Skips with ``reason`` when something a fault test needs is missing; in CI (CI=true) that is a failure."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this fault test: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_postgres() -> str:
    """The URL (without a database) of the running PostgreSQL server the fault tests create their databases on."""
    try:
        postgres_admin(SHARED_POSTGRES, "SELECT 1")
        problem = ""
    except Exception as error:  # any driver or connection error: no server to test against
        problem = f"PostgreSQL is not reachable at {SHARED_POSTGRES} ({str(error).strip()[:200]})"
    need(not problem, problem)
    return SHARED_POSTGRES


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)
            item.add_marker(pytest.mark.worker)
