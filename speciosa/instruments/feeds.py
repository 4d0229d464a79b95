"""The private iCalendar feed of a patient's coming questionnaires (RFC 5545), for any phone calendar.

The feed's address holds a long random token and is the only key to it, and a calendar shows its events on lock
screens, syncs them to other services and shares them with whoever the calendar is shared with. So the events say
as little as possible: no instrument (naming an opioid-withdrawal or use-disorder questionnaire tells a reader what
the patient is treated for), no patient number, a link to the questionnaire list rather than to one questionnaire,
and a UID that is an HMAC (keyed by the server's secret) rather than anything readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils.crypto import salted_hmac
from icalendar import Calendar, Event

from speciosa.accounts.models import User
from speciosa.instruments.schedules import upcoming

FEED_DAYS = 60
SUMMARY = "Speciosa: a questionnaire is due"
_UID_SALT = "speciosa.instruments.feeds.uid"


def event_uid(patient: User, instrument: str, day: dt.date) -> str:
    """A stable, opaque event UID: the same event keeps it on every refresh, and it reveals neither who nor what."""
    digest = salted_hmac(_UID_SALT, f"{patient.pk}:{instrument}:{day.isoformat()}", algorithm="sha256").hexdigest()
    return f"{digest[:32]}@speciosa"


def calendar_feed(patient: User, *, today: dt.date, now: dt.datetime, absolute: Callable[[str], str]) -> bytes:
    """The feed as bytes: one all-day event for each day a questionnaire falls due in the next FEED_DAYS days."""
    feed = Calendar()
    feed.add("prodid", "-//Speciosa//Questionnaires//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", "Speciosa questionnaires")
    feed.add("x-published-ttl", "PT6H")  # a hint to refresh a few times a day
    link = absolute(reverse("instruments:list"))
    for day, due in upcoming(patient, today=today, days=FEED_DAYS):
        event = Event()
        event.add("uid", event_uid(patient, due.instrument, day))
        event.add("dtstamp", now)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", SUMMARY)
        event.add("description", f"{SUMMARY}. Answer it at {link}")
        event.add("url", link)
        event.add("transp", "TRANSPARENT")  # not busy time
        feed.add_component(event)
    return feed.to_ical()
