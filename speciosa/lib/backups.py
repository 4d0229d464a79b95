"""Copying the whole database to one file and back: SQLite's online backup API, or pg_dump / pg_restore.

Both work on the database Django is configured with (its ``default`` connection), while the application runs:

- SQLite: ``sqlite3.Connection.backup`` copies a consistent snapshot page by page (WAL lets writers go on); the copy
  is switched to a rollback journal, so it is one self-contained file. A restore copies the backup's pages over the
  configured database in one step, replacing everything in it.
- PostgreSQL: ``pg_dump --format=custom`` (compressed, restorable table by table). A restore drops every table of the
  configured schema and loads the archive through ``psql --single-transaction``: it replaces everything, or, if any
  statement fails, changes nothing. Owners and grants are not restored (``--no-owner --no-privileges``): the tables
  belong to the role Speciosa connects as. The client programs come from PostgreSQL (Debian: postgresql-client) and
  are given the connection's password in the environment, never on the command line.

Nothing here decides whether a restore may replace data, or records who made a copy: the command does
(speciosa.cli.backup). Errors about the file raise ``InputError("file", ...)``; a failed client program raises
``BackupFailed`` with its own message.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from speciosa.core.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
MARKER_TABLE = "django_migrations"  # every Speciosa database has it, from the first migration on
DROP_EVERY_TABLE = """DO $$ DECLARE name text; BEGIN
  FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', name);
  END LOOP;
END $$;"""


class BackupFailed(Exception):
    """A client program (pg_dump, pg_restore, psql) failed or is missing; the message says which and why."""


def kind_of(path: Path) -> str:
    """``sqlite`` or ``postgresql`` from the file's first bytes; InputError for anything else."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise InputError("file", f"cannot read {path}: {error.strerror or error}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise InputError("file", f"{path} is not a Speciosa backup (neither a SQLite database nor a pg_dump archive)")


def table_names(connection: Any) -> list[str]:
    """The tables of the configured database (of the connection's schema, on PostgreSQL)."""
    with connection.cursor() as cursor:
        return list(connection.introspection.table_names(cursor))


def back_up(connection: Any, target: Path) -> None:
    """Writes a copy of the whole database into ``target`` (an existing file, which it replaces)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # the copy is one file, without -wal and -shm beside it
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--compress=6", f"--file={target}"], connection.settings_dict)
    else:
        raise BackupFailed(f"backups of a {connection.vendor} database are not supported")


def restore(connection: Any, source: Path) -> None:
    """Replaces everything in the configured database with the backup in ``source``."""
    if check_restorable(connection, source) == "sqlite":
        _restore_sqlite(connection, source)
    else:
        _restore_postgresql(connection, source)


def check_restorable(connection: Any, source: Path) -> str:
    """The backup's kind, if it fits the configured database; else InputError saying how to restore it."""
    kind = kind_of(source)
    if kind != connection.vendor:
        where = "DATABASE_URL unset (the embedded SQLite database)" if kind == "sqlite" else \
            "DATABASE_URL set to a PostgreSQL database"
        raise InputError("file", f"{source} is a backup of a {_label(kind)} database; this installation uses "
                                 f"{_label(connection.vendor)}: restore it with {where}")
    return kind


def _label(vendor: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)


def _restore_sqlite(connection: Any, source: Path) -> None:
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup:
            found = backup.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                   [MARKER_TABLE]).fetchone()[0]
            if not found:
                raise InputError("file", f"{source} is a SQLite database but not a Speciosa backup "
                                         f"(it has no {MARKER_TABLE} table)")
            connection.ensure_connection()
            backup.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise InputError("file", f"cannot read {source} as a SQLite database: {error}") from None


def _restore_postgresql(connection: Any, source: Path) -> None:
    listing = _run(["pg_restore", "--list", str(source)], connection.settings_dict, database=False)
    if not re.search(rf"\bTABLE \S+ {MARKER_TABLE}\b", listing):
        raise InputError("file", f"{source} is a pg_dump archive but not of a Speciosa database "
                                 f"(it has no {MARKER_TABLE} table)")
    connection.close()  # hold no lock on the tables about to be dropped
    env = _client_env(connection.settings_dict)
    reader = _start(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-",
                     str(source)], env, stdout=subprocess.PIPE)
    try:
        loaded = subprocess.run(["psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                                 f"--command={DROP_EVERY_TABLE}", "--file=-"],
                                stdin=reader.stdout, env=env, capture_output=True, text=True, check=False)
    finally:
        assert reader.stdout is not None  # noqa: S101 (opened with PIPE above)
        reader.stdout.close()
        reader_error = reader.stderr.read().decode("utf-8", "replace") if reader.stderr else ""
        reader.wait()
    if reader.returncode != 0:
        raise BackupFailed(f"pg_restore failed: {reader_error.strip() or f'exit status {reader.returncode}'}")
    if loaded.returncode != 0:
        raise BackupFailed(f"psql failed, nothing was changed: {loaded.stderr.strip()}")


def _client_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the configured database: no password on a command line others can list."""
    env = dict(os.environ)
    values = {"PGDATABASE": settings_dict.get("NAME"), "PGUSER": settings_dict.get("USER"),
              "PGPASSWORD": settings_dict.get("PASSWORD"), "PGHOST": settings_dict.get("HOST"),
              "PGPORT": settings_dict.get("PORT"),
              "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode")}
    env.update({name: str(value) for name, value in values.items() if value})
    return env


def _start(command: list[str], env: dict[str, str], **streams: Any) -> subprocess.Popen[bytes]:
    if shutil.which(command[0]) is None:
        raise BackupFailed(f"{command[0]} was not found: install PostgreSQL's client programs "
                           "(Debian: apt-get install postgresql-client)")
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, **streams)


def _run(command: list[str], settings_dict: dict[str, Any], *, database: bool = True) -> str:
    env = _client_env(settings_dict) if database else dict(os.environ)
    process = _start(command, env, stdout=subprocess.PIPE)
    out, err = process.communicate()
    if process.returncode != 0:
        message = err.decode("utf-8", "replace").strip() or f"exit status {process.returncode}"
        raise BackupFailed(f"{command[0]} failed: {message}")
    return out.decode("utf-8", "replace")
