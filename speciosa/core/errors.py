"""One error type for bad input anywhere in the core, carrying the path of the offending field."""

from __future__ import annotations


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
