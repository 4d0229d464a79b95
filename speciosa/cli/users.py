"""`speciosa user ...`: people who sign in."""

from __future__ import annotations

from typing import Annotated

import typer

from speciosa.cli.boot import django_ready, input_errors
from speciosa.core.errors import InputError

app = typer.Typer(help="Manage the people who sign in.", no_args_is_help=True)
USER_OPTIONS = {"username": "NAME", "role": "--role", "email": "--email", "password": "password"}


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The user name they sign in with.")],
    role: Annotated[str, typer.Option("--role", metavar="ROLE",
                                      help="patient, clinician, researcher or admin.")],
    email: Annotated[str, typer.Option("--email", metavar="E", help="Their email address.")] = "",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input instead of asking for it twice.")] = False,
) -> None:
    """Add a person. Patients get an empty profile to fill in."""
    password = _read_password(password_stdin)
    django_ready()
    from speciosa.accounts.domain import create_user

    with input_errors(USER_OPTIONS):
        user = create_user(name, password=password, role=role, email=email)
    typer.echo(f"Added {user.role} {user.username}.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = typer.get_text_stream("stdin").read().rstrip("\r\n")
        if not password:
            with input_errors(USER_OPTIONS):
                raise InputError("password", "standard input was empty")
        return password
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)
