"""The demo's clinical story: the clinician is ready to sign in (two-factor set up, with a published demo key), and
most of the cast share with them, with varied scopes and plans, alerts evaluated, some acknowledged with a note
(and one answered by its patient), clinical notes written, and one patient who shared and then stopped.

Deterministic: the key comes from the seed, the choices from each patient's number. Plans are written as versions
that took effect weeks ago (a demo needs a history; the plans domain, rightly, never backdates a new version).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from speciosa.accounts.models import User
from speciosa.accounts.twofactor import authenticator_of, manual_key
from speciosa.clinic.domain import accept_invitation, invite_clinician, revoke_share, write_note
from speciosa.clinic.enums import Scope
from speciosa.plans.models import Plan, PlanVersion
from speciosa.safety.domain import acknowledge_alert, comment_on_alert, reevaluate
from speciosa.safety.enums import AlertSeverity
from speciosa.safety.models import StoredAlert

PLAN_EDITORS = frozenset({1, 2, 3, 4, 5, 8, 9, 11, 13, 14, 17})  # the others share for reading only
SHARING = 18  # patients 1..18 share (when the demo has them); the last of them stops sharing
EVERYTHING = tuple(Scope.values)
# Scopes for the patients drawn from the pools, by number: mostly everything, and each partial kind at least once.
PARTIAL_SCOPES = (
    (Scope.DIARY, Scope.CHECKINS),
    (Scope.DIARY,),
    (Scope.DIARY, Scope.MEDICAL, Scope.NOTES),
    (Scope.CHECKINS, Scope.NOTES),
)
# Hand-written patients whose scopes are partial, to show what a clinician sees of each.
HAND_SCOPES = {7: (Scope.DIARY, Scope.CHECKINS)}
# (max daily leaf g, max doses a day, lab interval days, review: days from today (negative: overdue))
PLANS = {1: (8, 3, 90, 30), 2: (10, 4, 30, -3), 5: (6, 3, 90, -10), 8: (8, 4, 90, 14), 9: (12, 5, 60, 7),
         11: (7, 3, 90, 60), 14: (6, 3, 180, -1)}
ACKNOWLEDGED = {  # patient number -> the clinician's note on acknowledging their urgent alerts
    3: "Discussed with her and her midwife; she is tapering with the obstetric team. Review weekly.",
    4: "Called him: stopping the 7-OH tablets, naloxone prescribed, seen Thursday with his surgeon.",
}
REPLIES = {  # patient number -> their comment on the first of their acknowledged alerts, below the clinician's note
    4: "Thank you for calling. I have stopped the tablets and will bring the bottle on Thursday.",
}
NOTES = {
    1: "Stable on 3 g twice daily; pain down about 40%. Continue; LFTs every 3 months.",
    2: "Jaundice reported. Asked to stop kratom today and attend ED for LFTs and INR; called twice.",
    5: "Dose creeping up without relief: discussed tolerance, agreed to hold at 6 g and add physio.",
    9: "Above 15 g/day most days. Offered a supervised taper; he will think about it.",
}


@dataclass(frozen=True)
class ClinicStory:
    key: str  # the clinician's authenticator key, as an app takes it (base32, in groups of four)
    shared: int
    revoked: int


def demo_key(seed: int) -> str:
    """The demo clinician's TOTP key (40 hex digits), from the seed: the same demo always has the same key."""
    return hashlib.sha256(f"speciosa-demo-authenticator-{seed}".encode()).hexdigest()[:40]


def ready_clinician(clinician: User, *, seed: int) -> TOTPDevice:
    """A confirmed authenticator for the demo clinician (kept if one is there), so sign-in works at once."""
    device = authenticator_of(clinician)
    if device is None:
        device = TOTPDevice.objects.create(user=clinician, name="Demo authenticator", key=demo_key(seed),
                                           confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """The 6-digit code the authenticator shows now."""
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def scopes_for(number: int) -> tuple[str, ...]:
    if number in HAND_SCOPES:
        return tuple(HAND_SCOPES[number])
    if number <= 9 or number % 3:
        return EVERYTHING
    return tuple(PARTIAL_SCOPES[(number // 3) % len(PARTIAL_SCOPES)])


def tell(clinician: User, patients: list[User], *, seed: int) -> ClinicStory:
    """Shares, plans, evaluated alerts (some acknowledged, one with the patient's reply), notes and one revoked
    share, for the demo's patients (number n is patients[n - 1]). Side effects: the rows of each, through the
    domain where it allows it."""
    device = ready_clinician(clinician, seed=seed)
    sharing = patients[:SHARING]
    today = timezone.localdate()
    for number, patient in enumerate(sharing, start=1):
        _, code = invite_clinician(patient, scopes=list(scopes_for(number)), can_edit_plan=number in PLAN_EDITORS)
        share = accept_invitation(clinician, code=code)
        if number in PLANS:
            _plan(patient, clinician, today, *PLANS[number])
        reevaluate(patient)
        if number in ACKNOWLEDGED:
            urgent = list(StoredAlert.objects.filter(patient=patient, severity=AlertSeverity.URGENT).order_by("pk"))
            for alert in urgent:
                acknowledge_alert(alert, by=clinician, note=ACKNOWLEDGED[number])
            if urgent and number in REPLIES:
                comment_on_alert(urgent[0], by=patient, text=REPLIES[number])
        if number in NOTES:
            write_note(patient, author=clinician, text=NOTES[number])
        if number == len(sharing) and number > 1:
            revoke_share(share, by=patient)
    revoked = 1 if len(sharing) > 1 else 0
    return ClinicStory(key=manual_key(device), shared=len(sharing) - revoked, revoked=revoked)


def _plan(patient: User, clinician: User, today: dt.date, leaf_g: float, doses: int, lab_days: int,
          review_in_days: int) -> None:
    plan, _ = Plan.objects.get_or_create(patient=patient)
    PlanVersion.objects.create(
        plan=plan, patient=patient, version=1, max_daily_leaf_g=leaf_g, max_doses_per_day=doses,
        lab_interval_days=lab_days, effective_from=today - dt.timedelta(days=60),
        review_on=today + dt.timedelta(days=review_in_days), authored_by=clinician,
        instrument_schedule={"peg": "weekly", "phq4": "biweekly"},
        note="Agreed at the first visit.")
