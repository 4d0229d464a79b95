"""Validation shared by the diary's writes; each raises InputError naming the field."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from speciosa.core.errors import InputError
from speciosa.core.units import check_number

# A clock on a phone can run a little fast; anything further ahead is a mistake, not a dose.
FUTURE_TOLERANCE = dt.timedelta(minutes=10)
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
# The years any date or time may name. Python's calendar runs from 1 to 9999, but a week before 0001-01-01 or a UTC
# conversion near 9999-12-31 overflows (a 500); no dose, plan or lab result is that old or that late.
FIRST_YEAR, LAST_YEAR = 1900, 2200
CALENDAR_MESSAGE = f"must be between the years {FIRST_YEAR} and {LAST_YEAR}"


def within_calendar(value: dt.date) -> bool:
    """True when ``value`` (a date or a date and time) falls in the years FIRST_YEAR to LAST_YEAR."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def check_moment(value: Any, field: str, *, now: dt.datetime | None = None) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise InputError(field, "expected a date and time")
    if timezone.is_naive(value):
        raise InputError(field, "needs a time zone offset")
    now = now or timezone.now()
    if value > now + FUTURE_TOLERANCE:
        raise InputError(field, f"{value.isoformat()} is in the future")
    if value < EARLIEST:
        raise InputError(field, f"{value.isoformat()} is too long ago")
    # In UTC, as it is stored: an offset beyond ±15:59 (which ISO 8601 and Python allow) is refused by PostgreSQL.
    return value.astimezone(dt.UTC)


def check_date(value: Any, field: str, *, allow_future: bool = True) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InputError(field, "expected a date (YYYY-MM-DD)")
    if value.year < FIRST_YEAR:
        raise InputError(field, "is too long ago")
    if not allow_future and value > timezone.now().date() + dt.timedelta(days=1):
        raise InputError(field, "is in the future")
    if not within_calendar(value):
        raise InputError(field, CALENDAR_MESSAGE)
    return value


def check_decimal(value: Any, field: str, *, minimum: float, maximum: float, places: int = 3,
                  exclusive_minimum: bool = False, optional: bool = False) -> Decimal | None:
    if value is None and optional:
        return None
    if isinstance(value, Decimal):
        value = float(value)
    number = check_number(value, field, minimum=minimum, maximum=maximum, exclusive_minimum=exclusive_minimum)
    try:
        return Decimal(str(number)).quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        raise InputError(field, "is not a valid number") from None


def check_score(value: Any, field: str, *, maximum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or float(value) != int(value):
        raise InputError(field, f"expected a whole number from 0 to {maximum}")
    if not 0 <= int(value) <= maximum:
        raise InputError(field, f"must be from 0 to {maximum}")
    return int(value)


def check_grades(value: Any, field: str, allowed: list[str]) -> dict[str, int]:
    """Symptom grades {name: 0-3}; names from ``allowed`` only, zero grades dropped."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(field, "expected an object of symptom: grade (0-3)")
    grades: dict[str, int] = {}
    for name, grade in value.items():
        if name not in allowed:
            raise InputError(f"{field}.{name}", f"unknown symptom; expected one of {', '.join(allowed)}")
        checked = check_score(grade, f"{field}.{name}", maximum=3)
        if checked:
            grades[name] = checked
    return grades


def check_client_id(value: Any, field: str = "client_id") -> uuid.UUID | None:
    """The id a phone gives a record it may send more than once (an offline queue retrying): a UUID, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str) and "\x00" not in value:
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            pass
    raise InputError(field, "expected a UUID such as 3f2a8c1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b")
