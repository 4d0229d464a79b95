"""One date format across the patient's pages, in the reader's own style (a built-in template library).

A browser that asks for US English (``en-US``, or plain ``en``, or any ``-US`` language) reads month first and a
12-hour clock ("Dec 2, 2026, 5:22 PM"); every other reader reads day first and a 24-hour clock ("2 Dec 2026,
17:22"). The style comes from the request's Accept-Language (``DateStyleMiddleware``); times are shown in the
active time zone, which the patient's pages set to the patient's own (speciosa.accounts.http).

Filters: ``patient_date`` (a date), ``patient_datetime`` (a date and time), ``patient_time`` (a time of day),
``patient_day`` (a weekday heading without the year, "Wednesday 2 Dec").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar

from django import template
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

register = template.Library()

US, WORLD = "us", "world"
_style: ContextVar[str] = ContextVar("speciosa_date_style", default=WORLD)


def style_of(accept_language: str) -> str:
    """``us`` when the first language asked for is US English (or English with no region), else ``world``."""
    first = accept_language.split(",")[0].split(";")[0].strip().lower()
    return US if first == "en" or first.endswith("-us") else WORLD


class DateStyleMiddleware:
    """Notes the reader's date style for the templates of this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _style.set(style_of(request.headers.get("Accept-Language", "")))
        try:
            return self.get_response(request)
        finally:
            _style.reset(token)


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _time(moment: dt.datetime | dt.time) -> str:
    if _style.get() == US:
        return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


@register.filter
def patient_date(value: dt.date | dt.datetime | None) -> str:
    """``2 Dec 2026`` (``Dec 2, 2026`` in US style); empty for None."""
    if value is None or value == "":
        return ""
    day = _local(value)
    return f"{day:%b} {day.day}, {day.year}" if _style.get() == US else f"{day.day} {day:%b} {day.year}"


@register.filter
def patient_datetime(value: dt.datetime | None) -> str:
    """``2 Dec 2026, 17:22`` (``Dec 2, 2026, 5:22 PM`` in US style); empty for None."""
    if value is None or value == "":
        return ""
    moment = _local(value)
    assert isinstance(moment, dt.datetime)
    return f"{patient_date(moment)}, {_time(moment)}"


@register.filter
def patient_time(value: dt.datetime | dt.time | None) -> str:
    """``17:22`` (``5:22 PM`` in US style); empty for None."""
    if value is None or value == "":
        return ""
    moment = _local(value) if isinstance(value, dt.datetime) else value
    assert isinstance(moment, dt.datetime | dt.time)
    return _time(moment)


@register.filter
def patient_day(value: dt.date | dt.datetime | None) -> str:
    """A day as a heading, without the year: ``Wednesday 2 Dec`` (``Wednesday, Dec 2`` in US style)."""
    if value is None or value == "":
        return ""
    day = _local(value)
    return f"{day:%A}, {day:%b} {day.day}" if _style.get() == US else f"{day:%A} {day.day} {day:%b}"
