"""Questionnaire pages: what is due, answering one, the history of scores, settings, and the calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of, zone_of
from speciosa.audit.enums import Action
from speciosa.clinic.access import open_record
from speciosa.clinic.enums import Scope
from speciosa.core import instruments
from speciosa.core.errors import InputError
from speciosa.core.instruments.model import Frequency
from speciosa.instruments.domain import (
    record_response,
    reminder_settings_for_calendar,
    reminder_settings_of,
    renew_calendar_token,
    set_schedule,
    update_reminders,
)
from speciosa.instruments.feeds import calendar_feed
from speciosa.instruments.forms import QuestionnaireForm, ReminderForm, ScheduleForm
from speciosa.instruments.queries import own_schedule, responses_of
from speciosa.instruments.schedules import schedule_of, scheduled
from speciosa.instruments.support import calls_for_support, mood_support
from speciosa.lib.pages import posted

HISTORY = 100


def _instrument(instrument_id: str) -> instruments.Instrument:
    try:
        return instruments.get(instrument_id)
    except InputError:
        raise Http404("no such questionnaire") from None


@patient_required
def instrument_list(request: AuthedRequest) -> HttpResponse:
    today = today_of(request.user)
    entries = scheduled(request.user, today=today)
    due = [entry for entry in entries if entry.next_due <= today]
    shown = {entry.instrument for entry in due}
    others = [instrument for instrument in instruments.all_instruments() if instrument.id not in shown]
    later = {entry.instrument: entry for entry in entries if entry.next_due > today}
    return render(request, "instruments/list.html", {"due": due, "others": others, "later": later})


@patient_required
def answer(request: AuthedRequest, instrument_id: str) -> HttpResponse:
    instrument = _instrument(instrument_id)
    patient = request.user
    form = QuestionnaireForm(posted(request), instrument=instrument)
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: record_response(patient, by=patient, **values)):
        response = form.result
        if calls_for_support(response):
            messages.success(request, f"{instrument.short_title} saved.")
            return redirect("instruments:support")
        band = f" ({instrument.band_meaning(response.band)})" if response.band else ""
        messages.success(request, f"{instrument.short_title} saved. Your score: {response.score:g}{band}")
        return redirect("instruments:results")
    return render(request, "instruments/answer.html", {"form": form, "instrument": instrument})


@patient_required
def support(request: AuthedRequest) -> HttpResponse:
    """Next steps and crisis help after a positive mood screen; the crisis line at any time."""
    return render(request, "instruments/support.html", {"support": mood_support(request.user, now=timezone.now())})


@patient_required
def results(request: AuthedRequest) -> HttpResponse:
    return _results_page(request, request.user)  # a patient: patient_required


@login_required
def patient_results(request: AuthedRequest, patient_id: int) -> HttpResponse:
    """A patient's questionnaire history, for a clinician they shared check-ins with."""
    opened = open_record(request.user, patient_id, Scope.CHECKINS, action=None, request=request)
    with timezone.override(zone_of(opened.patient)):
        page = _results_page(request, opened.patient)
    opened.record(Action.READ, "questionnaire results")  # once shown: an unknown questionnaire is a 404, not a read
    return page


def _results_page(request: HttpRequest, patient: User) -> HttpResponse:
    chosen = request.GET.get("instrument") or ""
    if chosen:
        _instrument(chosen)
    rows = list(responses_of(patient, instrument=chosen or None)[:HISTORY])
    titles = {instrument.id: instrument for instrument in instruments.all_instruments()}
    return render(request, "instruments/results.html", {
        "patient": patient, "own": patient.pk == request.user.pk, "rows": rows, "instruments": titles,
        "chosen": chosen, "limit": HISTORY,
    })


@patient_required
def settings_page(request: AuthedRequest) -> HttpResponse:
    patient: User = request.user  # a patient: patient_required
    today = today_of(patient)
    current, source = schedule_of(patient, today=today)
    own = own_schedule(patient)
    reminder = reminder_settings_of(patient)
    which = request.POST.get("form") if request.method == "POST" else None
    schedule_form = ScheduleForm(posted(request) if which == "schedule" else None, current=own)
    reminder_form = ReminderForm(posted(request) if which == "reminders" else None,
                                 initial={"email_opt_in": reminder.email_opt_in, "quiet_from": reminder.quiet_from,
                                          "quiet_to": reminder.quiet_to})
    if which == "schedule" and schedule_form.is_valid() and schedule_form.submit(
            lambda values: set_schedule(patient, **values)):
        messages.success(request, "Your questionnaire schedule is saved.")
        return redirect("instruments:settings")
    if which == "reminders" and reminder_form.is_valid() and reminder_form.submit(
            lambda values: update_reminders(patient, **values)):
        messages.success(request, "Your reminder settings are saved.")
        return redirect("instruments:settings")
    return _settings(request, schedule_form=schedule_form, reminder_form=reminder_form, source=source,
                     current=current, has_feed=reminder.ical_digest is not None)


def _settings(request: AuthedRequest, *, schedule_form: ScheduleForm, reminder_form: ReminderForm, source: str,
              current: dict[str, Frequency], has_feed: bool, feed_url: str = "") -> HttpResponse:
    """The settings page; ``feed_url`` only in the answer that made the address, the one time it can be shown."""
    return render(request, "instruments/settings.html", {
        "schedule_form": schedule_form, "reminder_form": reminder_form, "source": source, "plan_schedule": current,
        "feed_url": feed_url, "has_feed": has_feed or bool(feed_url), "has_email": bool(request.user.email),
        "titles": {instrument.id: instrument.short_title for instrument in instruments.all_instruments()},
    })


@patient_required
@require_POST
def renew_calendar(request: AuthedRequest) -> HttpResponse:
    """Makes a new calendar address and shows it in this answer only: just its digest is kept."""
    patient: User = request.user
    token = renew_calendar_token(patient)
    reminder = reminder_settings_of(patient)
    current, source = schedule_of(patient, today=today_of(patient))
    messages.success(request, "Your calendar address is new. Copy it now: it is shown only this once. Any older "
                              "address no longer works.")
    response = _settings(
        request, schedule_form=ScheduleForm(None, current=own_schedule(patient)),
        reminder_form=ReminderForm(None, initial={"email_opt_in": reminder.email_opt_in,
                                                  "quiet_from": reminder.quiet_from, "quiet_to": reminder.quiet_to}),
        source=source, current=current, has_feed=True,
        feed_url=request.build_absolute_uri(reverse("instruments:calendar", args=[token])))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def calendar(request: AuthedRequest, token: str) -> HttpResponse:
    """The private feed: no sign-in, the long random token in the address is the key (only its digest is stored)."""
    found = reminder_settings_for_calendar(token)
    if found is None:
        raise Http404("no such calendar")
    body = calendar_feed(found.patient, today=today_of(found.patient), now=timezone.now(),
                         absolute=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    return response
