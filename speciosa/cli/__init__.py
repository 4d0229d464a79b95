"""The `speciosa` command: boots Django inside each command, calls domain functions, prints; nothing else.

Each command group lives in its own module; none imports Django at the top, so `speciosa --help` is quick.
docs/cli.md is generated from this app, with every other generated document, by `speciosa docs`.
"""

from __future__ import annotations

import typer

from speciosa.cli import (
    backup,
    check,
    database,
    demo,
    docs,
    evidence,
    export,
    imports,
    log,
    remind,
    report,
    score,
    serve,
    shares,
    users,
    work,
)

app = typer.Typer(
    name="speciosa",
    help="Speciosa: a diary and safety monitor for supervised kratom use in chronic pain.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(demo.app, name="demo")
app.command("serve")(serve.serve)
app.command("migrate")(database.migrate)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.add_typer(users.app, name="user")
app.add_typer(log.app, name="log")
app.command("export")(export.export)
app.add_typer(imports.app, name="import")
app.command("check")(check.check)
app.command("evidence")(evidence.evidence)
app.command("score")(score.score)
app.command("remind")(remind.remind)
app.command("end-shares")(shares.end_shares)
app.command("worker")(work.worker)
app.command("scheduler")(work.scheduler)
app.command("evaluate")(work.evaluate)
app.command("report")(report.report)
app.command("docs")(docs.docs)


def main() -> None:
    app(prog_name="speciosa")
