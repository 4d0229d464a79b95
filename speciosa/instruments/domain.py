"""Every write of the instruments app, as a verb: validated by the core, in one transaction.

Storing or deleting a response records a revision and announces ``patient_record_changed`` (through the diary's
revision trail), so the safety engine re-evaluates the patient: the DEPENDENCE rule reads dsm5-kud answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.core import instruments
from speciosa.core.errors import InputError
from speciosa.core.instruments.schedule import frequency_of
from speciosa.diary.domain.history import record_revision, soft_delete
from speciosa.diary.enums import RevisionAction
from speciosa.instruments.models import (
    ReminderSettings,
    Response,
    Schedule,
    calendar_digest_of,
    new_calendar_token,
)
from speciosa.lib.checks import check_moment

MAX_SCHEDULE_ENTRIES = 20


@transaction.atomic
def record_response(patient: User, *, instrument: Any, answers: Any, by: User,
                    at: dt.datetime | None = None) -> Response:
    """Scores ``answers`` on ``instrument`` and stores them with the score (``at`` defaults to now).

    Raises InputError naming ``instrument``, ``answers[i]`` or ``at``. Side effects: one revision entry, and the
    patient_record_changed signal (the safety engine re-evaluates the patient in this transaction).
    """
    found = instruments.get(instrument)
    result = found.score(answers)
    when = check_moment(at if at is not None else timezone.now(), "at")
    response = Response.objects.create(
        patient=patient, instrument=found.id, version=found.version, at=when,
        answers=list(found.check_answers(answers)), score=result.score, band=result.band or "",
        subscores=dict(result.subscores),
    )
    record_revision(response, action=RevisionAction.CREATE, by=by, before=None)
    return response


def delete_response(response: Response, *, by: User) -> None:
    """Marks the response deleted (kept for its history). Side effects: a revision and patient_record_changed."""
    soft_delete(response, by=by)


def check_schedule(entries: Any) -> dict[str, str]:
    """``{instrument: frequency}`` from a mapping or a list of ``{"instrument", "frequency"}``; InputError names
    the bad entry (``entries[2].frequency``)."""
    if isinstance(entries, Mapping):
        entries = [{"instrument": key, "frequency": value} for key, value in entries.items()]
    if not isinstance(entries, list | tuple):
        raise InputError("entries", "expected a list of {instrument, frequency}")
    if len(entries) > MAX_SCHEDULE_ENTRIES:
        raise InputError("entries", f"at most {MAX_SCHEDULE_ENTRIES} entries")
    cleaned: dict[str, str] = {}
    for index, entry in enumerate(entries):
        where = f"entries[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError(where, "expected an object with instrument and frequency")
        try:
            instrument = instruments.get(entry.get("instrument")).id
        except InputError as error:
            raise error.within(where) from None
        if instrument in cleaned:
            raise InputError(f"{where}.instrument", f"{instrument} is listed twice")
        cleaned[instrument] = frequency_of(entry.get("frequency"), f"{where}.frequency").value
    return cleaned


@transaction.atomic
def set_schedule(patient: User, *, entries: Any) -> dict[str, str]:
    """Replaces the patient's own schedule with ``entries``; returns it as ``{instrument: frequency}``.

    A plan in force overrides this schedule while it lasts (see speciosa.instruments.schedules).
    """
    cleaned = check_schedule(entries)
    Schedule.objects.filter(patient=patient).exclude(instrument__in=list(cleaned)).delete()
    for instrument, frequency in cleaned.items():
        Schedule.objects.update_or_create(patient=patient, instrument=instrument, defaults={"frequency": frequency})
    return cleaned


def reminder_settings_of(patient: User) -> ReminderSettings:
    """The patient's reminder settings, created (e-mail off, no calendar address yet) the first time."""
    found, _ = ReminderSettings.objects.get_or_create(patient=patient)
    return found


@transaction.atomic
def update_reminders(patient: User, *, email_opt_in: Any, quiet_from: Any, quiet_to: Any) -> ReminderSettings:
    if not isinstance(email_opt_in, bool):
        raise InputError("email_opt_in", "expected true or false")
    for name, value in (("quiet_from", quiet_from), ("quiet_to", quiet_to)):
        if not isinstance(value, dt.time):
            raise InputError(name, "expected a time of day (HH:MM)")
    if email_opt_in and not patient.email:
        raise InputError("email_opt_in", "add an e-mail address to your account first")
    found = ReminderSettings.objects.select_for_update().get(pk=reminder_settings_of(patient).pk)
    found.email_opt_in, found.quiet_from, found.quiet_to = email_opt_in, quiet_from, quiet_to
    found.save()
    return found


@transaction.atomic
def renew_calendar_token(patient: User) -> str:
    """Makes a new secret calendar address and returns its secret, once; the old address stops working at once.

    Only the secret's digest is kept (like an API token's), so the caller shows the address now or never.
    """
    found = ReminderSettings.objects.select_for_update().get(pk=reminder_settings_of(patient).pk)
    token = new_calendar_token()
    found.ical_digest = calendar_digest_of(token)
    found.save(update_fields=["ical_digest"])
    return token


def reminder_settings_for_calendar(token: str) -> ReminderSettings | None:
    """The settings whose calendar address has this secret, of an active patient; None for any other string."""
    if not token or len(token) > 64:
        return None
    return (ReminderSettings.objects.filter(ical_digest=calendar_digest_of(token), patient__is_active=True,
                                            patient__role=Role.PATIENT)
            .select_related("patient", "patient__profile").first())


def mark_reminded(settings_ids: Iterable[int], *, day: dt.date) -> None:
    ReminderSettings.objects.filter(pk__in=list(settings_ids)).update(last_reminded_on=day)
