"""The patient's profile: what the safety engine needs to know about them, all through accounts.domain."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from speciosa.accounts.domain import update_profile
from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.models import PatientProfile, User
from speciosa.diary.forms import ProfileForm
from speciosa.lib.pages import posted


@patient_required
def profile(request: AuthedRequest) -> HttpResponse:
    patient = cast(User, request.user)  # patient_required lets only signed-in patients through
    current, _ = PatientProfile.objects.get_or_create(user=patient)
    form = ProfileForm(posted(request), initial=ProfileForm.initial_for(current), email=patient.email)
    if form.is_bound and form.is_valid() and form.submit(lambda values: update_profile(patient, **values)):
        messages.success(request, "Profile saved.")
        return redirect("diary:profile")
    return render(request, "diary/profile.html", {"form": form})
