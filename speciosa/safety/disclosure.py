"""What of an alert a viewer may read, and in which voice: the one filter every output channel draws alerts through.

A clinician with any active share sees a patient's alerts (which rule fired, how serious, since when): watching over
them is what sharing is for. An alert's message, advice, evidence and conversation can quote any part of the record
the rules read (a medicine's name, a lab value, a check-in), so they reach only a viewer who may see all of those
parts (``OpenRecord.shows_alert_details``). Pages, the API, the visit report PDF and the urgent-alert e-mail all call
``alert_as_shown``, so a channel cannot show more than the others; titles are fixed per rule and never quote data.

Everyone who reads an alert through here reads it in the clinical voice (speciosa.core.safety.alert): the title and
message become the clinical ones, while ``action`` stays what the patient was told. The patient's own pages and API
read their stored alerts directly, in the plain voice, with the clinical message behind it.

An alert's conversation (speciosa.safety.models.AlertEntry) follows the same rule, entry by entry
(``entries_as_shown``): the patient reads every entry (each clinician's entry was written to them); a clinician reads
their own entries, and everyone else's only when they may see the alert's details. An entry they may not read is
still listed, with its author, kind and time, so nobody mistakes a hidden reply for silence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from speciosa.accounts.models import User
from speciosa.clinic.access import alert_details_shared, share_between
from speciosa.safety.enums import EntryRole
from speciosa.safety.models import AlertEntry, StoredAlert

HIDDEN = "(hidden: shown only when doses, check-ins, and medicines and labs are all shared)"


def alert_as_shown(alert: StoredAlert, *, details: bool) -> StoredAlert:
    """The alert as a clinician may read it: in the clinical voice, and with ``details=False`` its message, advice
    and evidence replaced. Changes the instance in memory only (never save it)."""
    alert.title = alert.clinical_title or alert.title
    alert.message = alert.clinical_message or alert.message
    alert.clinical_title, alert.clinical_message = alert.title, alert.message
    if not details:
        alert.message = alert.clinical_message = alert.action = HIDDEN
        alert.evidence = {}
    return alert


def alerts_as_shown(alerts: Iterable[StoredAlert], *, details: bool) -> list[StoredAlert]:
    return [alert_as_shown(alert, details=details) for alert in alerts]


def details_shown_to(viewer: User, patient: User) -> bool:
    """Whether ``viewer`` may read the details of ``patient``'s alerts: the patient always; a clinician while an
    active share holds every scope the rules read (speciosa.clinic.access.alert_details_shared); nobody else."""
    if viewer.pk == patient.pk:
        return True
    share = share_between(viewer, patient)
    return share is not None and alert_details_shared(share)


FORMER_ACCOUNT = "a closed account"


@dataclass(frozen=True)
class EntryAsShown:
    """One entry of an alert's conversation as one reader may see it. ``hidden``: the reader may not read its text
    (``text`` is then empty), only that it is there, whose and when."""

    id: int
    kind: str
    role: str
    author: str | None  # username; None when the author's account was closed
    author_name: str  # as people read it: a full name, else the username
    by_reader: bool
    created_at: dt.datetime
    text: str
    hidden: bool

    @property
    def role_label(self) -> str:
        return EntryRole(self.role).label


def entry_as_shown(entry: AlertEntry, *, reader: User, details: bool) -> EntryAsShown:
    """``entry`` for ``reader``, who may see the alert's details or not (``details_shown_to``). The entry's author
    must be loaded (select_related)."""
    author = entry.author
    by_reader = author is not None and author.pk == reader.pk
    readable = by_reader or details or reader.pk == entry.patient_id
    name = FORMER_ACCOUNT if author is None else (author.get_full_name() or author.username)
    return EntryAsShown(id=entry.pk, kind=entry.kind, role=entry.role,
                        author=None if author is None else author.username, author_name=name,
                        by_reader=by_reader, created_at=entry.created_at,
                        text=entry.text if readable else "", hidden=not readable)


def entries_as_shown(entries: Iterable[AlertEntry], *, reader: User, details: bool) -> list[EntryAsShown]:
    return [entry_as_shown(entry, reader=reader, details=details) for entry in entries]
