"""Plan pages: the patient's own plan, and the clinician's editor for a patient who shared with them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from speciosa.accounts.enums import Role
from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of, zone_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import open_record
from speciosa.clinic.enums import Scope
from speciosa.lib.pages import posted
from speciosa.plans import wording
from speciosa.plans.domain import acknowledge_plan, draft_plan, publish_plan
from speciosa.plans.forms import PlanForm
from speciosa.plans.models import PlanVersion
from speciosa.plans.queries import plan_in_force, versions_of
from speciosa.reports.outcomes import recent_doses


def _context(patient: User) -> dict[str, Any]:
    today = today_of(patient)
    current = plan_in_force(patient, on=today)
    versions = list(versions_of(patient))
    upcoming = [v for v in versions if v.effective_from > today and (current is None or v.version > current.version)]
    return {"patient": patient, "today": today, "current": current, "upcoming": upcoming,
            "today_limit_g": None if current is None else current.limit_on(today),
            "lines": [] if current is None else wording.lines(current),
            "care_goals": [] if current is None else wording.care_goals(current), "history": wording.history(versions)}


@patient_required
def my_plan(request: AuthedRequest) -> HttpResponse:
    return render(request, "plans/mine.html", _context(request.user))


@patient_required
@require_POST
def acknowledge(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = get_object_or_404(versions_of(request.user), pk=version_id)
    acknowledge_plan(version, by=request.user)
    messages.success(request, f"Thank you: version {version.version} of your plan is marked as read.")
    return redirect("plans:mine")


@login_required
def patient_plan(request: AuthedRequest, patient_id: int) -> HttpResponse:
    """The editor: the plan in force, a form for a new version (when allowed) pre-filled from it with the patient's
    recent use beside each limit, a preview (``preview`` in the POST: nothing saved) showing the version as the
    patient will read it and what changes, and the history with its changes."""
    viewer = request.user
    if viewer.role != Role.CLINICIAN:  # a patient's own plan is at plans:mine
        raise PermissionDenied("this page is for clinicians; your own plan is under My plan")
    opened = open_record(viewer, patient_id, Scope.DIARY, action=None, request=request)
    patient, can_edit = opened.patient, opened.can_edit_plan
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("this patient has not allowed you to edit their plan")
    with timezone.override(zone_of(patient)):
        context = _context(patient)
        form = PlanForm(posted(request), initial=PlanForm.initial_for(context["current"]),
                        recent=recent_doses(patient, today=context["today"]) if can_edit else None)
        previewing = "preview" in request.POST

        def draft(values: dict[str, Any]) -> PlanVersion:
            return draft_plan(patient, **values)

        def publish(values: dict[str, Any]) -> PlanVersion:
            return publish_plan(patient, by=viewer, request=request, **values)

        submitted = form.is_bound and form.is_valid() and form.submit(draft if previewing else publish)
        if submitted and not previewing:
            messages.success(request, f"Version {form.result.version} of the plan is published; the patient will "
                                      "be asked to read it.")
            return redirect("plans:patient", patient_id=patient.pk)
        form.check_rest(draft)  # Django refused some fields: the domain's verdict on the others, all at once
        opened.record(Action.READ, "treatment plan")  # the page shows the plan, also again after a refused version
        preview = form.result if previewing and not form.errors else None
        return render(request, "plans/editor.html", {
            **context, "form": form if can_edit else None, "can_edit": can_edit,
            "patient_url": reverse("clinic:patient", args=[patient.pk]) + "?tab=plan",
            **(_preview(patient, preview) if preview is not None else {})})


def _preview(patient: User, draft: PlanVersion) -> dict[str, Any]:
    """The unsaved version as the patient will read it, and its changes from the version it replaces."""
    replaced = plan_in_force(patient, on=draft.effective_from)
    return {"preview": draft, "preview_lines": wording.lines(draft), "preview_care_goals": wording.care_goals(draft),
            "preview_limit_g": draft.limit_on(draft.effective_from), "replaced": replaced,
            "preview_changes": wording.changes(replaced, draft)}
