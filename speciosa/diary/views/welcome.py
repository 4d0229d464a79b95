"""Welcome, in three steps after sign-up: where you are, what you take, and your clinician (or later)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render

from speciosa.accounts.domain import update_profile
from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.models import PatientProfile
from speciosa.diary.domain import create_product
from speciosa.diary.forms.welcome import WhatYouTakeForm, WhereForm
from speciosa.diary.models import Product
from speciosa.diary.presets import BY_KEY
from speciosa.lib.pages import posted


@patient_required
def welcome_where(request: AuthedRequest) -> HttpResponse:
    profile, _ = PatientProfile.objects.get_or_create(user=request.user)
    form = WhereForm(posted(request), initial={"time_zone": profile.time_zone, "jurisdiction": profile.jurisdiction})
    if form.is_bound and form.is_valid() and form.submit(lambda values: update_profile(request.user, **values)):
        return redirect("diary:welcome_take")
    return render(request, "diary/welcome_where.html", {"form": form, "step": 1})


def add_from_preset(request: AuthedRequest, values: dict[str, Any]) -> Product:
    preset = BY_KEY[values["preset"]]
    capsules = preset.form == "capsule"
    return create_product(request.user, by=request.user, name=preset.name, form=preset.form, strain=preset.strain,
                          vein=preset.vein, unit_mass_g=values["capsule_g"] if capsules else None, favourite=True,
                          usual_amount=values["usual_amount"], usual_unit=preset.unit)


@patient_required
def welcome_take(request: AuthedRequest) -> HttpResponse:
    form = WhatYouTakeForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(lambda values: add_from_preset(request, values)):
        return redirect("diary:welcome_clinician")
    return render(request, "diary/welcome_take.html", {"form": form, "step": 2})


@patient_required
def welcome_clinician(request: AuthedRequest) -> HttpResponse:
    return render(request, "diary/welcome_clinician.html", {"step": 3})
