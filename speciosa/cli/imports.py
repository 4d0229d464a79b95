"""`speciosa import csv`: another tracker's CSV into a patient's diary; a preview unless --commit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli.boot import django_ready, fail, input_errors
from speciosa.cli.lookup import find_patient
from speciosa.core.errors import InputError

app = typer.Typer(help="Bring a patient's history from another app.", no_args_is_help=True)

IMPORT_OPTIONS = {"user": "--user", "preset": "--preset", "file": "FILE", "mapping": "--map", "kind": "--kind",
                  "scale": "--scale"}
SHOWN = 20


def _mapping(kind: str | None, pairs: list[str], unit: str | None, product: str | None, scale: str):
    from speciosa.interop.trackers.presets import ColumnMapping

    if kind is None:
        raise InputError("kind", "with --map, say what each row is: doses or checkins")
    columns = {}
    for pair in pairs:
        target, equals, column = pair.partition("=")
        if not equals or not target.strip() or not column.strip():
            raise InputError("mapping", f"{pair!r} is not FIELD=COLUMN (such as amount=Grams)")
        columns[target.strip()] = column.strip()
    low, dash, high = scale.partition("-")
    if not (dash and low.isdigit() and high.isdigit()):
        raise InputError("scale", f"{scale!r} is not LOW-HIGH (such as 1-5)")
    fixed = {name: value for name, value in (("unit", unit), ("product", product)) if value}
    return ColumnMapping(kind=kind, columns=columns, fixed=fixed, rating_scale=(int(low), int(high)))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@app.command("csv")
def import_csv(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The CSV file exported from the other app.",
                                         dir_okay=False)],
    user: Annotated[str, typer.Option("--user", metavar="NAME", help="The patient's user name.")],
    preset: Annotated[str | None, typer.Option(
        "--preset", metavar="NAME", help="bearable or kratom-tracker (or map the columns with --map).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND",
                                             help="With --map: doses or checkins.")] = None,
    map: Annotated[list[str] | None, typer.Option(
        "--map", metavar="FIELD=COLUMN", help="Which column holds a field, such as --map amount=Grams (repeat).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="U", help="With --map: one unit for every row.")] = None,
    product: Annotated[str | None, typer.Option("--product", metavar="NAME",
                                                help="With --map: one product for every row.")] = None,
    scale: Annotated[str, typer.Option("--scale", metavar="LOW-HIGH",
                                       help="With --map: the file's rating scale, such as 1-5.")] = "0-10",
    commit: Annotated[bool, typer.Option("--commit", help="Store what the preview shows (default: only show "
                                                          "it).")] = False,
) -> None:
    """Preview (or, with --commit, import) another tracker's CSV: what would be added, and each row left out."""
    try:
        content = file.read_bytes()
    except OSError as error:
        fail("FILE", f"cannot read {file}: {error.strerror or error}")
    django_ready()
    from speciosa.accounts.queries import zone_of
    from speciosa.interop.trackers.importer import commit_import, plan_import

    with input_errors(IMPORT_OPTIONS):
        patient = find_patient(user)
        mapping = _mapping(kind, map, unit, product, scale) if map else None
        if commit:
            plan = commit_import(patient, content, by=patient, preset_id=preset, mapping=mapping)
        else:
            plan = plan_import(patient, content, preset_id=preset, mapping=mapping)
    zone = zone_of(patient)
    verb = "Imported" if plan.committed else "Would import"
    typer.echo(f"{verb} {_count(len(plan.doses), 'dose')} and {_count(len(plan.checkins), 'check-in')} for "
               f"{patient.username} from "
               f"{plan.source} ({plan.rows_read} rows read; times without an offset read in {plan.zone}).")
    if plan.new_products:
        typer.echo(f"New products (leaf powder): {', '.join(plan.new_products)}")
    for line in plan.lines(zone, limit=SHOWN):
        typer.echo(f"  {line}")
    if len(plan.records) > SHOWN:
        typer.echo(f"  ... and {len(plan.records) - SHOWN} more")
    if plan.skipped:
        typer.echo(f"Left out: {_count(len(plan.skipped), 'row')} ({plan.duplicates} already in the diary or "
                   "repeated)")
        for row in plan.skipped:
            typer.echo(f"  line {row.line}: {row.reason}")
    if not plan.committed and plan.records:
        typer.echo("Nothing was stored. Run again with --commit to import.")
