"""Audit API, mounted under /api/v1 by speciosa.api: the patient's own entries, and the whole log for admins."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from speciosa.accounts.enums import Role
from speciosa.api_auth import AUTH
from speciosa.api_errors import ApiError
from speciosa.audit.queries import all_entries, entries_about
from speciosa.audit.schemas import AuditEntryOut, AuditFilters
from speciosa.diary.api.access import patient_of
from speciosa.diary.api.paging import Pages
from speciosa.diary.schemas.fields import error_responses

router = Router(tags=["audit"], auth=AUTH)


@router.get("/me/audit", response={200: list[AuditEntryOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def my_audit_entries(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Who other than you read or changed your data, newest first."""
    return entries_about(patient_of(request))


@router.get("/audit", response={200: list[AuditEntryOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def audit_log(request: HttpRequest, filters: Query[AuditFilters]):  # type: ignore[no-untyped-def]
    """The whole audit log, newest first (administrators only)."""
    if request.auth.role != Role.ADMIN:  # type: ignore[attr-defined]
        raise ApiError(403, "role", "the audit log is open to administrators only")
    return all_entries(action=filters.action or "", actor=filters.actor, patient_ref=filters.patient_ref)
