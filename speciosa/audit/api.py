"""Audit API, mounted under /api/v1 by speciosa.api: the patient's own entries, and the whole log for admins."""

from ninja import Query, Router
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.enums import Role
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.audit.queries import all_entries, entries_about
from speciosa.audit.schemas import AuditEntryOut, AuditFilters
from speciosa.lib.api_errors import ApiError
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import error_responses

router = Router(tags=["audit"], auth=AUTH)


@router.get("/me/audit", response={200: list[AuditEntryOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def my_audit_entries(request: ApiRequest):
    """Who other than you read or changed your data, newest first."""
    return entries_about(patient_of(request))


@router.get("/audit", response={200: list[AuditEntryOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def audit_log(request: ApiRequest, filters: Query[AuditFilters]):
    """The whole audit log, newest first (administrators only)."""
    if request.auth.role != Role.ADMIN:
        raise ApiError(403, "role", "the audit log is open to administrators only")
    return all_entries(action=filters.action or "", actor=filters.actor, patient_ref=filters.patient_ref)
