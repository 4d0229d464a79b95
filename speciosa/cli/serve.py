"""`speciosa serve`: the web application on waitress, a threaded pure-Python WSGI server fit for a small practice.

Django's runserver is for development only; waitress runs on every platform without a compiler, handles slow
clients with its own buffering, and needs no separate process manager. Static files come through WhiteNoise.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli.boot import django_ready, fail, input_errors
from speciosa.cli.database import migrate_quietly
from speciosa.cli.parsing import parse_host, parse_port
from speciosa.cli.work import embedded

THREADS = 8  # requests served at once; SQLite serialises writes anyway, so more threads only wait
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SERVE_OPTIONS = {"host": "--host", "port": "--port"}

HostOption = Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on.")]
PortOption = Annotated[str, typer.Option("--port", metavar="PORT", help="Port to listen on.")]


def serve(host: HostOption = "127.0.0.1", port: PortOption = "8000") -> None:
    """Apply migrations, then serve Speciosa until Ctrl+C.

    Django's system checks run first: an error (such as a safety rule without a source) stops the start with exit
    code 1 and the checks' messages.
    """
    with input_errors(SERVE_OPTIONS):
        address, number = parse_host(host), parse_port(port)
    migrate_quietly()
    serve_forever(address, number)


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve_forever(host: str, port: int) -> None:
    """Serves the WSGI application on ``host``:``port`` until interrupted."""
    django_ready()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server  # untyped: see [[tool.mypy.overrides]] in pyproject.toml

    refuse_on_check_errors()
    collect_static()
    application = get_wsgi_application()
    try:
        server = create_server(application, host=host, port=port, threads=THREADS, ident="speciosa")
    except OSError as error:
        fail("--port", f"cannot listen on {host}:{port} ({error.strerror or error})")
    if host not in LOCAL_HOSTS and "*" not in settings.ALLOWED_HOSTS and host not in settings.ALLOWED_HOSTS:
        typer.echo(f"note: requests are accepted only for the host names in SPECIOSA_ALLOWED_HOSTS "
                   f"({', '.join(settings.ALLOWED_HOSTS)}); add the name people will type.", err=True)
    typer.echo(f"Serving Speciosa on {url_of(host, port)} (press Ctrl+C to stop)")
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop closes the sockets cleanly too
    try:
        # The task queue's workers and scheduler run as threads beside the server on the embedded default
        # (with SPECIOSA_REDIS_URL, `speciosa worker` and `speciosa scheduler` run as their own processes).
        with embedded():
            server.run()  # returns when interrupted: waitress catches KeyboardInterrupt and closes itself
    except KeyboardInterrupt:
        pass  # interrupted before waitress's loop started
    finally:
        server.close()
        signal.signal(signal.SIGTERM, previous)
    typer.echo("Stopped.")


def collect_static() -> None:
    """Writes the static files' hashed, pre-compressed copies into STATIC_ROOT (a second or so, only what changed),
    so pages name them and WhiteNoise serves them with a one-year cache. WhiteNoise reads STATIC_ROOT when the
    application is created, so this runs first."""
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def refuse_on_check_errors() -> None:
    """Runs Django's system checks and stops with exit status 1 on an error, as runserver does: a rule that cannot
    register (speciosa.safety.E001) then stops the start instead of the first evaluation. Warnings (such as a
    database file others can read, speciosa.W001) are printed and the start goes on."""
    from django.core.checks import run_checks

    messages = run_checks()
    for message in messages:
        if not message.is_serious():
            typer.echo(f"warning: {message}", err=True)
    errors = [message for message in messages if message.is_serious()]
    for message in errors:
        typer.echo(f"error: {message}", err=True)
    if errors:
        raise typer.Exit(1)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
