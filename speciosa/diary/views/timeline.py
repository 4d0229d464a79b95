"""The timeline: doses, check-ins and lab results by local day, newest first, a week at a time."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from speciosa.diary.forms import TimelineRangeForm
from speciosa.diary.queries import timeline, today_of, zone_of
from speciosa.diary.views.access import patient_required
from speciosa.lib.tz import day_bounds, local_day

DAYS_PER_PAGE = 7


@patient_required
def timeline_page(request: HttpRequest) -> HttpResponse:
    patient, zone = request.user, zone_of(request.user)
    today = today_of(patient)
    form = TimelineRangeForm(request.GET if "until" in request.GET else None)
    chosen = form.cleaned_data["until"] if form.is_valid() else None
    until = min(chosen or today, today)
    first = until - dt.timedelta(days=DAYS_PER_PAGE - 1)
    start, end = day_bounds(first, zone)[0], day_bounds(until, zone)[1]
    entries = timeline(patient, start=start, end=end)
    days = [(day, list(group)) for day, group in groupby(entries, key=lambda entry: local_day(entry[0], zone))]
    return render(request, "diary/timeline.html", {
        "form": form, "days": days, "first": first, "until": until,
        "older": first - dt.timedelta(days=1),
        "newer": min(until + dt.timedelta(days=DAYS_PER_PAGE), today) if until < today else None,
    })
