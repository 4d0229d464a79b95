"""Where kratom is legal, regulated or banned, and since when: a dated history per place.

A dose is judged by the law in force on its own date, so each place keeps a history of statuses rather than one
current status. A status may also end on a known day (an emergency rule that lapses): after its ``until`` day the
entry stops applying and the place falls back to its latest earlier entry still in force. Places nest by code (``US-CA-SAN_DIEGO`` inside ``US-CA`` inside ``US``); a city's or county's own
rule applies on top of its state's, and a stricter rule higher up is never loosened by a place below it. The data,
its code scheme and its dating conventions live in ``speciosa/data/jurisdictions.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from speciosa.core.errors import InputError
from speciosa.core.reference import load


class Status(StrEnum):
    LEGAL = "legal"
    REGULATED = "regulated"
    SEVEN_OH_BANNED = "7oh_banned"
    BANNED = "banned"


# Strictness, so that a stricter rule of a larger place wins over a milder rule of a place inside it.
_STRICTNESS = {Status.LEGAL: 0, Status.REGULATED: 1, Status.SEVEN_OH_BANNED: 2, Status.BANNED: 3}
CONFIDENCE_LEVELS = ("H", "M", "L")

# GB, US-FL, US-CA-SAN_DIEGO (see the "scheme" section of the data file).
_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3}(-[A-Z0-9]+(_[A-Z0-9]+)*)?)?$")
_MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class JurisdictionStatus:
    """One status of one place, in force from ``effective`` until the place's next entry, or until its own
    ``until`` day (the last day it applies, inclusive) when it has one.

    ``seven_oh_limit`` says in words what the law counts as a prohibited 7-OH product there (a state's cap differs
    from its neighbour's: 2% of alkaloids, 0.5 mg per gram, 400 ppm); ``no_sale_pregnant_or_breastfeeding`` marks
    a law that forbids selling kratom to pregnant or breastfeeding women (Thailand's Kratom Plant Act);
    ``restriction`` says in plain words what a ban covers when it is narrower than the word suggests (Denver forbids
    selling kratom for human consumption, not owning it)."""

    code: str
    name: str
    status: Status
    minimum_age: int | None
    effective: date
    source: str
    url: str
    checked: date
    note: str
    confidence: str
    until: date | None = None
    seven_oh_limit: str | None = None
    no_sale_pregnant_or_breastfeeding: bool = False
    restriction: str | None = None

    @property
    def bans_leaf(self) -> bool:
        """Kratom itself (natural leaf included) is prohibited."""
        return self.status is Status.BANNED

    @property
    def bans_concentrated_7oh(self) -> bool:
        """Concentrated or synthetic 7-OH products are prohibited (true wherever the leaf is, too)."""
        return self.status in (Status.BANNED, Status.SEVEN_OH_BANNED)

    def applies_on(self, day: date) -> bool:
        """Whether this entry has started and not yet lapsed on ``day`` (a later entry may still replace it)."""
        return self.effective <= day and (self.until is None or day <= self.until)

    def forbids(self, *, concentrated_7oh: bool, age: int | None = None, pregnant_or_breastfeeding: bool = False) -> bool:
        """Whether this status forbids the product for a person of ``age`` (unknown age: age rules not applied)."""
        if self.bans_leaf or (concentrated_7oh and self.bans_concentrated_7oh):
            return True
        if pregnant_or_breastfeeding and self.no_sale_pregnant_or_breastfeeding:
            return True
        return self.minimum_age is not None and age is not None and age < self.minimum_age

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "status": self.status.value, "minimum_age": self.minimum_age,
                "effective": self.effective.isoformat(), "until": None if self.until is None else self.until.isoformat(),
                "seven_oh_limit": self.seven_oh_limit,
                "no_sale_pregnant_or_breastfeeding": self.no_sale_pregnant_or_breastfeeding,
                "restriction": self.restriction,
                "source": self.source, "url": self.url, "checked": self.checked.isoformat(), "note": self.note,
                "confidence": self.confidence}


def validate_code(code: object) -> bool:
    """Whether ``code`` is well formed (``GB``, ``US-FL``, ``US-CA-SAN_DIEGO``); a well-formed place may still be
    one we hold no data for, in which case ``status_on`` returns None."""
    return isinstance(code, str) and bool(_CODE.match(code))


def parent_codes(code: str) -> tuple[str, ...]:
    """The code and its enclosing places, most specific first: US-CA-SAN_DIEGO, US-CA, US."""
    parts = code.split("-")
    return tuple("-".join(parts[:n]) for n in range(len(parts), 0, -1))


def status_on(code: str, day: date) -> JurisdictionStatus | None:
    """The status in force in ``code`` on ``day``, or None when nothing is known for it or any enclosing place.

    The most specific place with an entry in force wins, unless an enclosing place's entry is stricter (a city
    cannot allow what its state bans). Raises InputError("jurisdiction", ...) for a malformed code.
    """
    return lookup(_table(), code, day)


def lookup(table: Mapping[str, tuple[JurisdictionStatus, ...]], code: str, day: date) -> JurisdictionStatus | None:
    """``status_on`` over a given table (one built by ``parse_jurisdictions``) instead of the shipped one."""
    if not validate_code(code):
        raise InputError("jurisdiction", f"{code!r} is not a jurisdiction code such as US-FL, GB or US-CA-SAN_DIEGO")
    if not isinstance(day, date):
        raise InputError("day", f"expected a date, got {type(day).__name__}")
    chosen: JurisdictionStatus | None = None
    for place in parent_codes(code):
        entry = _in_force(table.get(place, ()), day)
        if entry is not None and (chosen is None or _STRICTNESS[entry.status] > _STRICTNESS[chosen.status]):
            chosen = entry
    return chosen


def history(code: str) -> tuple[JurisdictionStatus, ...]:
    """The dated entries held for exactly this place, oldest first (empty when none)."""
    return _table().get(code, ())


def known_codes() -> frozenset[str]:
    return frozenset(_table())


def _in_force(entries: Iterable[JurisdictionStatus], day: date) -> JurisdictionStatus | None:
    current = None
    for entry in entries:  # oldest first, so the last one that has started and not lapsed is in force
        if entry.applies_on(day):
            current = entry
    return current


@cache
def _table() -> dict[str, tuple[JurisdictionStatus, ...]]:
    return parse_jurisdictions(load("jurisdictions"))


def parse_jurisdictions(data: Any) -> dict[str, tuple[JurisdictionStatus, ...]]:
    """Validates the reference file and builds the lookup table; errors name the offending field."""
    if not isinstance(data, dict) or not isinstance(data.get("jurisdictions"), list):
        raise InputError("jurisdictions", "expected an object with a list named 'jurisdictions'")
    table: dict[str, tuple[JurisdictionStatus, ...]] = {}
    for i, row in enumerate(data["jurisdictions"]):
        where = f"jurisdictions[{i}]"
        if not isinstance(row, dict):
            raise InputError(where, "expected an object")
        code = row.get("code")
        if not isinstance(code, str) or not validate_code(code):
            raise InputError(f"{where}.code", f"{code!r} is not a jurisdiction code")
        if code in table:
            raise InputError(f"{where}.code", f"{code} appears twice")
        name = _text(row.get("name"), f"{where}.name")
        confidence = row.get("confidence")
        if confidence not in CONFIDENCE_LEVELS:
            raise InputError(f"{where}.confidence", f"expected one of {', '.join(CONFIDENCE_LEVELS)}")
        checked = _date(row.get("checked"), f"{where}.checked")
        entries = row.get("history")
        if not isinstance(entries, list) or not entries:
            raise InputError(f"{where}.history", "expected a non-empty list of dated statuses")
        built = tuple(_entry(item, f"{where}.history[{j}]", code=code, name=name, checked=checked,
                             confidence=confidence) for j, item in enumerate(entries))
        for j in range(1, len(built)):
            if built[j].effective <= built[j - 1].effective:
                raise InputError(f"{where}.history[{j}].effective", "dates must be strictly increasing")
        table[code] = built
    return table


def _entry(item: Any, where: str, *, code: str, name: str, checked: date, confidence: str) -> JurisdictionStatus:
    if not isinstance(item, dict):
        raise InputError(where, "expected an object")
    try:
        status = Status(str(item.get("status")))
    except ValueError:
        raise InputError(f"{where}.status", f"expected one of {', '.join(s.value for s in Status)}") from None
    age = item.get("minimum_age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 < age < 100):
        raise InputError(f"{where}.minimum_age", "expected a whole number of years or null")
    url = _text(item.get("url"), f"{where}.url")
    if not url.startswith("https://"):
        raise InputError(f"{where}.url", "expected an https address")
    effective = _date(item.get("effective"), f"{where}.effective")
    until = None if item.get("until") is None else _date(item["until"], f"{where}.until")
    if until is not None and until < effective:
        raise InputError(f"{where}.until", "must not be before the effective date")
    limit = None if item.get("seven_oh_limit") is None else _text(item["seven_oh_limit"], f"{where}.seven_oh_limit")
    if limit is not None and status is not Status.SEVEN_OH_BANNED:
        raise InputError(f"{where}.seven_oh_limit", "only a 7oh_banned status carries a 7-OH limit")
    restriction = None if item.get("restriction") is None else _text(item["restriction"], f"{where}.restriction")
    pregnancy = item.get("no_sale_pregnant_or_breastfeeding", False)
    if not isinstance(pregnancy, bool):
        raise InputError(f"{where}.no_sale_pregnant_or_breastfeeding", "expected true or false")
    return JurisdictionStatus(code=code, name=name, status=status, minimum_age=age, effective=effective,
                              source=_text(item.get("source"), f"{where}.source"), url=url, checked=checked,
                              note=_text(item.get("note"), f"{where}.note"), confidence=confidence, until=until,
                              seven_oh_limit=limit, no_sale_pregnant_or_breastfeeding=pregnancy,
                              restriction=restriction)


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, "expected non-empty text")
    if "\x00" in value or len(value) > _MAX_TEXT:
        raise InputError(field, f"must be plain text of at most {_MAX_TEXT} characters")
    return value


def _date(value: Any, field: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise InputError(field, "expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"{value!r} is not a date as YYYY-MM-DD") from None
