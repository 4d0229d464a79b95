"""E-mail reminders: opt-in, outside quiet hours in the patient's time zone, at most one a day."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from speciosa.instruments.domain import record_response, reminder_settings_of, set_schedule, update_reminders
from speciosa.instruments.reminders import ReminderRun, send_due_reminders
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db
NEW_YORK = dt.timezone(dt.timedelta(hours=-4))  # EDT in March after the 8th


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=NEW_YORK)


@pytest.fixture
def alice():
    with time_machine.travel(at(7), tick=False):
        patient = make_patient("alice")  # America/New_York, alice@example.org
        set_schedule(patient, entries={"peg": "weekly"})
        update_reminders(patient, email_opt_in=True, quiet_from=dt.time(21, 0), quiet_to=dt.time(8, 0))
    return patient


def run(moment: dt.datetime) -> ReminderRun:
    with time_machine.travel(moment, tick=False):
        return send_due_reminders(moment)


def test_no_email_inside_quiet_hours_then_one_after_they_end(alice):
    assert run(at(7, 59)).quiet == 1
    assert mail.outbox == []
    assert run(at(8, 0)).sent == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [(["alice@example.org"], "A questionnaire is due in Speciosa")]
    assert "PEG" not in mail.outbox[0].body  # an inbox is often seen by others


def test_at_most_one_email_a_day_and_a_new_one_the_next_day_if_still_due(alice):
    assert [run(at(9)).sent, run(at(15)).sent, run(at(20, 59)).sent] == [1, 0, 0]
    assert run(at(9, day=11)).sent == 1
    assert len(mail.outbox) == 2


def test_quiet_hours_are_read_in_the_patients_time_zone_not_the_servers(alice):
    # 11:30 UTC is 07:30 in New York (quiet there); 23:00 UTC is 19:00 in New York (not quiet there).
    assert run(dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC)).quiet == 1
    assert run(dt.datetime(2026, 3, 10, 23, 0, tzinfo=dt.UTC)).sent == 1


def test_nothing_is_sent_once_the_questionnaire_is_answered(alice):
    with time_machine.travel(at(8, 30), tick=False):
        record_response(alice, instrument="peg", answers=[3, 3, 3], by=alice)
    assert run(at(9)).nothing_due == 1
    assert mail.outbox == []


def test_patients_who_did_not_opt_in_get_nothing(alice):
    update_reminders(alice, email_opt_in=False, quiet_from=dt.time(21, 0), quiet_to=dt.time(8, 0))
    charlie = make_patient("charlie")
    set_schedule(charlie, entries={"nrs": "daily"})
    assert run(at(10)) == ReminderRun(sent=0, quiet=0, already=0, nothing_due=0, failed=0)
    assert mail.outbox == []


@pytest.mark.parametrize(("quiet_from", "quiet_to", "moment", "quiet"), [
    (dt.time(21, 0), dt.time(8, 0), dt.time(23, 0), True),
    (dt.time(21, 0), dt.time(8, 0), dt.time(3, 0), True),
    (dt.time(21, 0), dt.time(8, 0), dt.time(8, 0), False),
    (dt.time(13, 0), dt.time(14, 0), dt.time(13, 30), True),
    (dt.time(13, 0), dt.time(14, 0), dt.time(14, 30), False),
    (dt.time(0, 0), dt.time(0, 0), dt.time(3, 0), False),
])
def test_quiet_hours_may_run_past_midnight(alice, quiet_from, quiet_to, moment, quiet):
    settings = reminder_settings_of(alice)
    settings.quiet_from, settings.quiet_to = quiet_from, quiet_to
    assert settings.is_quiet(moment) is quiet
