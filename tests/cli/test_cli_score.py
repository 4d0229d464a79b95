"""`speciosa score INSTRUMENT ANSWER...`: the score as JSON; bad input exits 3 naming the item. `speciosa remind`."""

import datetime as dt
import json

import pytest
import time_machine
from django.core import mail
from typer.testing import CliRunner

from speciosa.cli import app


def score(*args: str):
    return CliRunner().invoke(app, ["score", *args])


@pytest.mark.parametrize(("args", "expected"), [
    (["phq4", "1", "2", "0", "1"], {"instrument": "phq4", "score": 4.0, "band": "mild", "subscores": {
        "gad2": 3.0, "gad2_screen": "positive", "phq2": 1.0, "phq2_screen": "negative"}}),
    (["peg", "6", "7", "4"], {"instrument": "peg", "score": 5.67, "band": None, "subscores": {}}),
    (["nrs", "8"], {"instrument": "nrs", "score": 8.0, "band": "severe", "subscores": {}}),
    (["dsm5-kud", *"11001000011"], {"instrument": "dsm5-kud", "score": 5.0, "band": "moderate",
                                    "subscores": {"criteria_met": "1, 2, 5, 10, 11"}}),
])
def test_it_prints_the_score_as_json(args, expected):
    result = score(*args)
    assert (result.exit_code, json.loads(result.stdout)) == (0, expected)


@pytest.mark.parametrize(("args", "message"), [
    (["phq4", "1", "2", "0"], "error: answers[3]: is missing"),
    (["phq4", "1", "2", "0", "1", "1"], "error: answers[4]: has no item to answer"),
    (["phq4", "1", "2", "9", "1"], "error: answers[2]: 9 is not an answer to this item; expected 0 to 3"),
    (["peg", "1", "two", "3"], "error: answers[1]: expected a whole number, got 'two'"),
    (["peg", "1", "2.5", "3"], "error: answers[1]: expected a whole number, got '2.5'"),
    (["bdi", "1"], "error: instrument: unknown instrument 'bdi'"),
])
def test_bad_input_exits_3_naming_the_item(args, message):
    result = score(*args)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith(message)


@pytest.mark.django_db
def test_remind_sends_the_due_reminders(speciosa):
    from speciosa.instruments.domain import set_schedule, update_reminders
    from speciosa.testing import make_patient

    morning = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    with time_machine.travel(morning, tick=False):
        alice = make_patient("alice")
        set_schedule(alice, entries={"phq4": "biweekly"})
        update_reminders(alice, email_opt_in=True, quiet_from=dt.time(21), quiet_to=dt.time(8))
        first, second = speciosa("remind"), speciosa("remind")
    assert (first.exit_code, first.stdout.split(";")[0]) == (0, "1 reminder e-mail sent")
    assert second.stdout.startswith("0 reminder e-mails sent; 0 in quiet hours, 1 already reminded today")
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]
