"""Files the CLI writes hold health data: only their owner reads them, and a link never redirects the write."""

import json
import os
import stat

import pytest
import time_machine

from speciosa.reports.tests.story import NOW, seed_four_weeks

pytestmark = pytest.mark.django_db


def export_to(speciosa, target):
    return speciosa("export", "--user", "alice", "--format", "json", "--output", str(target))


def test_an_existing_world_readable_file_is_replaced_by_one_only_its_owner_reads(speciosa, cast, tmp_path):
    target = tmp_path / "alice.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    result = export_to(speciosa, target)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["profile"]["username"] == "alice"


def test_a_symlink_at_the_output_path_is_replaced_and_the_file_it_points_to_is_left_alone(speciosa, cast, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    victim.chmod(0o644)
    link = tmp_path / "alice.json"
    link.symlink_to(victim)
    result = export_to(speciosa, link)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not link.is_symlink()
    assert stat.S_IMODE(link.stat().st_mode) == 0o600


def test_the_report_pdf_does_not_follow_a_symlink_either(speciosa, cast, tmp_path):
    seed_four_weeks(cast.alice.user, cast.alice_product)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "alice.pdf"
    link.symlink_to(victim)
    with time_machine.travel(NOW, tick=False):
        result = speciosa("report", "--user", "alice", "--from", "2026-10-23", "--to", "2026-11-19", "--pdf", str(link))
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert link.read_bytes().startswith(b"%PDF-") and not link.is_symlink()


def test_a_write_into_a_missing_folder_names_the_option_and_leaves_no_temporary_file(speciosa, cast, tmp_path):
    result = export_to(speciosa, tmp_path / "missing" / "alice.json")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("error: --output: cannot write ")
    assert os.listdir(tmp_path) == []


def test_a_failed_rename_leaves_the_existing_file_as_it_was_and_no_temporary_file(speciosa, cast, tmp_path,
                                                                                   monkeypatch):
    target = tmp_path / "alice.json"
    target.write_text("old", encoding="utf-8")

    def refuse(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = export_to(speciosa, target)
    assert (result.exit_code, result.stderr) == (3, f"error: --output: cannot write {target}: Permission denied\n")
    assert os.listdir(tmp_path) == ["alice.json"]
    assert target.read_text(encoding="utf-8") == "old"
