"""FHIR pages: the patient downloads their record as a FHIR Bundle and imports labs and medicines from their health
record (a preview, then a confirmation); a clinician downloads a shared record; the extension's definition is public.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from speciosa.accounts.http import AuthedRequest, clinician_required, patient_required
from speciosa.clinic.access import OpenRecord, open_record
from speciosa.core.errors import InputError
from speciosa.interop.fhir.access import open_for_fhir_export, open_for_fhir_import, record_import
from speciosa.interop.fhir.export import fhir_bundle, structure_definition
from speciosa.interop.fhir.importer import MAX_BYTES, commit_import, preview_import

STATUS_WORDS = {"new": "Will be added", "duplicate": "Already in your diary", "skipped": "Not imported",
                "error": "Cannot be used"}


def _download(opened: OpenRecord, kind: str) -> HttpResponse:
    bundle = fhir_bundle(opened, kind="transaction" if kind == "transaction" else "collection")
    response = HttpResponse(json.dumps(bundle, ensure_ascii=False, indent=1),
                            content_type="application/fhir+json; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="speciosa-{opened.patient.username}-fhir-'
                                       f'{timezone.now():%Y%m%d}.json"')
    return response


@require_GET
def definition(request: HttpRequest, name: str) -> HttpResponse:
    """A StructureDefinition Speciosa publishes, at its canonical address."""
    try:
        return JsonResponse(structure_definition(name), content_type="application/fhir+json")
    except KeyError:
        raise Http404("no such definition") from None


@patient_required
def mine(request: AuthedRequest) -> HttpResponse:
    return render(request, "interop/fhir.html", {"max_mb": MAX_BYTES // (1024 * 1024)})


@patient_required
def download(request: AuthedRequest) -> HttpResponse:
    opened = open_record(request.user, request.user.pk, None, action=None)
    return _download(opened, request.GET.get("type", "collection"))


@clinician_required
def patient_download(request: AuthedRequest, patient_id: int) -> HttpResponse:
    return _download(open_for_fhir_export(request.user, patient_id, request=request),
                     request.GET.get("type", "collection"))


def _import_page(request: AuthedRequest, opened: OpenRecord, *, own: bool) -> HttpResponse:
    """A file posted: the preview. The previewed text posted back with ``confirm``: the import. Whoever is not the
    patient has each step written to the patient's audit log."""
    patient, viewer = opened.patient, request.user
    upload = request.FILES.get("file")
    text = request.POST.get("bundle", "")
    here = reverse("fhir:import") if own else reverse("fhir:patient_import", args=[patient.pk])
    back = reverse("fhir:mine") if own else reverse("clinic:patient", args=[patient.pk])
    whose = "your diary" if own else f"{patient.username}'s record"
    try:
        if request.POST.get("confirm") and text:
            report = commit_import(patient, text, by=viewer)
            record_import(opened, report)
            stored = report.stored_labs + report.stored_medicines
            messages.success(request, f"Added {report.stored_labs} lab results and {report.stored_medicines} "
                                      f"medicines to {whose}." if stored else "Nothing new was added: "
                                      f"everything usable in the file is already in {whose}.")
            if not own:
                return redirect(back)
            return redirect("diary:labs" if report.stored_labs else "diary:medications")
        if upload is None:
            raise InputError("file", "choose the FHIR file (JSON) the health record gave you")
        if upload.size is not None and upload.size > MAX_BYTES:
            raise InputError("file", f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
        content = upload.read()
        report = preview_import(patient, content, by=viewer)
        record_import(opened, report)
    except InputError as error:
        if own:
            return render(request, "interop/fhir.html", {"max_mb": MAX_BYTES // (1024 * 1024),
                                                         "error": f"The file {error.message}."}, status=422)
        messages.error(request, f"The file {error.message}.")
        return redirect(back)
    rows = [(entry, STATUS_WORDS[entry.status]) for entry in report.entries]
    return render(request, "interop/fhir_preview.html", {
        "rows": rows, "report": report, "new": report.count("new"), "here": here, "back": back, "whose": whose,
        "bundle": content.decode("utf-8-sig", errors="replace")})


@require_POST
@patient_required
def import_record(request: AuthedRequest) -> HttpResponse:
    return _import_page(request, open_record(request.user, request.user.pk, None, action=None), own=True)


@require_POST
@clinician_required
def patient_import(request: AuthedRequest, patient_id: int) -> HttpResponse:
    """A clinician's import into a shared record: the medicines-and-labs scope and the permission to edit the plan."""
    return _import_page(request, open_for_fhir_import(request.user, patient_id, request=request), own=False)
