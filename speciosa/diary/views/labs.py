"""Liver test results, each read as a multiple of its own upper limit of normal (×ULN)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.diary.domain import delete_lab, record_lab, update_lab
from speciosa.diary.forms import LabForm
from speciosa.diary.models import LabResult
from speciosa.diary.queries import labs_of
from speciosa.lib.pages import posted


def _own_lab(request: AuthedRequest, pk: int) -> LabResult:
    return get_object_or_404(labs_of(request.user), pk=pk)


@patient_required
def lab_list(request: AuthedRequest) -> HttpResponse:
    return render(request, "diary/lab_list.html", {"labs": labs_of(request.user)})


@patient_required
def lab_new(request: AuthedRequest) -> HttpResponse:
    patient = request.user
    form = LabForm(posted(request), initial=LabForm.initial_for(None))
    if form.is_bound and form.is_valid() and form.submit(lambda values: record_lab(patient, by=patient, **values)):
        messages.success(request, "Lab result added.")
        return redirect("diary:labs")
    return render(request, "diary/form_page.html", {"form": form, "title": "Add a lab result", "submit": "Add result"})


@patient_required
def lab_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    lab = _own_lab(request, pk)
    form = LabForm(posted(request), initial=LabForm.initial_for(lab))
    if form.is_bound and form.is_valid() and form.submit(lambda values: update_lab(lab, by=request.user, **values)):
        messages.success(request, "Lab result saved.")
        return redirect("diary:labs")
    return render(request, "diary/form_page.html", {
        "form": form, "title": f"Change the {lab.code} result", "submit": "Save changes",
        "delete_url": "diary:lab_delete", "record": lab})


@patient_required
def lab_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    lab = _own_lab(request, pk)
    if request.method == "POST":
        delete_lab(lab, by=request.user)
        messages.success(request, f"The {lab.code} result was deleted.")
        return redirect("diary:labs")
    return render(request, "diary/confirm_delete.html",
                  {"what": f"the {lab.code} result", "record": lab, "cancel": reverse("diary:labs")})
