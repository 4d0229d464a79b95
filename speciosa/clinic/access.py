"""Who may see which patient: the patient themself, or a clinician holding an active share with the right scope.

Every page and endpoint that shows a patient's data asks here; nothing else grants access. A refusal never reveals
whether the patient exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.api_errors import ApiError
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


def require_access(viewer: User, patient: User, scope: str, *, write: bool = False) -> None:
    """For pages: PermissionDenied (403) unless ``can_access``."""
    if not can_access(viewer, patient, scope, write=write):
        raise PermissionDenied("you do not have access to this patient's record")


def api_patient(request: HttpRequest, patient_id: int, scope: str, *, write: bool = False) -> User:
    """For the API: the patient with this id if the caller may see ``scope`` of their record, else 404."""
    viewer: User = request.auth  # type: ignore[attr-defined]
    patient = User.objects.filter(pk=patient_id, role=Role.PATIENT).select_related("profile").first()
    if patient is None or not can_access(viewer, patient, scope, write=write):
        raise ApiError(404, "patient", f"no patient {patient_id} has shared this with you")
    return patient


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
