"""Reading command-line values. Each raises InputError naming the field, as the domain's checks do, so a command
reports a bad `--amount` exactly as it reports a bad unit."""

from __future__ import annotations

import datetime as dt
import math

from speciosa.core.errors import InputError


def parse_number(text: str, field: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise InputError(field, f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise InputError(field, "must be a finite number")
    return number


def parse_integer(text: str, field: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InputError(field, f"{text!r} is not a whole number") from None


def parse_whole(text: str | None, field: str) -> int | None:
    """A whole number, or None for an option left out."""
    return None if text is None else parse_integer(text, field)


def parse_moment(text: str, field: str, zone: dt.tzinfo) -> dt.datetime:
    """An ISO 8601 date and time; without an offset it is read in ``zone`` (the patient's own)."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, f"{text!r} is not a date and time such as 2026-11-20T08:30 "
                                "or 2026-11-20T08:30+01:00") from None
    # In UTC, as stored: PostgreSQL refuses an offset beyond ±15:59, which ISO 8601 allows.
    return moment.replace(tzinfo=zone).astimezone(dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def parse_grades(items: list[str], field: str) -> dict[str, int]:
    """`name=grade` pairs (`nausea=1`) as a dict; the names and grades themselves are the domain's to check."""
    grades: dict[str, int] = {}
    for item in items:
        name, equals, grade = item.partition("=")
        name = name.strip()
        if not equals or not name:
            raise InputError(field, f"{item!r} is not name=grade, such as nausea=1")
        if name in grades:
            raise InputError(f"{field}.{name}", "is given twice")
        grades[name] = parse_integer(grade, f"{field}.{name}")
    return grades


def parse_port(text: str) -> int:
    port = parse_integer(text, "port")
    if not 1 <= port <= 65535:
        raise InputError("port", "must be from 1 to 65535")
    return port


def parse_host(text: str) -> str:
    host = text.strip()
    if not host or any(character.isspace() or character in "/?#@" for character in host):
        raise InputError("host", f"{text!r} is not a host name or address such as 127.0.0.1")
    return host
