"""`speciosa import csv`: a preview by default, the import with --commit, a second import adding nothing."""

from __future__ import annotations

import pytest

from speciosa.diary.models import Checkin, Dose

pytestmark = pytest.mark.django_db

DOSES = ("date,time,iso_timestamp,strain_code,strain_name,amount_g,notes\n"
         "2026-01-05,08:00,2026-01-05T08:00:00.000,MD,Maeng Da,2.5,\n"
         "2026-01-05,12:00,2026-01-05T12:00:00.000,MD,Maeng Da,lots,\n")


@pytest.fixture
def file(tmp_path):
    path = tmp_path / "kratom-tracker.csv"
    path.write_text(DOSES, encoding="utf-8")
    return path


def test_without_commit_it_previews_and_stores_nothing(speciosa, cast, file):
    result = speciosa("import", "csv", str(file), "--user", "alice", "--preset", "kratom-tracker")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Would import 1 dose and 0 check-ins for alice from Kratom Tracker (Herbal Tracker+) (2 rows read; times "
        "without an offset read in America/New_York).",
        "New products (leaf powder): Maeng Da",
        "  5 Jan 2026 08:00: 2.5 g of Maeng Da",
        "Left out: 1 row (0 already in the diary or repeated)",
        "  line 3: the amount 'lots' is not a number of grams",
        "Nothing was stored. Run again with --commit to import.",
    ]
    assert Dose.objects.filter(patient=cast.alice.user, product__name="Maeng Da").count() == 0


def test_with_commit_it_imports_once(speciosa, cast, file):
    first = speciosa("import", "csv", str(file), "--user", "alice", "--preset", "kratom-tracker", "--commit")
    again = speciosa("import", "csv", str(file), "--user", "alice", "--preset", "kratom-tracker", "--commit")
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert first.stdout.startswith("Imported 1 dose and 0 check-ins for alice")
    assert "  line 2: already in your diary" in again.stdout.splitlines()
    assert Dose.objects.filter(patient=cast.alice.user, product__name="Maeng Da").count() == 1


def test_a_column_mapping_from_the_command_line(speciosa, cast, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("Day,Clock,Pain,Mood\n2026-01-05,20:00,4,2\n", encoding="utf-8")
    result = speciosa("import", "csv", str(path), "--user", "alice", "--kind", "checkins", "--map", "date=Day",
                      "--map", "time=Clock", "--map", "pain_now=Pain", "--map", "mood=Mood", "--scale", "1-5",
                      "--commit")
    assert result.exit_code == 0, result.output
    imported = Checkin.objects.get(patient=cast.alice.user, at__date="2026-01-06")  # 20:00 New York is 01:00 UTC
    assert (imported.pain_now, imported.mood) == (8, 2)


@pytest.mark.parametrize(("args", "message"), [
    (("--preset", "daylio"), "error: --preset: unknown preset 'daylio'; expected one of bearable, kratom-tracker\n"),
    (("--kind", "doses", "--map", "amount"), "error: --map: 'amount' is not FIELD=COLUMN (such as amount=Grams)\n"),
    (("--map", "amount=amount_g"), "error: --kind: with --map, say what each row is: doses or checkins\n"),
    (("--kind", "doses", "--map", "amount=amount_g"), "error: --map taken_at: name the column of the date and "
                                                      "time (taken_at), or both date and time\n"),
    (("--kind", "doses", "--map", "amount=Grams"), "error: --map amount: the file has no column 'Grams' (its "
                                                   "columns: date, time, iso_timestamp, strain_code, strain_name, "
                                                   "amount_g, notes)\n"),
    ((), "error: --preset: choose a preset or map the columns yourself (one of the two)\n"),
])
def test_bad_options_are_refused_naming_the_option(speciosa, cast, file, args, message):
    result = speciosa("import", "csv", str(file), "--user", "alice", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", message)


def test_a_missing_file_is_refused(speciosa, cast, tmp_path):
    result = speciosa("import", "csv", str(tmp_path / "none.csv"), "--user", "alice", "--preset", "bearable")
    assert result.exit_code == 3
    assert result.stderr.startswith("error: FILE: cannot read")
