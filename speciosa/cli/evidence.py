"""`speciosa evidence`: the evidence library, claims patients read with a verdict, a grade and sources."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from speciosa.cli.boot import fail

FORMATS = ("text", "json")


def evidence(
    format: Annotated[str, typer.Option("--format", metavar="text|json", help="Plain text, or a JSON list.")]
    = "text",
) -> None:
    """List the evidence library: each claim, its verdict and grade, what studies found, and the sources."""
    from speciosa.core.evidence_library import all_entries

    if format not in FORMATS:
        fail("--format", f"{format!r} is not one of {', '.join(FORMATS)}")
    entries = all_entries()
    if format == "json":
        typer.echo(json.dumps([entry.to_dict() for entry in entries], indent=2, ensure_ascii=False))
        return
    for entry in entries:
        data = entry.to_dict()
        typer.echo(f"“{data['claim']}”")
        typer.echo(f"  Verdict: {data['verdict']} (evidence grade: {data['grade']})")
        typer.echo(f"  {data['summary']}")
        for source in data["sources"]:
            typer.echo(f"  Source: {source['citation']} <{source['url']}>")
        typer.echo("")
