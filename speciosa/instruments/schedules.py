"""Which questionnaires are due for a patient, and when: the plan in force decides, else the patient's own choice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core import instruments
from speciosa.core.errors import InputError
from speciosa.core.instruments.model import Frequency
from speciosa.core.instruments.schedule import due_days, frequency_of, next_due
from speciosa.instruments.enums import ScheduleSource
from speciosa.instruments.queries import last_answered, own_schedule
from speciosa.lib.tz import local_day


@dataclass(frozen=True)
class Due:
    instrument: str
    title: str
    frequency: str
    last_answered: dt.datetime | None
    next_due: dt.date
    url: str

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_WORDS[self.frequency]


FREQUENCY_WORDS = {"daily": "every day", "weekly": "every week", "biweekly": "every two weeks",
                   "monthly": "every month"}


def _plan_schedule(patient: User, today: dt.date) -> dict[str, str] | None:
    # The plans app is written alongside this one; until speciosa.plans.queries.plan_in_force exists, no plan can
    # be in force and the patient's own schedule applies. Imported here, not at the top, for the same reason.
    try:
        from speciosa.plans.queries import plan_in_force
    except ImportError:
        return None
    plan = plan_in_force(patient, on=today)
    schedule = getattr(plan, "instrument_schedule", None) if plan is not None else None
    return dict(schedule) if schedule else None


def schedule_of(patient: User, *, today: dt.date) -> tuple[dict[str, Frequency], str]:
    """``({instrument: frequency}, source)``: the plan's schedule when a plan in force sets one, else the
    patient's own. Entries the core does not know (a plan written for a newer version) are skipped."""
    from_plan = _plan_schedule(patient, today)
    if from_plan is not None:
        raw, source = from_plan, ScheduleSource.PLAN.value
    else:
        raw = own_schedule(patient)
        source = ScheduleSource.PATIENT.value
    schedule: dict[str, Frequency] = {}
    for instrument, frequency in raw.items():
        try:
            schedule[instruments.get(instrument).id] = frequency_of(frequency)
        except InputError:
            continue
    return schedule, source


def scheduled(patient: User, *, today: dt.date) -> list[Due]:
    """Every scheduled questionnaire with its next due day, soonest first (due ones have next_due <= today)."""
    schedule, _ = schedule_of(patient, today=today)
    last = last_answered(patient) if schedule else {}
    zone = zone_of(patient)
    entries = []
    for instrument_id, frequency in schedule.items():
        instrument = instruments.get(instrument_id)
        answered = last.get(instrument_id)
        answered_day = local_day(answered, zone) if answered else None
        entries.append(Due(instrument=instrument_id, title=instrument.short_title, frequency=frequency.value,
                           last_answered=answered, next_due=next_due(frequency, answered_day, today=today),
                           url=reverse("instruments:answer", args=[instrument_id])))
    order = {instrument.id: index for index, instrument in enumerate(instruments.all_instruments())}
    return sorted(entries, key=lambda due: (due.next_due, order[due.instrument]))


def due_today(patient: User, *, today: dt.date) -> list[Due]:
    """The scheduled questionnaires due on ``today`` (the patient's local day) or overdue."""
    return [due for due in scheduled(patient, today=today) if due.next_due <= today]


def upcoming(patient: User, *, today: dt.date, days: int) -> list[tuple[dt.date, Due]]:
    """Each day in the next ``days`` days a questionnaire falls due (overdue ones count as due today)."""
    until = today + dt.timedelta(days=days)
    zone = zone_of(patient)
    found = []
    for due in scheduled(patient, today=today):
        answered_day = local_day(due.last_answered, zone) if due.last_answered else None
        for day in due_days(Frequency(due.frequency), answered_day, today=today, until=until):
            found.append((day, due))
    return sorted(found, key=lambda pair: (pair[0], pair[1].instrument))
