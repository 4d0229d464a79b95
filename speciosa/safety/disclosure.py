"""What of an alert a viewer may read, and in which voice: the one filter every output channel draws alerts through.

A clinician with any active share sees a patient's alerts (which rule fired, how serious, since when): watching over
them is what sharing is for. An alert's message, advice, note and evidence can quote any part of the record the
rules read (a medicine's name, a lab value, a check-in), so they reach only a viewer who may see all of those parts
(``OpenRecord.shows_alert_details``). Pages, the API, the visit report PDF and the urgent-alert e-mail all call
``alert_as_shown``, so a channel cannot show more than the others; titles are fixed per rule and never quote data.

Everyone who reads an alert through here reads it in the clinical voice (speciosa.core.safety.alert): the title and
message become the clinical ones, while ``action`` stays what the patient was told. The patient's own pages and API
read their stored alerts directly, in the plain voice, with the clinical message behind it.
"""

from __future__ import annotations

from collections.abc import Iterable

from speciosa.safety.models import StoredAlert

HIDDEN = "(hidden: shown only when doses, check-ins, and medicines and labs are all shared)"


def alert_as_shown(alert: StoredAlert, *, details: bool) -> StoredAlert:
    """The alert as a clinician may read it: in the clinical voice, and with ``details=False`` its message, advice,
    note and evidence replaced. Changes the instance in memory only (never save it)."""
    alert.title = alert.clinical_title or alert.title
    alert.message = alert.clinical_message or alert.message
    alert.clinical_title, alert.clinical_message = alert.title, alert.message
    if not details:
        alert.message = alert.clinical_message = alert.action = alert.note = HIDDEN
        alert.evidence = {}
    return alert


def alerts_as_shown(alerts: Iterable[StoredAlert], *, details: bool) -> list[StoredAlert]:
    return [alert_as_shown(alert, details=details) for alert in alerts]
