"""Which parts of a patient's record a viewer may see in charts and reports, and the audit entry for others' reads.

The charts page and the visit report need the ``diary`` scope (doses). Each further part appears only with its own
scope: check-ins and questionnaires (``checkins``), medicines and labs (``medical``), notes (``notes``). Alerts go
with ``diary``, as on the clinician's panel, but their wording and evidence only with every scope the rules read
(``alert_details``, applied by speciosa.safety.disclosure as on the pages and in the API).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.audit.enums import Action
from speciosa.clinic.access import OpenRecord, open_record
from speciosa.clinic.enums import Scope


@dataclass(frozen=True)
class Visible:
    checkins: bool
    medical: bool
    notes: bool
    alert_details: bool

    def key(self) -> str:
        """The four answers as a short string (a cache key's part): "1101"."""
        return "".join("1" if shown else "0" for shown in (self.checkins, self.medical, self.notes,
                                                             self.alert_details))

    @classmethod
    def everything(cls) -> Visible:
        return cls(checkins=True, medical=True, notes=True, alert_details=True)


def open_for_report(viewer: User, patient_id: int, *, action: Action | None, what: str = "",
                    request: HttpRequest | None = None) -> tuple[OpenRecord, Visible]:
    """The record through the access door (which needs the ``diary`` scope and, with ``action``, writes the audit
    entry) and what ``viewer`` may see beyond doses."""
    opened = open_record(viewer, patient_id, Scope.DIARY, action=action, what=what, request=request)
    return opened, Visible(checkins=opened.shows(Scope.CHECKINS), medical=opened.shows(Scope.MEDICAL),
                           notes=opened.shows(Scope.NOTES), alert_details=opened.shows_alert_details)
