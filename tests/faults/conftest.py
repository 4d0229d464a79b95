"""The fault tests share the worker tests' site (tests/workers/site.py); they are marked ``faults``."""

from __future__ import annotations

import pytest

from tests.workers.conftest import database_url, need_redis  # noqa: F401 - fixtures for this folder too


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)
            item.add_marker(pytest.mark.worker)
