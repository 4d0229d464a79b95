"""The timeline: doses, check-ins and lab results by local day, newest first, a week at a time."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.diary.queries import timeline_window
from speciosa.lib.forms import TimelineRangeForm

DAYS_PER_PAGE = 7


@patient_required
def timeline_page(request: AuthedRequest) -> HttpResponse:
    form = TimelineRangeForm(request.GET if "until" in request.GET else None)
    window = timeline_window(request.user, until=form.cleaned_data["until"] if form.is_valid() else None,
                             days=DAYS_PER_PAGE)
    return render(request, "diary/timeline.html", {"form": form, **vars(window)})
