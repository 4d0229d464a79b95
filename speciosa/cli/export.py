"""`speciosa export`: a patient's whole record, as JSON, a zip of CSV files, or a FHIR R4 Bundle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli.boot import django_ready, input_errors, write_private
from speciosa.cli.lookup import find_patient
from speciosa.core.errors import InputError

FORMATS = ("json", "csv", "snapshot", "fhir", "redcap-dictionary", "redcap-records")
EXPORT_OPTIONS = {"user": "--user", "format": "--format", "output": "--output"}


def export(
    format: Annotated[str, typer.Option("--format", metavar="FORMAT",
                                        help="json (one JSON document), csv (a zip of CSV files), snapshot (what "
                                             "the safety rules read), fhir (a FHIR R4 Bundle), redcap-dictionary "
                                             "(Speciosa's REDCap data dictionary; no --user) or redcap-records (the "
                                             "patient's REDCap import rows under a study id).")],
    user: Annotated[str | None, typer.Option("--user", metavar="NAME", help="The patient's user name.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", metavar="FILE", help="Where to write. Default: standard output for json, snapshot and fhir, "
                                         "./USER-export.zip for csv.", dir_okay=False)] = None,
) -> None:
    """Export everything a patient's diary holds (the same export the patient can download), or REDCap files."""
    with input_errors(EXPORT_OPTIONS):
        if format not in FORMATS:
            raise InputError("format", f"{format!r} is not one of {', '.join(FORMATS)}")
        if user is None and format != "redcap-dictionary":
            raise InputError("user", f"--format {format} exports one patient's record: name them")
    django_ready()
    if format.startswith("redcap-"):
        _redcap(format, user, output)
        return
    from speciosa.audit.domain import record_command_line_access
    from speciosa.audit.enums import Action
    from speciosa.diary.export import export_csv_zip, export_data

    with input_errors(EXPORT_OPTIONS):
        patient = find_patient(user or "")
    if format in ("json", "snapshot", "fhir"):
        if format == "json":
            data = export_data(patient)
        elif format == "fhir":
            from speciosa.clinic.access import open_record
            from speciosa.interop.fhir.export import fhir_bundle

            data = fhir_bundle(open_record(patient, patient.pk, None, action=None))
        else:
            from speciosa.safety.snapshots import snapshot_data

            data = snapshot_data(patient, full=True)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if output is None:
            typer.echo(text, nl=False)
            record_command_line_access(patient=patient, action=Action.EXPORT, what=f"whole record ({format})")
            return
        content = text.encode("utf-8")
    else:
        content = export_csv_zip(patient)
        output = output or Path(f"{patient.username}-export.zip")
    write_private(output, content, option="--output")
    record_command_line_access(patient=patient, action=Action.EXPORT, what=f"whole record ({format})")
    typer.echo(f"Wrote {patient.username}'s export to {output} ({len(content):,} bytes).", err=True)


def _redcap(format: str, user: str | None, output: Path | None) -> None:
    """REDCap's files: the dictionary (no patient data), or one patient's records under their study id."""
    from speciosa.audit.domain import record_command_line_access
    from speciosa.audit.enums import Action
    from speciosa.interop.redcap.dictionary import dictionary_csv
    from speciosa.interop.redcap.records import records_csv

    if format == "redcap-dictionary":
        text, patient = dictionary_csv(), None
    else:
        with input_errors(EXPORT_OPTIONS):
            patient = find_patient(user or "")
        text = records_csv(patient)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_private(output, text.encode("utf-8"), option="--output")
        typer.echo(f"Wrote {format} to {output} ({len(text.encode()):,} bytes).", err=True)
    if patient is not None:
        record_command_line_access(patient=patient, action=Action.EXPORT, what="REDCap records")
