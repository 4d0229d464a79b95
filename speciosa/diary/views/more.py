"""The More page: on a phone the tab bar holds the five daily tasks, and everything else is listed here."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from speciosa.accounts.http import AuthedRequest, patient_required


@patient_required
def more(request: AuthedRequest) -> HttpResponse:
    return render(request, "diary/more.html")
