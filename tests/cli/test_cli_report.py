import stat

import pytest
import time_machine

from speciosa.audit.models import AuditEntry
from speciosa.reports.tests.story import NOW, seed_four_weeks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_writes_the_visit_report_as_a_pdf_only_its_owner_can_read(speciosa, cast, tmp_path):
    seed_four_weeks(cast.alice.user, cast.alice_product)
    target = tmp_path / "alice.pdf"
    result = speciosa("report", "--user", "alice", "--from", "2026-10-23", "--to", "2026-11-19", "--pdf", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Wrote alice's visit report (")
    assert result.stdout.endswith(f"pages, 2026-10-23 to 2026-11-19) to {target}.\n")
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(("args", "message"), [
    (("--user", "nobody", "--from", "2026-10-01", "--to", "2026-10-31"), "error: --user: no user named 'nobody'\n"),
    (("--user", "bob", "--from", "2026-10-01", "--to", "2026-10-31"),
     "error: --user: bob is a clinician, not a patient; only patients keep a diary\n"),
    (("--user", "alice", "--from", "October", "--to", "2026-10-31"),
     "error: --from: 'October' is not a date such as 2026-11-20\n"),
    (("--user", "alice", "--from", "2026-10-31", "--to", "2026-10-01"),
     "error: --to: must not be before the start of the period\n"),
    (("--user", "alice", "--from", "2026-12-01", "--to", "2026-12-31"),
     "error: --from: is in the future: nothing has been recorded yet\n"),
    (("--user", "alice", "--from", "2020-01-01", "--to", "2026-10-31"), "error: --to: a report covers at most 732 days\n"),
])
def test_bad_input_is_refused_naming_the_option_and_nothing_is_written(speciosa, cast, tmp_path, args, message):
    target = tmp_path / "report.pdf"
    result = speciosa("report", *args, "--pdf", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", message)
    assert not target.exists()


def test_the_notes_go_in_only_with_include_notes_for_a_clinician_they_are_shared_with(speciosa, cast, tmp_path):
    seed_four_weeks(cast.alice.user, cast.alice_product)
    for flag, name in (((), "plain.pdf"), (("--include-notes", "--for", "bob"), "notes.pdf")):
        result = speciosa("report", "--user", "alice", "--from", "2026-10-23", "--to", "2026-11-19",
                          "--pdf", str(tmp_path / name), *flag)
        assert result.exit_code == 0, result.output
    assert (tmp_path / "notes.pdf").stat().st_size > (tmp_path / "plain.pdf").stat().st_size


@pytest.mark.parametrize(("flags", "message"), [
    (("--include-notes",), "error: --include-notes: the patient's notes go in only for a clinician"),
    (("--include-notes", "--for", "fay"), "error: --include-notes: the patient's notes go in only for a clinician"),
    (("--for", "dave"), "error: --for: alice does not share their diary with dave"),
    (("--for", "charlie"), "error: --for: no active clinician named 'charlie'"),
])
def test_notes_without_the_patients_consent_are_refused_and_nothing_is_written(speciosa, cast, tmp_path, flags,
                                                                               message):
    target = tmp_path / "refused.pdf"
    result = speciosa("report", "--user", "alice", "--from", "2026-10-23", "--to", "2026-11-19",
                      "--pdf", str(target), *flags)
    assert result.exit_code != 0 and result.stderr.startswith(message), result.output
    assert not target.exists() and not AuditEntry.objects.exists()


def test_each_report_is_an_audit_entry_of_the_patient(speciosa, cast, tmp_path):
    for flags in ((), ("--for", "bob")):
        result = speciosa("report", "--user", "alice", "--from", "2026-10-23", "--to", "2026-11-19",
                          "--pdf", str(tmp_path / "r.pdf"), *flags)
        assert result.exit_code == 0, result.output
    assert sorted(AuditEntry.objects.filter(patient=cast.alice.user).values_list("actor_label", "action", "what")) == [
        ("bob (clinician)", "export", "visit report (PDF), on the command line"),
        ("the command line (server operator)", "export", "visit report (PDF)")]
