"""`speciosa migrate`: creates or updates the database tables."""

from __future__ import annotations

from typing import Any

import typer

from speciosa.cli.boot import django_ready


def migrate_quietly() -> None:
    """Applies any pending migrations; for the embedded default this also creates the SQLite file."""
    django_ready()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def migrate() -> None:
    """Apply database migrations (creates the embedded database on first use)."""
    migrate_quietly()
    from django.db import connection

    typer.echo(f"The database is up to date ({_describe(connection)}).")


def _describe(connection: Any) -> str:
    if connection.vendor == "sqlite":
        return f"SQLite, {connection.settings_dict['NAME']}"
    return f"{connection.vendor}, database {connection.settings_dict['NAME']}"
