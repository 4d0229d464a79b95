"""`speciosa check FILE`: evaluate a patient snapshot file with the safety rules, no database needed.

Exit status: 0 when no alert is a warning or urgent, 1 when the highest is a warning, 2 when one is urgent, and 3 for
bad input (the message names the field).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from speciosa.cli.boot import fail

FORMATS = ("text", "json")
EXIT_BY_SEVERITY = {"info": 0, "warning": 1, "urgent": 2}


def check(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A speciosa.snapshot/1 JSON file, or - for stdin.")],
    format: Annotated[str, typer.Option("--format", metavar="text|json", help="Plain text, or a JSON list of alerts.")]
    = "text",
) -> None:
    """Evaluate a patient snapshot at its as_of time and print the alerts."""
    from speciosa.core.errors import InputError
    from speciosa.core.safety.registry import evaluate
    from speciosa.core.snapshot import parse_snapshot

    if format not in FORMATS:
        fail("--format", f"{format!r} is not one of {', '.join(FORMATS)}")
    data = _read_json(file)
    try:
        snapshot = parse_snapshot(data)
    except InputError as error:
        fail(error.field, error.message)
    alerts = evaluate(snapshot)
    if format == "json":
        typer.echo(json.dumps([alert.to_dict() for alert in alerts], indent=2, ensure_ascii=False))
    else:
        _print_text(alerts)
    raise typer.Exit(max((EXIT_BY_SEVERITY[alert.severity.value] for alert in alerts), default=0))


def _read_json(file: str) -> object:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as error:
        fail("FILE", f"cannot read {file}: {error.strerror or error}")
    except UnicodeDecodeError:
        fail("FILE", f"{file} is not UTF-8 text")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        fail("FILE", f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}")


def _print_text(alerts: list[Any]) -> None:
    if not alerts:
        typer.echo("No alerts. (No alert does not mean no risk: kratom carries risks of dependence, liver injury "
                   "and interactions.)")
        return
    for alert in alerts:
        typer.echo(f"[{alert.severity.value.upper()}] {alert.code}: {alert.clinical_title}")
        typer.echo(f"  {alert.clinical_message}")
        typer.echo(f"  The patient reads: {alert.title}. {alert.message}")
        typer.echo(f"  What to do: {alert.action}")
        if alert.evidence:
            typer.echo(f"  Inputs: {json.dumps(alert.evidence, ensure_ascii=False, default=str)}")
        for source in alert.sources:
            typer.echo(f"  Source: {source.citation} <{source.url}>")
        typer.echo("")
