"""One error type for bad input anywhere in the core, carrying the path of the offending field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


class InputError(ValueError):
    """Bad input, with the dotted path of the field it concerns (``doses[3].unit``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message

    def within(self, prefix: str) -> InputError:
        """The same error seen from an enclosing structure (``amount`` becomes ``doses[3].amount``)."""
        joined = f"{prefix}.{self.field}" if self.field and not self.field.startswith("[") else f"{prefix}{self.field}"
        return InputError(joined, self.message)


class InputErrors(InputError):
    """Several bad fields found in one pass, so a person can fix them all at once.

    It is an InputError whose field and message are the first problem's: a door that shows one error keeps working;
    the pages and the API show every one of ``errors``.
    """

    def __init__(self, errors: Sequence[InputError]) -> None:
        if not errors:
            raise ValueError("InputErrors needs at least one error")
        flat = tuple(item for error in errors for item in (error.errors if isinstance(error, InputErrors) else (error,)))
        super().__init__(flat[0].field, flat[0].message)
        self.errors: tuple[InputError, ...] = flat


def each_error(error: InputError) -> tuple[InputError, ...]:
    """The single errors inside ``error``: itself, or every one of an InputErrors."""
    return error.errors if isinstance(error, InputErrors) else (error,)


class ErrorCollector:
    """Runs checks one after another and keeps every InputError instead of stopping at the first.

    ``check(lambda: ...)`` returns the check's value, or None when it failed; ``raise_any()`` raises them together.
    """

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def check(self, run: Callable[[], T]) -> T | None:
        try:
            return run()
        except InputError as error:
            self.errors.extend(each_error(error))
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.append(InputError(field, message))

    def failed(self, field: str) -> bool:
        """True when a check already refused ``field`` (or a part of it), so a later check need not repeat it."""
        return any(error.field == field or error.field.startswith((f"{field}.", f"{field}[")) for error in self.errors)

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InputErrors(self.errors)
