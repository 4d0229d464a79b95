"""Runs the `speciosa` command in-process, against the test database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from speciosa.cli import app

Invoke = Callable[..., Result]


@pytest.fixture
def speciosa(db: None) -> Invoke:
    """``speciosa("log", "dose", ..., input="...")`` -> the result; exceptions propagate instead of being caught."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke
