"""`speciosa report`: the clinician's visit report for one patient and period, as a PDF file.

Every report is an audit entry of the patient's. The patient's own notes go in only with their consent, which is a
share with the notes scope: ``--include-notes`` needs ``--for CLINICIAN``, and the report is then drawn through the
one door (reports.access.open_for_report) with exactly what that clinician's share shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli.boot import django_ready, input_errors, write_private
from speciosa.core.errors import InputError

REPORT_OPTIONS = {"user": "--user", "from": "--from", "to": "--to", "for": "--for", "include_notes": "--include-notes"}


def report(
    user: Annotated[str, typer.Option("--user", metavar="NAME", help="The patient's user name.")],
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="First day, as 2026-09-01 (the patient's "
                                                                      "local days).")],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help="Last day, as 2026-11-30 (included).")],
    pdf: Annotated[Path, typer.Option("--pdf", metavar="FILE", help="Where to write the PDF.", dir_okay=False)],
    include_notes: Annotated[bool, typer.Option("--include-notes",
                                                help="Add the patient's own notes (only with their consent: "
                                                     "needs --for a clinician they share their notes with).")]
    = False,
    clinician: Annotated[str | None, typer.Option(
        "--for", metavar="CLINICIAN", help="Make the report for this clinician: only what the patient shares "
                                           "with them goes in, and the audit entry names them.")] = None,
) -> None:
    """Write the visit report (a 2-4 page PDF: doses, plan adherence, outcome change, alerts, charts, labs,
    medicines, questionnaires) for a patient and period."""
    django_ready()
    from django.utils import timezone

    from speciosa.accounts.enums import Role
    from speciosa.accounts.models import User
    from speciosa.audit.domain import record_command_line_access
    from speciosa.audit.enums import Action
    from speciosa.cli.lookup import find_patient
    from speciosa.clinic.access import NoAccess
    from speciosa.reports.access import Visible, open_for_report
    from speciosa.reports.periods import check_period, parse_day
    from speciosa.reports.queries import local_today
    from speciosa.reports.visit import build_visit_report

    now = timezone.now()
    with input_errors(REPORT_OPTIONS):
        patient = find_patient(user)
        first, last = check_period(parse_day(start, "from"), parse_day(end, "to"), today=local_today(patient, now))
        opened = None
        visible = Visible(checkins=True, medical=True, notes=False, alert_details=True)
        if clinician is not None:
            viewer = User.objects.filter(username=clinician.strip(), role=Role.CLINICIAN, is_active=True).first()
            if viewer is None:
                raise InputError("for", f"no active clinician named {clinician!r}")
            try:
                opened, visible = open_for_report(viewer, patient.pk, action=None)
            except NoAccess:
                raise InputError("for", f"{patient.username} does not share their diary with {viewer.username}"
                                 ) from None
        if include_notes and not visible.notes:
            raise InputError("include_notes", "the patient's notes go in only for a clinician they share their "
                                              "notes with: add --for CLINICIAN")
    built = build_visit_report(patient, start=first, end=last, visible=visible, generated_at=now,
                               include_notes=include_notes, printed_by=opened.viewer if opened else None)
    write_private(pdf, built.pdf, option="--pdf")
    if opened is not None:
        opened.record(Action.EXPORT, "visit report (PDF), on the command line")
    else:
        record_command_line_access(patient=patient, action=Action.EXPORT, what="visit report (PDF)")
    typer.echo(f"Wrote {patient.username}'s visit report ({built.pages} pages, {first.isoformat()} to "
               f"{last.isoformat()}) to {pdf}.")
