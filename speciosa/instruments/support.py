"""What the supportive page after a mood screen shows: the latest PHQ-4 read as the safety rule reads it, the crisis
line of the patient's place, and whether a clinician will hear of it.

The page answers a positive screen (speciosa.core.safety.rules.mood: a GAD-2 or PHQ-2 of 3 or more; a total of 9-12 is
severe) with next steps and help at once; the clinician is told by the MOOD_SCREEN_POSITIVE alert, which every
clinician the patient shares with sees (and an urgent one is e-mailed). It stays reachable with no screen, as the
place to find the crisis line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from speciosa.accounts.models import PatientProfile, User
from speciosa.clinic.queries import active_shares
from speciosa.core import crisis_lines
from speciosa.core.crisis_lines import CrisisLine
from speciosa.core.safety.rules.mood import PHQ4_INSTRUMENT, SCREEN_WINDOW_DAYS, MoodScreen, screen
from speciosa.instruments.models import Response
from speciosa.instruments.queries import responses_of


@dataclass(frozen=True)
class MoodSupport:
    screen: MoodScreen | None  # the latest PHQ-4 of the rule's window, when it was a positive screen
    answered_at: dt.datetime | None
    line: CrisisLine | None  # None: no line checked for the patient's place
    clinician_told: bool  # whether a clinician shares with the patient, and so sees the alert

    @property
    def phone_link(self) -> str:
        return "" if self.line is None else "tel:" + "".join(c for c in self.line.phone if c.isdigit() or c == "+")

    @property
    def text_link(self) -> str:
        return "" if self.line is None or not self.line.text else "sms:" + "".join(
            c for c in self.line.text if c.isdigit() or c == "+")


def _jurisdiction_of(patient: User) -> str | None:
    profile = PatientProfile.objects.filter(user=patient).only("jurisdiction").first()
    return (profile.jurisdiction or None) if profile is not None else None


def calls_for_support(response: Response) -> bool:
    """Whether a just-saved response is a PHQ-4 that screens positive, so the patient sees the supportive page."""
    result = screen(response.answers) if response.instrument == PHQ4_INSTRUMENT else None
    return result is not None and result.positive


def mood_support(patient: User, *, now: dt.datetime) -> MoodSupport:
    latest = responses_of(patient, instrument=PHQ4_INSTRUMENT).filter(
        at__gte=now - dt.timedelta(days=SCREEN_WINDOW_DAYS), at__lte=now).first()
    result = None if latest is None else screen(latest.answers)
    positive = result is not None and result.positive
    return MoodSupport(
        screen=result if positive else None, answered_at=latest.at if positive and latest else None,
        line=crisis_lines.for_jurisdiction(_jurisdiction_of(patient)),
        clinician_told=active_shares(now).filter(patient=patient).exists())
