"""`speciosa backup FILE` and `speciosa restore FILE`: the whole database to one file (readable by its owner only)
and back. The copying is speciosa.lib.backups (SQLite's online backup API, or pg_dump / pg_restore).

A backup holds every patient's record, so it is an export of each of them: every patient's audit log gets an entry,
written after the copy was taken (so the copy does not hold its own entries). A restore refuses to replace a
database that already has tables unless given --force.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from speciosa.cli.boot import django_ready, fail, input_errors, private_file

BACKUP_OPTIONS = {"file": "FILE"}
FAILED = 1  # a client program or the database failed: not the caller's input

FileArgument = Annotated[Path, typer.Argument(metavar="FILE", dir_okay=False, help="The backup file.")]


def backup(file: FileArgument) -> None:
    """Copy the whole database into FILE while Speciosa runs (SQLite: a database file; PostgreSQL: a pg_dump
    archive, custom format). FILE is readable by its owner only; an existing FILE is replaced."""
    django_ready()
    from django.db import connection

    from speciosa.accounts.enums import Role
    from speciosa.accounts.models import User
    from speciosa.audit.domain import record_command_line_access_many
    from speciosa.audit.enums import Action
    from speciosa.lib.backups import BackupFailed, back_up, table_names

    tables = len(table_names(connection))
    with private_file(file, option="FILE") as temporary:
        try:
            back_up(connection, temporary)
        except BackupFailed as error:
            _failed(str(error))
    patients = record_command_line_access_many(patients=User.objects.filter(role=Role.PATIENT).iterator(),
                                               action=Action.EXPORT, what="whole database (backup)")
    typer.echo(f"Wrote a backup of {_describe(connection)} to {file} ({file.stat().st_size:,} bytes, {tables} "
               f"tables, {patients} patients' records).")


def restore(
    file: FileArgument,
    force: Annotated[bool, typer.Option("--force", help="Replace a database that already has tables.")] = False,
) -> None:
    """Replace the database with the backup in FILE (made by `speciosa backup` on the same kind of database).

    Stop the server and the workers first. A database that already has tables is replaced only with --force."""
    django_ready()
    from django.db import connection

    from speciosa.lib.backups import BackupFailed, check_restorable, table_names
    from speciosa.lib.backups import restore as restore_database

    with input_errors(BACKUP_OPTIONS):
        check_restorable(connection, file)
        existing = table_names(connection)
        if existing and not force:
            fail("", f"{_describe(connection)} is not empty ({len(existing)} tables): a restore replaces everything "
                     "in it. Stop the server and add --force to do that.")
        try:
            restore_database(connection, file)
        except BackupFailed as error:
            _failed(str(error))
    typer.echo(f"Restored {file} into {_describe(connection)} ({len(table_names(connection))} tables).")


def _describe(connection: Any) -> str:
    if connection.vendor == "sqlite":
        return f"the SQLite database {connection.settings_dict['NAME']}"
    return f"the PostgreSQL database {connection.settings_dict['NAME']}"


def _failed(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(FAILED)
