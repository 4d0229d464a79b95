"""`speciosa report`: the clinician's visit report for one patient and period, as a PDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli.boot import django_ready, input_errors, write_private

REPORT_OPTIONS = {"user": "--user", "from": "--from", "to": "--to"}


def report(
    user: Annotated[str, typer.Option("--user", metavar="NAME", help="The patient's user name.")],
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="First day, as 2026-09-01 (the patient's "
                                                                      "local days).")],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help="Last day, as 2026-11-30 (included).")],
    pdf: Annotated[Path, typer.Option("--pdf", metavar="FILE", help="Where to write the PDF.", dir_okay=False)],
    include_notes: Annotated[bool, typer.Option("--include-notes",
                                                help="Add the patient's own notes (only with their consent).")]
    = False,
) -> None:
    """Write the visit report (a 2-4 page PDF: doses, plan adherence, outcome change, alerts, charts, labs,
    medicines, questionnaires) for a patient and period."""
    django_ready()
    from django.utils import timezone

    from speciosa.cli.lookup import find_patient
    from speciosa.reports.access import Visible
    from speciosa.reports.periods import check_period, parse_day
    from speciosa.reports.queries import local_today
    from speciosa.reports.visit import build_visit_report

    now = timezone.now()
    with input_errors(REPORT_OPTIONS):
        patient = find_patient(user)
        first, last = check_period(parse_day(start, "from"), parse_day(end, "to"), today=local_today(patient, now))
    built = build_visit_report(patient, start=first, end=last, visible=Visible.everything(), generated_at=now,
                               include_notes=include_notes)
    write_private(pdf, built.pdf, option="--pdf")
    typer.echo(f"Wrote {patient.username}'s visit report ({built.pages} pages, {first.isoformat()} to "
               f"{last.isoformat()}) to {pdf}.")

