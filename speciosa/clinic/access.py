"""Who may see which patient: the patient themself, or a clinician holding an active share with the right scope.

Every page and endpoint that shows a patient's data to someone else comes through one door, ``open_record``: it
finds the patient, checks the share and its scope, and writes the audit entry. Its one refusal, ``NoAccess``, is a 403
page for pages and a 404 for the API (mapped once, in speciosa.api), and never reveals whether the patient exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.enums import Scope
from speciosa.clinic.models import Share
from speciosa.clinic.queries import active_shares


def share_between(viewer: User, patient: User) -> Share | None:
    """The active share from ``patient`` to ``viewer`` (the most recent if several), or None."""
    if not viewer.is_authenticated or viewer.role != Role.CLINICIAN:
        return None
    return (active_shares(timezone.now()).filter(patient=patient, clinician=viewer)
            .order_by("-accepted_at").first())


def can_access(viewer: User, patient: User, scope: str, *, write: bool = False) -> bool:
    """True for the patient themself; for a clinician only with an active share including ``scope``.

    ``write=True`` asks for the "may also edit the plan" permission.
    """
    if scope not in Scope.values:
        raise ValueError(f"unknown scope {scope!r}")
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.pk == patient.pk:
        return patient.is_patient
    share = share_between(viewer, patient)
    if share is None or scope not in share.scopes:
        return False
    return share.can_edit_plan if write else True


NOT_SHARED = "This patient has not shared this part of their record with you, or has stopped sharing it."


class NoAccess(PermissionDenied):
    """The door's one refusal: no such patient, no active share, a scope not shared, or no permission to edit."""

    def __init__(self, patient_id: int) -> None:
        super().__init__(NOT_SHARED)
        self.patient_id = patient_id


@dataclass(frozen=True)
class OpenRecord:
    """A patient's record as one viewer may open it: ``share`` is None when the viewer is the patient."""

    viewer: User
    patient: User
    share: Share | None
    request: HttpRequest | None = None

    def shows(self, scope: Scope) -> bool:
        """Whether this part of the record is shared with the viewer (always, for the patient)."""
        return self.share is None or scope in self.share.scopes

    @property
    def shows_alert_details(self) -> bool:
        """Whether alerts reach this viewer with their message, advice, note and evidence (see
        ``alert_details_shared``; always, for the patient). speciosa.safety.disclosure applies it."""
        return self.share is None or alert_details_shared(self.share)

    @property
    def can_edit_plan(self) -> bool:
        return self.share is not None and self.share.can_edit_plan

    def record(self, action: Action, what: str) -> None:
        """The audit entry for what the viewer did next (nothing is written for the patient's own reads)."""
        record_access(actor=self.viewer, patient=self.patient, action=action, what=what, request=self.request)


def open_record(viewer: User, patient_id: int, scope: Scope | None, *, action: Action | None, what: str = "",
                write: bool = False, request: HttpRequest | None = None) -> OpenRecord:
    """The patient with this id, opened for ``viewer``: the patient themself, or a clinician with an active share
    including ``scope`` (``None``: any active share, as for alerts and notes) and, with ``write=True``, the "may also
    edit the plan" permission. Raises ``NoAccess`` otherwise.

    Side effects: with ``action``, one audit entry (``what`` says which part). A page that may change the record
    passes ``action=None`` and calls ``record`` once it knows whether it read or wrote.
    """
    if scope is not None and scope not in Scope.values:
        raise ValueError(f"unknown scope {scope!r}")
    patient = User.objects.filter(pk=patient_id, role=Role.PATIENT).select_related("profile").first()
    if patient is None or not viewer.is_authenticated or not viewer.is_active:
        raise NoAccess(patient_id)
    if viewer.pk == patient.pk:
        return OpenRecord(viewer=viewer, patient=patient, share=None, request=request)
    share = share_between(viewer, patient)
    if share is None or (scope is not None and scope not in share.scopes) or (write and not share.can_edit_plan):
        raise NoAccess(patient_id)
    opened = OpenRecord(viewer=viewer, patient=patient, share=share, request=request)
    if action is not None:
        opened.record(action, what)
    return opened


def patients_shared_with(clinician: User, scope: str | None = None) -> QuerySet[User]:
    """The patients with an active share to this clinician (with ``scope``, if given)."""
    shares = active_shares(timezone.now()).filter(clinician=clinician)
    if scope is None:
        return User.objects.filter(pk__in=shares.values("patient_id"), role=Role.PATIENT)
    # Scopes are a short JSON list; SQLite has no JSON containment lookup, so the filter runs here (one query).
    allowed = {patient_id for patient_id, scopes in shares.values_list("patient_id", "scopes") if scope in scopes}
    return User.objects.filter(pk__in=allowed, role=Role.PATIENT)


# The scopes whose data the safety rules read. A clinician with any active share sees a patient's alerts (which
# rule fired, how serious, when): watching over them is what sharing is for. An alert's message, advice, note and
# inputs can quote any of these parts of the record (a medicine's name, a lab value), so they are shown only to a
# clinician who holds all of them.
ALERT_DETAIL_SCOPES = (Scope.DIARY, Scope.CHECKINS, Scope.MEDICAL)


def alert_details_shared(share: Share) -> bool:
    return all(scope in share.scopes for scope in ALERT_DETAIL_SCOPES)
