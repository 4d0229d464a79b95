"""A share that reaches the end date the patient chose is recorded as ended by the periodic task, once: an entry in
the patient's audit log, and a plain e-mail to each side that names nobody and carries nothing of the record."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from speciosa.audit.models import AuditEntry
from speciosa.clinic.domain import accept_invitation, invite_clinician, revoke_share
from speciosa.clinic.endings import CLINICIAN_SUBJECT, PATIENT_SUBJECT, EndRun
from speciosa.clinic.models import Share
from speciosa.clinic.tasks import end_expired_shares
from speciosa.testing import make_clinician, make_patient

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def _share_until(patient, clinician, ends: dt.datetime) -> Share:
    _, code = invite_clinician(patient, scopes=["diary", "checkins"], expires_at=ends)
    return accept_invitation(clinician, code=code)


@pytest.fixture
def people():
    with time_machine.travel(START, tick=False):
        alice, bob, carol = make_patient("alice"), make_clinician("bob"), make_clinician("carol")
        month = _share_until(alice, bob, START + 30 * DAY)
        year = _share_until(alice, carol, START + 365 * DAY)
    return alice, bob, carol, month, year


def _ends():
    return [(entry.actor_id, entry.patient.username, entry.action, entry.what)
            for entry in AuditEntry.objects.filter(action="share", actor__isnull=True).select_related("patient")]


@pytest.mark.parametrize(("days", "ended"), [(29, []), (30, ["bob"]), (31, ["bob"])])
def test_the_task_ends_only_the_shares_past_their_end_date(people, days, ended):
    alice, bob, carol, month, year = people
    with time_machine.travel(START + days * DAY + dt.timedelta(minutes=5), tick=False):
        run = end_expired_shares.call_local()
    assert sorted(share.clinician.username for share in Share.objects.filter(ended_at__isnull=False)) == ended
    assert run == EndRun(ended=len(ended), emails=2 * len(ended), failed=0)


def test_an_ended_share_is_logged_and_both_sides_told_once_in_plain_words(people):
    alice, bob, carol, month, year = people
    moment = START + 30 * DAY + dt.timedelta(minutes=7)
    with time_machine.travel(moment, tick=False):
        first = end_expired_shares.call_local()
        again = end_expired_shares.call_local()
    assert (first, again) == (EndRun(ended=1, emails=2, failed=0), EndRun(ended=0, emails=0, failed=0))
    assert Share.objects.get(pk=month.pk).ended_at == moment and Share.objects.get(pk=year.pk).ended_at is None
    assert _ends() == [(None, "alice", "share", "sharing with a clinician ended on the end date the patient chose")]
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == [
        ("alice@example.org", PATIENT_SUBJECT), ("bob@example.org", CLINICIAN_SUBJECT)]
    for message in mail.outbox:
        assert [name for name in ("alice", "bob", "carol") if name in message.body.lower()] == []
        assert "http://127.0.0.1:8000/" in message.body
    patient_mail = next(message for message in mail.outbox if message.to == ["alice@example.org"])
    assert "can no longer see your Speciosa record" in patient_mail.body


def test_a_revoked_share_is_not_ended_again_and_an_old_end_is_recorded_without_an_email(people):
    alice, bob, carol, month, year = people
    with time_machine.travel(START + 10 * DAY, tick=False):
        revoke_share(month, by=alice)
    assert Share.objects.get(pk=month.pk).ended_at == START + 10 * DAY  # a revocation is an end too
    with time_machine.travel(START + 365 * DAY + 8 * DAY, tick=False):  # the scheduler was down for over a week
        run = end_expired_shares.call_local()
    assert run == EndRun(ended=1, emails=0, failed=0)
    assert Share.objects.get(pk=year.pk).ended_at == START + 373 * DAY
    assert len(_ends()) == 1 and mail.outbox == []


def test_an_invitation_never_accepted_is_left_alone(people):
    alice = people[0]
    with time_machine.travel(START, tick=False):
        invite_clinician(alice, scopes=["diary"], expires_at=START + 2 * DAY)
    with time_machine.travel(START + 40 * DAY, tick=False):
        assert end_expired_shares.call_local().ended == 1  # bob's month only
    assert Share.objects.filter(accepted_at__isnull=True, ended_at__isnull=False).count() == 0


def test_the_command_line_does_the_same_once(people, speciosa_cli):
    with time_machine.travel(START + 31 * DAY, tick=False):
        first = speciosa_cli("end-shares")
        again = speciosa_cli("end-shares")
    assert (first.exit_code, first.output.strip()) == (0, "1 share ended; 2 e-mails sent, 0 failed.")
    assert (again.exit_code, again.output.strip()) == (0, "0 shares ended; 0 e-mails sent, 0 failed.")


@pytest.fixture
def speciosa_cli():
    from typer.testing import CliRunner

    from speciosa.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize(("minute", "runs"), [(0, True), (15, True), (45, True), (7, False), (59, False)])
def test_the_scheduler_runs_it_every_quarter_hour(minute, runs):
    assert end_expired_shares.task_class().validate_datetime(dt.datetime(2026, 12, 3, 14, minute)) is runs
