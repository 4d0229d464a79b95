"""What every interaction rule shares: recent kratom use, the medicines that still act today, and the words that
list them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from speciosa.core import drugs
from speciosa.core.bibliography import cite
from speciosa.core.drugs import Drug
from speciosa.core.safety import daily
from speciosa.core.safety.wording import plain_date
from speciosa.core.snapshot import Medication, Snapshot

FAMILY = "interactions"
RECENT_USE_DAYS = 14

# Cited by a rule in ``sedation`` and one in ``enzymes``.
HILL_2022 = cite("hill-2022")


@dataclass(frozen=True, slots=True)
class Match:
    """One medicine that still acts, as entered, and one reference medicine it was matched to.

    ``stopped_on`` is the medication's stop date when it was stopped before today and is still within its washout
    (``washout_days`` after the last dose); both are None for a medicine taken today.
    """

    medication: Medication
    drug: Drug
    stopped_on: dt.date | None = None
    washout_days: int | None = None


def recent_kratom(snapshot: Snapshot) -> str | None:
    """When the last dose of the window was taken (ISO), or None when no kratom was taken in the window."""
    recent = daily.recent_doses(snapshot, RECENT_USE_DAYS)
    return recent[-1].taken_at.isoformat() if recent else None


def active_matches(snapshot: Snapshot) -> list[Match]:
    """Every (medicine, ingredient) pair that still acts today: taken today, or stopped within its washout.

    Unknown medicines are left out. A medicine that has not started yet does not count.
    """
    today = snapshot.today
    found: list[Match] = []
    for medication in snapshot.medications:
        if medication.active_on(today):
            found.extend(Match(medication, drug) for drug in drugs.match_all(medication.name, medication.rxnorm))
            continue
        stop = medication.stop
        if stop is None or stop >= today or (medication.start is not None and medication.start > stop):
            continue
        for drug in drugs.match_all(medication.name, medication.rxnorm):
            days = drugs.washout(drug, medication.name).days
            if (today - stop).days <= days:
                found.append(Match(medication, drug, stopped_on=stop, washout_days=days))
    return found


def listing(matches: Sequence[Match]) -> str:
    names = []
    for found in matches:
        entered = found.medication.name.strip()
        label = entered if entered.lower() == found.drug.name else f"{entered} ({found.drug.name})"
        if label not in names:
            names.append(label)
    return join(names)


def taking(matches: Sequence[Match]) -> str:
    """ "take X", "recently stopped X" or "take or recently stopped X and Y", as the medicines are."""
    stopped = [found.stopped_on is not None for found in matches]
    verb = "recently stopped" if all(stopped) else "take or recently stopped" if any(stopped) else "take"
    return f"{verb} {listing(matches)}"


def stopped_note(matches: Sequence[Match]) -> str:
    """One sentence per stopped medicine: when it was stopped and how long it still acts; empty when none was."""
    notes = []
    for found in matches:
        if found.stopped_on is None:
            continue
        note = (f" You stopped {found.medication.name.strip()} on {plain_date(found.stopped_on)}. It stays in the "
                f"body and can still mix with kratom for about {found.washout_days} days after the last dose.")
        if note not in notes:
            notes.append(note)
    return "".join(notes)


def subject(matches: Sequence[Match], singular: str, plural: str) -> str:
    """ "Ketoconazole slows" or "Ketoconazole and verapamil slow": the listing as the subject of a sentence."""
    names = listing(matches)
    verb = singular if len({found.medication.name for found in matches}) == 1 else plural
    return f"{names[:1].upper()}{names[1:]} {verb}"


def join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def entry(found: Match, **roles: object) -> dict[str, object]:
    entry: dict[str, object] = {"name": found.medication.name, "generic": found.drug.name, **roles}
    if found.stopped_on is not None:
        entry |= {"stopped_on": found.stopped_on.isoformat(), "washout_days": found.washout_days}
    return entry


def base_evidence(last_dose: str, entries: Iterable[dict[str, object]]) -> dict[str, object]:
    return {"kratom_last_dose_at": last_dose, "window_days": RECENT_USE_DAYS, "medicines": list(entries)}
