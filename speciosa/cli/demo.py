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

app = typer.Typer(help="The synthetic demo.", add_completion=False)
DEMO_OPTIONS = {"patients": "--patients", "seed": "--seed", "host": "--host", "port": "--port"}


def demo(
    ctx: typer.Context,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only load the demo; do not start the server.")] = False,
    patients: Annotated[str, typer.Option("--patients", metavar="N", help="How many demo patients (1-99).")] = "25",
    host: HostOption = "127.0.0.1",
    port: PortOption = "8000",
    seed: Annotated[str, typer.Option("--seed", metavar="S", help="Seed of the synthetic data.")] = "2026",
) -> None:
    """Load the synthetic demo (a clinician and invented patients), then serve it.

    Running it again adds nothing: people already in the database are left as they are. The clinician's
    two-factor key is printed; `speciosa demo code` prints the code it shows now.
    """
    if ctx.invoked_subcommand is not None:
        return
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
    table = Table("Sign in as", "Name", "Role", "What the record shows", title="Demo accounts (all invented)")
    for login in summary.logins:
        table.add_row(login.username, login.name, login.role, login.story)
    console.print(table)
    console.print(f"Password for every demo account: [bold]{DEMO_PASSWORD}[/bold]")
    console.print(f"The clinician signs in with two-factor: add this key to an authenticator app, "
                  f"[bold]{summary.authenticator_key}[/bold], or run `speciosa demo code` for the current code. "
                  f"{summary.shared} patients share their record with the clinician.")
    if not no_serve:
        console.print(f"Open {url_of(address, number)} and sign in.")
        serve_forever(address, number)


def code() -> None:
    """Print the demo clinician's current two-factor code (the demo must be loaded; refused in production)."""
    refuse_production()
    from speciosa.accounts.models import User
    from speciosa.accounts.twofactor import authenticator_of
    from speciosa.demo import CLINICIAN
    from speciosa.demo.story import current_code

    clinician = User.objects.filter(username=CLINICIAN).first()
    device = None if clinician is None else authenticator_of(clinician)
    if device is None:
        fail("", "the demo is not loaded: run `speciosa demo --no-serve` first")
    typer.echo(current_code(device))


def refuse_production() -> None:
    """The demo's accounts share a published password: they must never reach a deployment others can reach."""
    django_ready()
    from django.conf import settings

    if getattr(settings, "SPECIOSA_PRODUCTION", False):
        fail("", "the demo refuses to run under production settings (its accounts share a published password); "
                 "use the default settings (DJANGO_SETTINGS_MODULE=speciosa.settings) on a machine of your own")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


app.callback(invoke_without_command=True)(demo)
app.command("code")(code)
