"""`speciosa remind`: e-mail the patients who opted in about the questionnaires due today, once, by hand.

The scheduler (`speciosa scheduler`, or the worker that `speciosa serve` starts) already sends them every 15 minutes;
this command is for a one-off run or a deployment without the scheduler.
"""

from __future__ import annotations

import typer

from speciosa.cli.boot import django_ready


def remind() -> None:
    """Send the e-mail reminders of questionnaires due today now (the scheduler also does this every 15 minutes).

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
