"""When a questionnaire falls due again."""

import datetime as dt

import pytest

from speciosa.core.errors import InputError
from speciosa.core.instruments.model import Frequency
from speciosa.core.instruments.schedule import due_days, frequency_of, is_due, next_due

D = dt.date


@pytest.mark.parametrize(("frequency", "last", "expected"), [
    (Frequency.DAILY, D(2026, 3, 1), D(2026, 3, 2)),
    (Frequency.WEEKLY, D(2026, 3, 1), D(2026, 3, 8)),
    (Frequency.BIWEEKLY, D(2026, 3, 1), D(2026, 3, 15)),
    (Frequency.MONTHLY, D(2026, 1, 31), D(2026, 2, 28)),
    (Frequency.MONTHLY, D(2026, 12, 15), D(2027, 1, 15)),
    (Frequency.WEEKLY, None, D(2026, 3, 10)),
])
def test_the_next_due_day_is_one_period_after_the_last_answer(frequency, last, expected):
    assert next_due(frequency, last, today=D(2026, 3, 10)) == expected


def test_a_questionnaire_is_due_on_its_day_and_after_but_not_before():
    last = D(2026, 3, 1)
    assert [is_due(Frequency.WEEKLY, last, today=D(2026, 3, day)) for day in (7, 8, 20)] == [False, True, True]


def test_due_days_lists_the_coming_occasions_from_today():
    assert due_days(Frequency.WEEKLY, D(2026, 2, 1), today=D(2026, 3, 10), until=D(2026, 3, 31)) == [
        D(2026, 3, 10), D(2026, 3, 17), D(2026, 3, 24), D(2026, 3, 31)]


def test_an_unknown_frequency_names_the_field():
    with pytest.raises(InputError) as raised:
        frequency_of("hourly", "schedule[0].frequency")
    assert raised.value.field == "schedule[0].frequency"
