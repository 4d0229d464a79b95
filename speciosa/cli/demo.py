"""`speciosa demo`: loads the synthetic demo (once) and serves it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from speciosa.cli.boot import django_ready, fail, input_errors
from speciosa.cli.database import migrate_quietly
from speciosa.cli.parsing import parse_host, parse_integer, parse_port
from speciosa.cli.serve import HostOption, PortOption, serve_forever, url_of

DEMO_OPTIONS = {"patients": "--patients", "seed": "--seed", "host": "--host", "port": "--port"}


def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only load the demo; do not start the server.")] = False,
    patients: Annotated[str, typer.Option("--patients", metavar="N", help="How many demo patients (1-99).")] = "25",
    host: HostOption = "127.0.0.1",
    port: PortOption = "8000",
    seed: Annotated[str, typer.Option("--seed", metavar="S", help="Seed of the synthetic data.")] = "2026",
) -> None:
    """Load the synthetic demo (a clinician and invented patients), then serve it.

    Running it again adds nothing: people already in the database are left as they are.
    """
    with input_errors(DEMO_OPTIONS):
        count, seed_number = parse_integer(patients, "patients"), parse_integer(seed, "seed")
        address, number = parse_host(host), parse_port(port)
    refuse_production()
    migrate_quietly()
    from speciosa.demo import DEMO_PASSWORD, load_demo

    console, errors = Console(), Console(stderr=True)
    with input_errors(DEMO_OPTIONS), Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        # On stderr, and only on a terminal: stdout stays the summary alone, and a log gets no bar remnants.
        console=errors, transient=True, disable=not errors.is_terminal,
    ) as bar:
        task = bar.add_task("Loading the demo", total=None)

        def advance(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=f"Loading the demo: {label}")

        summary = load_demo(patients=count, seed=seed_number, progress=advance)
    if summary.already_loaded:
        console.print("The demo is already loaded; nothing was added.")
    else:
        console.print(f"Loaded the demo in {summary.seconds:.1f} s: {_count(summary.patients_created, 'patient')}, "
                      f"{_count(summary.products, 'product')}, {_count(summary.doses, 'dose')}, "
                      f"{_count(summary.checkins, 'check-in')}, {_count(summary.labs, 'lab result')}, "
                      f"{_count(summary.medications, 'medicine')}.")
    table = Table("Sign in as", "Role", "What the record shows", title="Demo accounts (all invented)")
    for login in summary.logins:
        table.add_row(login.username, login.role, login.story)
    console.print(table)
    console.print(f"Password for every demo account: [bold]{DEMO_PASSWORD}[/bold]")
    if not no_serve:
        console.print(f"Open {url_of(address, number)} and sign in.")
        serve_forever(address, number)


def refuse_production() -> None:
    """The demo's accounts share a published password: they must never reach a deployment others can reach."""
    django_ready()
    from django.conf import settings

    if getattr(settings, "SPECIOSA_PRODUCTION", False):
        fail("", "the demo refuses to run under production settings (its accounts share a published password); "
                 "use the default settings (DJANGO_SETTINGS_MODULE=speciosa.settings) on a machine of your own")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
