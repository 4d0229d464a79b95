"""`speciosa remind`: e-mail the patients who opted in about the questionnaires due today (for cron)."""

from __future__ import annotations

import typer

from speciosa.cli.boot import django_ready


def remind() -> None:
    """Send the e-mail reminders of questionnaires due today (run it from cron, every 15 to 60 minutes).

    Only patients who turned reminders on get one, at most one a day, never in their quiet hours.
    """
    django_ready()
    from django.utils import timezone

    from speciosa.instruments.reminders import send_due_reminders

    run = send_due_reminders(timezone.now())
    typer.echo(f"{run.sent} reminder e-mail{'' if run.sent == 1 else 's'} sent; {run.quiet} in quiet hours, "
               f"{run.already} already reminded today, {run.nothing_due} with nothing due, {run.failed} failed.")
    if run.failed:
        raise typer.Exit(1)
