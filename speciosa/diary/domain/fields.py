"""The fields a diary update may name, and the one check that refuses any other.

Each record kind writes its changes as a ``TypedDict`` (``LabChanges`` beside ``update_lab``): mypy checks the
callers that name fields, and ``field_names`` reads the same class at run time, so the list of names the check allows
cannot drift from the types. Callers that pass a dict they built (a page's form, the API's patch) are checked here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import TypeAlias

from speciosa.core.errors import InputError

# A number as each door hands it over: Decimal from a page's form, float or int from JSON and the command line.
Numeric: TypeAlias = float | Decimal


def field_names(changes: type[Mapping[str, object]]) -> tuple[str, ...]:
    """The keys of a ``TypedDict`` of changes, in the order they are written."""
    return tuple(changes.__annotations__)


def refuse_unknown(changes: Mapping[str, object], allowed: Collection[str]) -> None:
    """Raises ``InputError(name, "unknown field")`` for a change outside ``allowed``, before anything is read or
    written. With several, it names the first in alphabetical order, so the answer is the same on every run."""
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise InputError(unknown[0], "unknown field")
