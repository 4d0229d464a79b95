"""Reads about a person that every app needs: the patient's own time zone and calendar day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.lib.tz import local_day


def zone_of(patient: User) -> dt.tzinfo:
    """The patient's IANA zone from their profile; UTC for anyone without one (staff, a profile not yet made)."""
    profile = getattr(patient, "profile", None)
    return profile.zone if profile is not None else dt.UTC


def today_of(patient: User, now: dt.datetime | None = None) -> dt.date:
    """The calendar day it is now where the patient lives."""
    return local_day(now or timezone.now(), zone_of(patient))
