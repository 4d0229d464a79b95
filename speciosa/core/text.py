"""Free-text checks shared by every entry point: no NUL characters (PostgreSQL rejects them), bounded length."""

from __future__ import annotations

from typing import Any

from speciosa.core.errors import InputError


def clean_text(value: Any, field: str, *, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(field, f"expected text, got {type(value).__name__}")
    if "\x00" in value:
        raise InputError(field, "contains a NUL character, which cannot be stored")
    value = value.strip()
    if len(value) > max_length:
        raise InputError(field, f"is {len(value)} characters long; at most {max_length} are allowed")
    if required and not value:
        raise InputError(field, "is required")
    return value
