"""Import from another tracker through the API: the same preview and commit as the page, for the patient's own
diary. The file travels as text in the JSON body both times (nothing is kept between the two calls)."""

from __future__ import annotations

from ninja import Router

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.accounts.queries import zone_of
from speciosa.interop.trackers.forms import mapping_from
from speciosa.interop.trackers.importer import commit_import, plan_import
from speciosa.interop.trackers.schemas import ImportIn, ImportOut
from speciosa.lib.schemas import error_responses

router = Router(tags=["import"], auth=AUTH)


def _mapping(payload: ImportIn):
    return None if payload.mapping is None else mapping_from(payload.mapping.model_dump())


@router.post("/me/import/csv/preview", response={200: ImportOut, **error_responses(400, 401, 403, 422)})
def preview_import(request: ApiRequest, payload: ImportIn):
    """What importing this CSV would add to your diary, and every row it would leave out (line and reason).
    Stores nothing."""
    patient = patient_of(request)
    plan = plan_import(patient, payload.content, preset_id=payload.preset, mapping=_mapping(payload))
    return plan.to_dict(zone_of(patient))


@router.post("/me/import/csv", response={200: ImportOut, **error_responses(400, 401, 403, 422)})
def commit_csv_import(request: ApiRequest, payload: ImportIn):
    """Imports this CSV into your diary in one go (what the preview shows); importing it again adds nothing."""
    patient = patient_of(request)
    plan = commit_import(patient, payload.content, by=patient, preset_id=payload.preset, mapping=_mapping(payload))
    return plan.to_dict(zone_of(patient))
