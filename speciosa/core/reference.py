"""Loads the package's versioned reference data (read-only JSON shipped inside ``speciosa/data``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed contents of ``speciosa/data/<name>.json``; cached, so callers may treat it as a constant."""
    text = resources.files("speciosa.data").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)
