"""`speciosa backup` and `speciosa restore`: a round trip gives back every table row for row, on SQLite and PostgreSQL.

The in-process commands work on the test database; the restore into an empty database runs the real command in a
child process against a new database (a SQLite file, or a PostgreSQL database beside the test database).
"""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from speciosa.audit.domain import COMMAND_LINE
from speciosa.audit.models import AuditEntry
from speciosa.diary.domain import record_dose

# Committed data (the child process and pg_dump read it); transactional_db also empties the audit log before the flush.
pytestmark = pytest.mark.usefixtures("transactional_db")
REPO = Path(__file__).resolve().parents[2]


def contents(cursor, vendor: str) -> dict:
    """Every table's rows (sorted), and the schema: tables, indexes and triggers; on PostgreSQL the sequences too."""
    if vendor == "sqlite":
        cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                       "ORDER BY type, name")
        schema = cursor.fetchall()
        tables = [name for kind, name, _, _ in schema if kind == "table"]
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
        tables = [name for (name,) in cursor.fetchall()]
        cursor.execute("SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_statement "
                       "FROM information_schema.triggers WHERE trigger_schema = current_schema() ORDER BY 1, 2, 4")
        triggers = cursor.fetchall()
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1")
        indexes = cursor.fetchall()
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() "
                       "ORDER BY 1")
        schema = [tables, triggers, indexes, cursor.fetchall()]
    rows = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names read from the catalogue above)
        rows[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return {"schema": [list(map(tuple, part)) if isinstance(part, list) else part for part in schema], "rows": rows}


def this_database() -> dict:
    """The test database's contents, read the way the restored copy is read (committed data: transactional_db)."""
    if connection.vendor == "sqlite":  # in memory: only Django's own connection reaches it
        with connection.cursor() as cursor:
            return contents(cursor, "sqlite")
    import psycopg

    with psycopg.connect(dbname=connection.settings_dict["NAME"], **server_of(connection.settings_dict)) as copy:
        return contents(copy.cursor(), "postgresql")


def server_of(params: dict) -> dict:
    return {"host": params["HOST"] or None, "port": params["PORT"] or None, "user": params["USER"] or None,
            "password": params["PASSWORD"] or None}


def other_database(tmp_path: Path):
    """(the environment of a child process that uses a new empty database, a function reading that database's
    contents, a function dropping it)."""
    env = {key: value for key, value in os.environ.items() if key not in ("SPECIOSA_DB", "SPECIOSA_TEST_DB")}
    env["SPECIOSA_HOME"] = str(tmp_path / "home")
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        target = tmp_path / "restored.sqlite3"
        env["SPECIOSA_DB"] = str(target)

        def read() -> dict:
            import sqlite3

            # Read as Django reads (its converters turn timestamps into datetimes), to compare like with like.
            with sqlite3.connect(target, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES) as copy:
                return contents(copy.cursor(), "sqlite")

        return env, read, lambda: None
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_restored"
    server = server_of(params)

    def admin(statement: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as maintenance:
            maintenance.execute(statement)

    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"

    def read_pg() -> dict:
        with psycopg.connect(dbname=name, **server) as copy:
            return contents(copy.cursor(), "postgresql")

    return env, read_pg, lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_database_is_identical_table_by_table(speciosa, cast, tmp_path):
    before = this_database()
    backup = tmp_path / "speciosa.backup"
    result = speciosa("backup", str(backup))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    env, read_restored, drop = other_database(tmp_path)
    try:
        done = subprocess.run([sys.executable, "-m", "speciosa.cli", "restore", str(backup)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120)
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.startswith(f"Restored {backup} into the ")
        restored = read_restored()
    finally:
        drop()
    assert restored["schema"] == before["schema"]
    assert restored["rows"] == before["rows"]
    assert sum(map(len, before["rows"].values())) > 50  # the cast's records, shares, tokens and audit entries


def test_a_backup_is_an_export_of_every_patient_in_their_audit_log(speciosa, cast, tmp_path):
    result = speciosa("backup", str(tmp_path / "speciosa.backup"))
    assert result.exit_code == 0, result.output
    entries = AuditEntry.objects.filter(what="whole database (backup)").order_by("patient__username")
    assert [(entry.patient.username, entry.action, entry.actor_label) for entry in entries] == [
        ("alice", "export", COMMAND_LINE), ("charlie", "export", COMMAND_LINE)]
    assert result.stdout.endswith("tables, 2 patients' records).\n")


def test_a_restore_refuses_a_database_with_tables_and_with_force_replaces_it_with_the_backup(speciosa, cast,
                                                                                             tmp_path):
    before = this_database()
    backup = tmp_path / "speciosa.backup"
    assert speciosa("backup", str(backup)).exit_code == 0
    record_dose(cast.alice.user, by=cast.alice.user, product=cast.alice_product, amount=2, unit="g")
    changed = this_database()

    refused = speciosa("restore", str(backup))
    assert refused.exit_code == 3
    tables = len(before["rows"])
    assert refused.stderr.endswith(f"is not empty ({tables} tables): a restore replaces everything in it. Stop the "
                                   "server and add --force to do that.\n")
    assert this_database() == changed

    forced = speciosa("restore", "--force", str(backup))
    assert forced.exit_code == 0, forced.output
    assert this_database() == before


def test_a_file_that_is_not_a_backup_is_refused_naming_it(speciosa, cast, tmp_path):
    stranger = tmp_path / "notes.txt"
    stranger.write_text("not a database", encoding="utf-8")
    result = speciosa("restore", "--force", str(stranger))
    assert (result.exit_code, result.stderr) == (
        3, f"error: FILE: {stranger} is not a Speciosa backup (neither a SQLite database nor a pg_dump archive)\n")


def test_a_backup_of_the_other_kind_of_database_is_refused_saying_how_to_restore_it(speciosa, cast, tmp_path):
    other = tmp_path / "other.backup"
    if connection.vendor == "sqlite":
        other.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(64))
        expected = (f"error: FILE: {other} is a backup of a PostgreSQL database; this installation uses SQLite: "
                    "restore it with DATABASE_URL set to a PostgreSQL database\n")
    else:
        import sqlite3

        with sqlite3.connect(other) as database:
            database.execute("CREATE TABLE django_migrations (id integer)")
        expected = (f"error: FILE: {other} is a backup of a SQLite database; this installation uses PostgreSQL: "
                    "restore it with DATABASE_URL unset (the embedded SQLite database)\n")
    before = this_database()
    result = speciosa("restore", "--force", str(other))
    assert (result.exit_code, result.stderr) == (3, expected)
    assert this_database() == before
