"""The safety app's background tasks (speciosa.lib.queue): evaluation after each write, the minute sweep, the
nightly evaluation of every patient, and the urgent-alert e-mails.

Every task is idempotent, so a retry, a duplicate or a late one does no harm: an evaluation runs only while the
patient's pending mark is set (the mark, not the queue, is the source of truth), and an e-mail is sent only by the
task that claims its AlertNotification row. Enqueueing never fails a write: a broker that is down is logged, and
the minute sweep finds the marked patients and the unsent e-mails when it is back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.safety import notifications
from speciosa.safety.domain import evaluate_if_pending, pending_patient_ids, reevaluate, reevaluate_many

log = logging.getLogger(__name__)

RETRIES = 5
RETRY_DELAY = 10  # seconds
SWEEP_GRACE = dt.timedelta(seconds=5)  # a fresher mark belongs to a task still in the queue
BATCH = 200  # patients per nightly task: small enough to spread over the workers, big enough to be cheap to queue


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def evaluate_patient(patient_id: int) -> bool:
    """Evaluates one patient whose record changed (nothing when another task or the sweep got there first)."""
    return evaluate_if_pending(patient_id)


@db_task(retries=RETRIES, retry_delay=60)
def send_alert_email(alert_id: int, recipient_id: int) -> bool:
    return notifications.send_alert_email(alert_id, recipient_id)


def enqueue_quietly(enqueue: Callable[[], object], what: str) -> bool:
    """Enqueues, logging (never raising) a broker that is down: the write that asked has committed and the sweep
    will find what the task would have done."""
    try:
        enqueue()
    except Exception:  # noqa: BLE001 - any broker error (connection refused, timeout, disk full) is the same to us
        log.warning("could not enqueue %s; the minute sweep will do it", what, exc_info=True)
        return False
    return True


def enqueue_evaluation(patient_id: int) -> bool:
    return enqueue_quietly(lambda: evaluate_patient(patient_id), f"the evaluation of patient {patient_id}")


def enqueue_alert_email(alert_id: int, recipient_id: int) -> bool:
    return enqueue_quietly(lambda: send_alert_email(alert_id, recipient_id),
                           f"the e-mail about alert {alert_id} to user {recipient_id}")


def evaluate_after_commit(patient_id: int) -> None:
    """Enqueues the patient's evaluation once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue_evaluation(patient_id))


@dataclass(frozen=True)
class SweepRun:
    evaluated: int
    emails: int


def sweep(now: dt.datetime | None = None) -> SweepRun:
    """Evaluates every patient marked pending for longer than SWEEP_GRACE (their task was lost or is late), and
    enqueues the e-mails nobody sent. Each evaluation is its own transaction, so one failure loses nothing else."""
    now = now or timezone.now()
    evaluated = 0
    for patient_id in pending_patient_ids(older_than=now - SWEEP_GRACE):
        try:
            evaluated += evaluate_if_pending(patient_id)
        except Exception:
            log.exception("sweep: evaluating patient %s failed; the next sweep tries again", patient_id)
    emails = sum(enqueue_alert_email(alert_id, recipient_id)
                 for alert_id, recipient_id in notifications.unsent(now=now))
    return SweepRun(evaluated=evaluated, emails=emails)


@db_periodic_task(crontab(minute="*"))
@lock_task("speciosa-sweep")
def sweep_pending() -> SweepRun:
    """Every minute: catches what a lost task missed (the pending mark stays until an evaluation clears it)."""
    return sweep()


def patient_batches(size: int = BATCH) -> Iterator[list[int]]:
    """Every patient's id, in batches of ``size`` in id order (keyset paging: each batch one indexed read)."""
    last = 0
    while True:
        ids = list(User.objects.filter(role=Role.PATIENT, pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def evaluate_batch_now(patient_ids: list[int], *, as_of: dt.datetime | None = None) -> int:
    """Evaluates the patients of the batch together (time-based rules fire without a change to the record): one
    transaction, a number of queries that does not grow with the batch. If that fails, each patient is evaluated on
    their own, so one bad record costs only itself."""
    patients = list(User.objects.filter(pk__in=patient_ids).select_related("profile").order_by("pk"))
    try:
        return reevaluate_many(patients, as_of=as_of).patients
    except Exception:
        log.exception("evaluating a batch of %s patients failed; evaluating them one by one", len(patients))
    done = 0
    for patient in patients:
        try:
            reevaluate(patient, as_of=as_of)
            done += 1
        except Exception:
            log.exception("evaluating patient %s failed; the next run tries again", patient.pk)
    return done


@db_task(retries=2, retry_delay=60)
def evaluate_batch(patient_ids: list[int]) -> int:
    return evaluate_batch_now(patient_ids)


@db_periodic_task(crontab(hour="3", minute="15"))
@lock_task("speciosa-nightly")
def nightly_evaluation() -> int:
    """Every night: every patient evaluated, in batches the workers share (labs overdue, a plan review due, a
    jurisdiction's rule taking effect: rules that fire with time, not with a write)."""
    batches = 0
    for ids in patient_batches():
        evaluate_batch(ids)
        batches += 1
    return batches
