"""The private iCalendar feed of a patient's coming questionnaires (RFC 5545), for any phone calendar.

The feed's address holds a long random token and is the only key to it, so the events say as little as possible:
the title names no instrument, the description names it and links to the page where it is answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from icalendar import Calendar, Event

from speciosa.accounts.models import User
from speciosa.core import instruments
from speciosa.instruments.schedules import FREQUENCY_WORDS, upcoming

FEED_DAYS = 60


def calendar_feed(patient: User, *, today: dt.date, now: dt.datetime, absolute: Callable[[str], str]) -> bytes:
    """The feed as bytes: one all-day event for each day a questionnaire falls due in the next FEED_DAYS days."""
    feed = Calendar()
    feed.add("prodid", "-//Speciosa//Questionnaires//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", "Speciosa questionnaires")
    feed.add("x-published-ttl", "PT6H")  # a hint to refresh a few times a day
    for day, due in upcoming(patient, today=today, days=FEED_DAYS):
        instrument = instruments.get(due.instrument)
        event = Event()
        event.add("uid", f"{due.instrument}-{day.isoformat()}-{patient.pk}@speciosa")
        event.add("dtstamp", now)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", "Speciosa questionnaire due")
        event.add("description", f"{instrument.short_title} ({FREQUENCY_WORDS[due.frequency]}). "
                                 f"Answer it at {absolute(due.url)}")
        event.add("url", absolute(due.url))
        event.add("transp", "TRANSPARENT")  # not busy time
        feed.add_component(event)
    return feed.to_ical()
