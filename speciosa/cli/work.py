"""`speciosa worker`, `speciosa scheduler` and `speciosa evaluate`: the task queue's processes (speciosa.lib.queue).

- `speciosa worker [--workers N]` runs tasks (any number of these, on any machine that reaches the broker);
- `speciosa scheduler` enqueues the periodic tasks (exactly one per deployment, so nothing periodic runs twice);
- `speciosa serve` and `speciosa demo` run both inside their own process on the embedded default (``embedded``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from speciosa.cli.boot import django_ready, input_errors
from speciosa.cli.parsing import parse_integer

WORK_OPTIONS = {"workers": "--workers"}
EMBEDDED_WORKERS = 2
MAX_WORKERS = 64


def _huey() -> Any:
    django_ready()
    from django.utils.module_loading import autodiscover_modules
    from huey.contrib.djhuey import HUEY

    autodiscover_modules("tasks")  # every app's tasks, periodic ones included, registered before the first dequeue
    return HUEY


def _consumer(huey: Any, *, workers: int, periodic: bool, embedded: bool = False) -> Any:
    from huey.consumer import Consumer

    class EmbeddedConsumer(Consumer):
        """Threads inside the web server's process: the server keeps its own signal handling."""

        def _set_signal_handlers(self) -> None:
            pass

    kind = EmbeddedConsumer if embedded else Consumer
    # Threads: a task waits on the database, not the CPU. The scheduler thread moves delayed retries into the queue
    # (atomic in Redis and in SQLite, so every worker may do it); only ``periodic`` ones enqueue periodic tasks.
    return kind(huey, workers=workers, periodic=periodic, worker_type="thread", initial_delay=0.05,
                backoff=1.15, max_delay=0.5, scheduler_interval=1, check_worker_health=True,
                health_check_interval=5, shutdown_timeout=10)


def _logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    for name in ("huey", "speciosa"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _refuse_immediate(huey: Any) -> None:
    if huey.immediate:
        typer.echo("error: SPECIOSA_TASKS_IMMEDIATE is on: tasks run where they are enqueued, so there is nothing "
                   "for a worker to do (unset it)", err=True)
        raise typer.Exit(1)


def worker(workers: Annotated[str, typer.Option("--workers", metavar="N",
                                                help="Tasks run at once in this process (threads).")] = "2") -> None:
    """Run background tasks until Ctrl+C: alert evaluations after each write, e-mails, the sweep, nightly batches.

    Start as many as you like, on any machine that reaches SPECIOSA_REDIS_URL; run exactly one `speciosa
    scheduler` beside them. At start it sweeps once, so patients a dead worker left pending are evaluated at once.
    """
    with input_errors(WORK_OPTIONS):
        count = parse_integer(workers, "workers")
        if not 1 <= count <= MAX_WORKERS:
            from speciosa.core.errors import InputError

            raise InputError("workers", f"must be from 1 to {MAX_WORKERS}")
    huey = _huey()
    _refuse_immediate(huey)
    _logging()
    from django.conf import settings

    from speciosa.lib.queue import describe
    from speciosa.safety.tasks import sweep_pending

    typer.echo(f"Speciosa worker: {count} thread{'s' if count != 1 else ''} on {describe(settings.HUEY)}")
    try:
        sweep_pending()
    except Exception as error:  # noqa: BLE001 - the broker may still be starting; the scheduler's sweep follows
        typer.echo(f"note: could not enqueue the start-up sweep ({error}); the scheduler's minute sweep will run",
                   err=True)
    _consumer(huey, workers=count, periodic=False).run()


def scheduler() -> None:
    """Enqueue the periodic tasks on time until Ctrl+C (the minute sweep, reminders, the nightly evaluation, the
    audit purge): run exactly one per deployment; the workers run what it enqueues."""
    huey = _huey()
    _refuse_immediate(huey)
    _logging()
    from django.conf import settings

    from speciosa.lib.queue import describe

    names = sorted(task.name for task in huey._registry._periodic_tasks)
    typer.echo(f"Speciosa scheduler on {describe(settings.HUEY)}: {', '.join(names)}")
    _consumer(huey, workers=0, periodic=True).run()


@contextmanager
def embedded(workers: int = EMBEDDED_WORKERS) -> Iterator[None]:
    """Runs the workers and the periodic scheduler as threads of this process while the block runs (the embedded
    default of `speciosa serve` and `speciosa demo`); with SPECIOSA_REDIS_URL set, separate processes do it."""
    from django.conf import settings

    huey = _huey()
    if settings.SPECIOSA_REDIS_URL or huey.immediate:
        yield
        return
    consumer = _consumer(huey, workers=workers, periodic=True, embedded=True)
    consumer.start()
    try:
        yield
    finally:
        consumer.stop(graceful=True)


def evaluate(
    all_patients: Annotated[bool, typer.Option("--all", help="Every patient, not only those whose record changed "
                                                             "(after a deploy: rules and reference data may have changed).")] = False,
) -> None:
    """Evaluate patients' alerts now, in this process: those whose record changed, or --all (in batches)."""
    django_ready()
    from speciosa.safety.domain import pending_patient_ids
    from speciosa.safety.tasks import evaluate_batch_now, patient_batches, sweep

    started = time.perf_counter()
    if all_patients:
        done = 0
        for ids in patient_batches():
            done += evaluate_batch_now(ids)
        typer.echo(f"Evaluated {done} patient{'' if done == 1 else 's'} in {time.perf_counter() - started:.1f} s.")
        return
    waiting = len(pending_patient_ids())
    run = sweep()
    typer.echo(f"Evaluated {run.evaluated} of {waiting} patient{'' if waiting == 1 else 's'} whose record changed "
               f"in {time.perf_counter() - started:.1f} s.")
