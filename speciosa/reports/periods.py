"""The period a chart page or a report covers: checked once, the same way for pages, the API and the command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from speciosa.core.errors import InputError
from speciosa.lib.checks import CALENDAR_MESSAGE, within_calendar

DEFAULT_DAYS = 90  # the charts page opens on the last 90 days
MAX_PERIOD_DAYS = 366 * 2  # two years: the longest a 2-4 page report can summarise with its charts still readable


def parse_day(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif not isinstance(value, str) or "\x00" in value:
        raise InputError(field, "expected a date such as 2026-11-20")
    else:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(field, f"{value!r} is not a date such as 2026-11-20") from None
    if not within_calendar(day):  # 0001-01-01 would overflow the report's time-zone arithmetic
        raise InputError(field, CALENDAR_MESSAGE)
    return day


def check_period(start: dt.date, end: dt.date, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """``start`` to ``end`` inclusive; InputError names "from" or "to" when they do not make a period."""
    if end < start:
        raise InputError("to", "must not be before the start of the period")
    if start > today:
        raise InputError("from", "is in the future: nothing has been recorded yet")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise InputError("to", f"a report covers at most {MAX_PERIOD_DAYS} days")
    return start, end


def last_days(days: int, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """The ``days`` days ending today."""
    return today - dt.timedelta(days=days - 1), today
