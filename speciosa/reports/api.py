"""Reports API, mounted under /api/v1 by speciosa.api: for a clinician, a patient's summary (as the top of their
page shows it) and the visit report PDF, each through the one door and audited like the pages."""

# No ``from __future__ import annotations``: ninja reads these signatures' types at import.
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, clinician_of
from speciosa.accounts.queries import zone_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import NoAccess, open_record
from speciosa.clinic.schemas import SummaryOut
from speciosa.lib.schemas import Day, RecordId, error_responses, file_response
from speciosa.reports.access import open_for_report
from speciosa.reports.forms import RECORD_NUMBER_MAX
from speciosa.reports.periods import check_period
from speciosa.reports.visit import build_visit_report
from speciosa.reports.workspace import patient_summary

router = Router(tags=["reports"])
SUMMARY_READ = "summary: alerts, doses, outcomes, labs, plan"


@router.get("/clinic/patients/{id}/summary", auth=AUTH,
            response={200: SummaryOut, **error_responses(401, 403, 404, 422)})
def summary(request: ApiRequest, id: RecordId):
    """The patient's summary, as the top of their page shows it: current problems in clinical words, the current
    daily amount with its 4-week trend, pain and function since the first week (IMMPACT), the latest liver tests as
    ×ULN, adherence and the plan in force; each part null when its scope is not shared."""
    opened = open_record(clinician_of(request), id, None, action=None, request=request)
    if opened.share is None:
        raise NoAccess(id)
    found = patient_summary(opened, now=timezone.now())
    opened.record(Action.READ, SUMMARY_READ)
    return found.to_dict()


class ReportQuery(Schema):
    start: Day = Field(..., alias="from", description="the first local day of the period")
    end: Day = Field(..., alias="to", description="the last local day of the period (at most a year after 'from')")
    notes: bool = Field(False, description="include the patient's own notes (needs the notes scope)")
    record: str = Field("", max_length=RECORD_NUMBER_MAX, pattern=r"^[^\x00-\x1f\x7f]*$",
                        description="the clinic's record number for this patient, printed in the header as "
                                    "'Record no.' (optional)")


@router.get("/clinic/patients/{id}/report.pdf", auth=AUTH,
            response={200: bytes, **error_responses(401, 403, 404, 422)},
            openapi_extra=file_response("application/pdf", description="The visit report"))
def visit_report(request: ApiRequest, id: RecordId, period: Query[ReportQuery]):
    """The visit report (PDF) over ``from``-``to``, the same file the patient page's Report tab gives: needs the
    doses scope; each further part only with its own scope."""
    opened, visible = open_for_report(clinician_of(request), id, action=None, request=request)
    if opened.share is None:
        raise NoAccess(id)
    now = timezone.now()
    start, end = check_period(period.start, period.end, today=now.astimezone(zone_of(opened.patient)).date())
    with timezone.override(zone_of(opened.patient)):
        built = build_visit_report(opened.patient, start=start, end=end, visible=visible, generated_at=now,
                                   include_notes=period.notes and visible.notes, printed_by=opened.viewer,
                                   record_number=period.record)
    opened.record(Action.EXPORT, "visit report (PDF)")
    response = HttpResponse(built.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    response["Cache-Control"] = "no-store"
    return response

