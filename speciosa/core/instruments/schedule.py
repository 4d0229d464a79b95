"""When a questionnaire is next due, from how often it is asked and the day it was last answered.

Days are calendar days in the patient's own time zone (the caller converts). A questionnaire never answered is due
at once; one answered is due again a day, a week, two weeks or a calendar month after the day it was answered
(a month after 31 January is the last day of February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from speciosa.core.errors import InputError
from speciosa.core.instruments.model import Frequency

STEP_DAYS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}


def frequency_of(value: Any, field: str = "frequency") -> Frequency:
    try:
        return Frequency(value)
    except ValueError:
        raise InputError(field, f"unknown frequency {value!r}; expected one of "
                                f"{', '.join(f.value for f in Frequency)}") from None


def after(day: dt.date, frequency: Frequency) -> dt.date:
    """The day one period after ``day``."""
    if frequency is Frequency.MONTHLY:
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return day + dt.timedelta(days=STEP_DAYS[frequency])


def next_due(frequency: Frequency, last_answered: dt.date | None, *, today: dt.date) -> dt.date:
    """The day the questionnaire is (or was) next due; a day on or before ``today`` means it is due now."""
    if last_answered is None:
        return today
    return after(last_answered, frequency)


def is_due(frequency: Frequency, last_answered: dt.date | None, *, today: dt.date) -> bool:
    return next_due(frequency, last_answered, today=today) <= today


def due_days(frequency: Frequency, last_answered: dt.date | None, *, today: dt.date,
             until: dt.date) -> list[dt.date]:
    """The days from ``today`` to ``until`` (inclusive) the questionnaire falls due, if each is answered on time."""
    day = max(next_due(frequency, last_answered, today=today), today)
    days = []
    while day <= until:
        days.append(day)
        day = after(day, frequency)
    return days
