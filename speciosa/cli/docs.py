"""`speciosa docs`: regenerate every document generated from the code (rules, instruments, CLI, README settings)."""

from __future__ import annotations

from typing import Annotated

import typer

STALE = 1


def docs(
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 when a document is stale.")] = False,
) -> None:
    """Regenerate the documents generated from the code, in the source checkout, and list those that changed."""
    from speciosa.cli import generated
    from speciosa.cli.boot import fail

    if not (generated.ROOT / "pyproject.toml").exists():
        fail("", f"the generated documents live in a source checkout; {generated.ROOT} is not one")
    if check:
        outdated = generated.stale()
        for document in outdated:
            typer.echo(f"stale: {document.path}", err=True)
        if outdated:
            typer.echo(f"regenerate with: {generated.REGENERATE}", err=True)
            raise typer.Exit(STALE)
        typer.echo(f"{len(generated.DOCUMENTS)} generated documents are up to date.")
        return
    rewritten = generated.write_stale()
    for document in rewritten:
        typer.echo(f"wrote {document.path}")
    typer.echo(f"{len(generated.DOCUMENTS) - len(rewritten)} of {len(generated.DOCUMENTS)} documents were "
               "already up to date.")
