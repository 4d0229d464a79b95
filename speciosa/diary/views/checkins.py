"""Check-ins: how the patient is, in ratings, graded symptoms and a note."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.diary.domain import delete_checkin, record_checkin, update_checkin
from speciosa.diary.forms import CheckinForm, QuickCheckinForm
from speciosa.diary.models import Checkin
from speciosa.diary.queries import checkins_of
from speciosa.lib.pages import posted

RECENT = 30


def _own_checkin(request: AuthedRequest, pk: int) -> Checkin:
    return get_object_or_404(checkins_of(request.user), pk=pk)


@patient_required
def checkin_list(request: AuthedRequest) -> HttpResponse:
    return render(request, "diary/checkin_list.html", {"checkins": checkins_of(request.user)[:RECENT]})


@patient_required
def checkin_new(request: AuthedRequest) -> HttpResponse:
    patient = request.user
    form = CheckinForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(lambda values: record_checkin(patient, by=patient, **values)):
        messages.success(request, "Check-in saved.")
        return redirect("diary:today")
    return render(request, "diary/checkin_form.html", {"form": form, "title": "Check in", "submit": "Save check-in"})


@patient_required
def checkin_quick(request: AuthedRequest) -> HttpResponse:
    """The check-in on one screen (pain now and mood first); the full form stays at ``checkin_new``."""
    patient = request.user
    form = QuickCheckinForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(lambda values: record_checkin(patient, by=patient, **values)):
        messages.success(request, "Check-in saved.")
        return redirect("diary:today")
    return render(request, "diary/checkin_quick.html", {"form": form})


@patient_required
def checkin_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    checkin = _own_checkin(request, pk)
    form = CheckinForm(posted(request), checkin=checkin)
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: update_checkin(checkin, by=request.user, **values)):
        messages.success(request, "Check-in saved.")
        return redirect("diary:checkins")
    return render(request, "diary/checkin_form.html",
                  {"form": form, "checkin": checkin, "title": "Change a check-in", "submit": "Save changes"})


@patient_required
def checkin_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    checkin = _own_checkin(request, pk)
    if request.method == "POST":
        delete_checkin(checkin, by=request.user)
        messages.success(request, "Check-in deleted.")
        return redirect("diary:checkins")
    return render(request, "diary/confirm_delete.html",
                  {"what": "this check-in", "record": checkin, "cancel": reverse("diary:checkins")})
