"""Which parts of a patient's record a viewer may see in charts and reports, and the audit entry for others' reads.

The charts page and the visit report need the ``diary`` scope (doses). Each further part appears only with its own
scope: check-ins and questionnaires (``checkins``), medicines and labs (``medical``), notes (``notes``). Alerts go
with ``diary``, as on the clinician's panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.audit.domain import record_access
from speciosa.clinic.access import can_access, require_access
from speciosa.clinic.enums import Scope


@dataclass(frozen=True)
class Visible:
    checkins: bool
    medical: bool
    notes: bool

    @classmethod
    def everything(cls) -> Visible:
        return cls(checkins=True, medical=True, notes=True)


def visible_to(viewer: User, patient: User) -> Visible:
    """What ``viewer`` may see beyond doses; PermissionDenied without the ``diary`` scope."""
    require_access(viewer, patient, Scope.DIARY)
    return Visible(checkins=can_access(viewer, patient, Scope.CHECKINS),
                   medical=can_access(viewer, patient, Scope.MEDICAL),
                   notes=can_access(viewer, patient, Scope.NOTES))


def note_access(viewer: User, patient: User, *, action: str, what: str, request: HttpRequest | None = None) -> None:
    """The audit entry for a read ("read") or a download ("export") by anyone but the patient."""
    record_access(actor=viewer, patient=patient, action=action, what=what, request=request)
