"""Crisis lines by place: the national line a person with thoughts of suicide or in crisis can call, with its source.

The data live in ``speciosa/data/crisis_lines.json``, keyed by the jurisdiction codes of ``jurisdictions.json``; a
place inherits its country's line (US-FL gets the US row). A place without a checked row gets None, and whoever shows
the line falls back to "a crisis line or your local emergency number" rather than guess a number: a wrong number in
a crisis is worse than none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from speciosa.core.errors import InputError
from speciosa.core.jurisdictions import parent_codes, validate_code
from speciosa.core.reference import load

_MAX_TEXT = 1000


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """One place's line. ``phone`` is written as it is dialled there; ``text`` takes text messages (None: no text
    service checked); ``url`` is the page the row was checked against on ``checked``."""

    code: str
    country: str
    service: str
    phone: str
    text: str | None
    website: str | None
    hours: str
    cost: str
    source: str
    url: str
    checked: date
    note: str

    def how_to_reach(self) -> str:
        """Plain words for the patient: ``call 988 or text 988 (988 Suicide & Crisis Lifeline)``."""
        reach = f"call {self.phone}" + (f" or text {self.text}" if self.text else "")
        return f"{reach} ({self.service})"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "service": self.service, "phone": self.phone,
                "text": self.text, "website": self.website, "hours": self.hours, "cost": self.cost,
                "source": self.source, "url": self.url, "checked": self.checked.isoformat(), "note": self.note}


def for_jurisdiction(code: object) -> CrisisLine | None:
    """The line for a place or the nearest enclosing place that has one; None for no place, an unknown place or a
    malformed code (a patient's jurisdiction is free text in the snapshot, and a crisis message must not fail)."""
    return lookup(_table(), code)


def lookup(table: Mapping[str, CrisisLine], code: object) -> CrisisLine | None:
    """``for_jurisdiction`` over a given table (one built by ``parse_crisis_lines``) instead of the shipped one."""
    if not isinstance(code, str) or not validate_code(code):
        return None
    return next((table[place] for place in parent_codes(code) if place in table), None)


def all_lines() -> tuple[CrisisLine, ...]:
    return tuple(_table().values())


@cache
def _table() -> dict[str, CrisisLine]:
    return parse_crisis_lines(load("crisis_lines"))


def parse_crisis_lines(data: Any) -> dict[str, CrisisLine]:
    """Validates the reference file and builds the lookup table; errors name the offending field."""
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise InputError("lines", "expected an object with a list named 'lines'")
    table: dict[str, CrisisLine] = {}
    for index, row in enumerate(data["lines"]):
        where = f"lines[{index}]"
        if not isinstance(row, dict):
            raise InputError(where, "expected an object")
        code = row.get("code")
        if not isinstance(code, str) or not validate_code(code):
            raise InputError(f"{where}.code", f"{code!r} is not a jurisdiction code")
        if code in table:
            raise InputError(f"{where}.code", f"{code} appears twice")
        table[code] = CrisisLine(
            code=code, country=_text(row, "country", where), service=_text(row, "service", where),
            phone=_text(row, "phone", where), text=_optional(row, "text", where),
            website=_address(row, "website", where, optional=True), hours=_text(row, "hours", where),
            cost=_text(row, "cost", where, empty=True), source=_text(row, "source", where),
            url=str(_address(row, "url", where)), checked=_date(row, "checked", where),
            note=_text(row, "note", where, empty=True))
    return table


def _text(row: Mapping[str, Any], name: str, where: str, *, empty: bool = False) -> str:
    value = row.get(name)
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise InputError(f"{where}.{name}", "expected text" if empty else "expected non-empty text")
    if "\x00" in value or len(value) > _MAX_TEXT:
        raise InputError(f"{where}.{name}", f"must be plain text of at most {_MAX_TEXT} characters")
    return value


def _optional(row: Mapping[str, Any], name: str, where: str) -> str | None:
    return None if row.get(name) is None else _text(row, name, where)


def _address(row: Mapping[str, Any], name: str, where: str, *, optional: bool = False) -> str | None:
    if optional and row.get(name) is None:
        return None
    value = _text(row, name, where)
    if not value.startswith("https://"):
        raise InputError(f"{where}.{name}", "expected an https address")
    return value


def _date(row: Mapping[str, Any], name: str, where: str) -> date:
    value = row.get(name)
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{where}.{name}", f"{value!r} is not a date as YYYY-MM-DD")
