"""The patient's own data, to take away: JSON, or a zip of CSV files."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.diary.export import export_csv_zip, export_data
from speciosa.lib.schemas import error_responses

router = Router(tags=["export"], auth=AUTH)


@router.get("/me/export", response={200: dict[str, Any], **error_responses(401, 403, 422)},
            openapi_extra={"responses": {200: {"description": "OK", "content": {
                "application/json": {"schema": {"type": "object"}},
                "application/zip": {"schema": {"type": "string", "format": "binary"}}}}}})
def export_my_data(request: ApiRequest, format: Literal["json", "csv"] = "json"):
    """Everything your diary holds: ``format=json`` (one document) or ``format=csv`` (a zip of CSV files)."""
    patient = patient_of(request)
    if format == "json":
        return export_data(patient)
    response = HttpResponse(export_csv_zip(patient), content_type="application/zip")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="speciosa-{patient.username}-{stamp}.zip"'
    return response
