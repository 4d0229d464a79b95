"""`speciosa end-shares`: record and tell the end of shares past their end date (what the scheduler does every 15
minutes; for cron where no scheduler runs)."""

from __future__ import annotations

import typer

from speciosa.cli.boot import django_ready


def end_shares() -> None:
    """Record the end of every share whose end date has passed, and e-mail the patient and the clinician once.

    The clinician's access already stopped at the end date; this writes it in the patient's audit log and tells
    both sides. Running it again does nothing more.
    """
    django_ready()
    from django.utils import timezone

    from speciosa.clinic.endings import end_expired_shares

    run = end_expired_shares(timezone.now())
    typer.echo(f"{run.ended} share{'' if run.ended == 1 else 's'} ended; {run.emails} e-mail"
               f"{'' if run.emails == 1 else 's'} sent, {run.failed} failed.")
    if run.failed:
        raise typer.Exit(1)
