"""Other medicines the patient takes (the safety engine checks them for interactions)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.diary.domain import delete_medication, record_medication, update_medication
from speciosa.diary.forms import MedicationForm
from speciosa.diary.models import Medication
from speciosa.diary.queries import medications_of
from speciosa.lib.pages import posted


def _own_medication(request: AuthedRequest, pk: int) -> Medication:
    return get_object_or_404(medications_of(request.user), pk=pk)


@patient_required
def medication_list(request: AuthedRequest) -> HttpResponse:
    return render(request, "diary/medication_list.html", {"medications": medications_of(request.user)})


@patient_required
def medication_new(request: AuthedRequest) -> HttpResponse:
    patient = request.user
    form = MedicationForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: record_medication(patient, by=patient, **values)):
        messages.success(request, "Medicine added.")
        return redirect("diary:medications")
    return render(request, "diary/form_page.html", {"form": form, "title": "Add a medicine", "submit": "Add medicine"})


@patient_required
def medication_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    medication = _own_medication(request, pk)
    form = MedicationForm(posted(request), initial=MedicationForm.initial_for(medication))
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: update_medication(medication, by=request.user, **values)):
        messages.success(request, "Medicine saved.")
        return redirect("diary:medications")
    return render(request, "diary/form_page.html", {
        "form": form, "title": f"Change {medication.name}", "submit": "Save changes",
        "delete_url": "diary:medication_delete", "record": medication})


@patient_required
def medication_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    medication = _own_medication(request, pk)
    if request.method == "POST":
        delete_medication(medication, by=request.user)
        messages.success(request, f"{medication.name} removed from your medicines.")
        return redirect("diary:medications")
    return render(request, "diary/confirm_delete.html",
                  {"what": medication.name, "record": medication, "cancel": reverse("diary:medications")})
