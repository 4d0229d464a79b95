from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models

from speciosa.diary.models.base import PatientRecord
from speciosa.instruments.enums import INSTRUMENT_CHOICES, Frequency

CALENDAR_TOKEN_BYTES = 32  # 43 URL-safe characters: the calendar URL is the only key to the feed


def new_calendar_token() -> str:
    return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)


def calendar_digest_of(token: str) -> str:
    """What is stored of a calendar address's secret: a plain SHA-256 suffices for 256 random bits.

    Stored so, a database copy, a backup or the patient's own archive holds no working feed address.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Response(PatientRecord):
    """One completed questionnaire, with the score the core gave it when it was stored."""

    instrument = models.CharField(max_length=20, choices=INSTRUMENT_CHOICES)
    version = models.CharField(max_length=20)
    at = models.DateTimeField()
    answers = models.JSONField()  # whole numbers, one per item
    score = models.FloatField()
    band = models.CharField(max_length=20, blank=True)
    subscores = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["patient", "instrument", "at"]), models.Index(fields=["patient", "at"])]

    def __str__(self) -> str:
        return f"{self.instrument} at {self.at:%Y-%m-%d %H:%M}: {self.score:g}"


class Schedule(models.Model):
    """One questionnaire the patient chose to answer regularly (a plan in force overrides these)."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=20, choices=INSTRUMENT_CHOICES)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["patient", "instrument"]
        constraints = [models.UniqueConstraint(fields=["patient", "instrument"], name="one_schedule_per_instrument")]

    def __str__(self) -> str:
        return f"{self.instrument} {self.frequency}"


class ReminderSettings(models.Model):
    """How the patient wants to be reminded: e-mail (opt-in, outside quiet hours) and a private calendar feed."""

    patient = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email_opt_in = models.BooleanField(default=False)
    quiet_from = models.TimeField(default=dt.time(21, 0))
    quiet_to = models.TimeField(default=dt.time(8, 0))
    # The digest of the calendar address's secret (shown once, when made); empty until the patient makes one.
    ical_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, default=None)
    last_reminded_on = models.DateField(null=True, blank=True)  # the patient's local day of the last e-mail

    def __str__(self) -> str:
        return f"reminders for {self.patient_id}"

    def is_quiet(self, moment: dt.time) -> bool:
        """True inside quiet hours (which may run past midnight); equal ends mean no quiet hours."""
        if self.quiet_from == self.quiet_to:
            return False
        if self.quiet_from < self.quiet_to:
            return self.quiet_from <= moment < self.quiet_to
        return moment >= self.quiet_from or moment < self.quiet_to
