"""The patient's import page: upload, preview (nothing stored), then import, all in the patient's own diary."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.queries import zone_of
from speciosa.core.errors import InputError
from speciosa.interop.trackers.forms import ImportForm, mapping_from
from speciosa.interop.trackers.importer import ImportPlan, commit_import, plan_import
from speciosa.interop.trackers.presets import PRESETS
from speciosa.interop.trackers.reading import MAX_FILE_BYTES

PENDING = "interop.pending_import"  # the session key of the previewed file, until it is imported or replaced
SKIPPED_SHOWN = 200


def _digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _page(request: AuthedRequest, form: ImportForm, *, plan: ImportPlan | None = None, digest: str = "",
          status: int = 200) -> HttpResponse:
    zone = zone_of(request.user)
    context: dict[str, Any] = {"form": form, "plan": plan, "digest": digest, "presets": PRESETS.values(),
                               "entries": plan.lines(zone) if plan else [],
                               "skipped": plan.skipped[:SKIPPED_SHOWN] if plan else [],
                               "more_skipped": max(0, len(plan.skipped) - SKIPPED_SHOWN) if plan else 0}
    return render(request, "interop/import_csv.html", context, status=status)


@patient_required
def import_csv(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        request.session.pop(PENDING, None)
        return _page(request, ImportForm())
    if "digest" in request.POST:
        return _commit(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=422)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_FILE_BYTES:
        form.add_error("file", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        return _page(request, form, status=422)
    raw = upload.read()
    mapping = form.mapping_data()
    preset_id = None if mapping is not None else form.cleaned_data["source"]
    try:
        plan = plan_import(request.user, raw, preset_id=preset_id, mapping=mapping_from(mapping))
    except InputError as error:
        form.attach(error)
        return _page(request, form, status=422)
    content = raw.decode("utf-8-sig")
    request.session[PENDING] = {"content": content, "preset": preset_id, "mapping": mapping,
                                "digest": _digest(content)}
    return _page(request, form, plan=plan, digest=_digest(content))


def _commit(request: AuthedRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or pending.get("digest") != request.POST.get("digest"):
        messages.error(request, "That preview has expired (another file was previewed since, or it was already "
                                "imported). Choose the file again.")
        return redirect("interop:import_csv")
    plan = commit_import(request.user, pending["content"], by=request.user, preset_id=pending["preset"],
                         mapping=mapping_from(pending["mapping"]))
    del request.session[PENDING]
    added = [f"{len(plan.doses)} dose{'' if len(plan.doses) == 1 else 's'}",
             f"{len(plan.checkins)} check-in{'' if len(plan.checkins) == 1 else 's'}"]
    messages.success(request, f"Imported {' and '.join(added)} from {plan.source}; {len(plan.skipped)} "
                              f"row{'' if len(plan.skipped) == 1 else 's'} left out.")
    return redirect("diary:timeline")
