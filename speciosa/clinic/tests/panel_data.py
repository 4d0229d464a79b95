"""Building a clinician's panel quickly: patients who share, with doses, check-ins and stored alerts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.clinic.testing import share
from speciosa.diary.models import Checkin, Dose
from speciosa.plans.models import Plan, PlanVersion
from speciosa.safety.models import EvaluationState, StoredAlert
from speciosa.testing import make_patient, make_powder


def sharing_patient(clinician: User, username: str, *, scopes: tuple[str, ...] = ("diary", "checkins", "medical",
                                                                                    "notes"),
                    dosed_ago: dt.timedelta | None = None, checked_in_ago: dt.timedelta | None = None,
                    **profile: object) -> User:
    """A patient sharing with ``clinician``; a dose and a check-in that long ago, if given; alerts evaluated."""
    patient = make_patient(username, **profile)
    share(patient, clinician, scopes=scopes)
    now = timezone.now()
    if dosed_ago is not None:
        product = make_powder(patient)
        Dose.objects.create(patient=patient, product=product, amount=3, unit="g", taken_at=now - dosed_ago,
                            leaf_equivalent_g=3, mitragynine_mg=45, hydroxymitragynine_mg=0.3,
                            mitragynine_basis="lab", hydroxymitragynine_basis="lab")
    if checked_in_ago is not None:
        Checkin.objects.create(patient=patient, at=now - checked_in_ago, pain_now=5)
    EvaluationState.objects.update_or_create(patient=patient, defaults={"pending_since": None, "evaluated_at": now})
    return patient


def stored_alert(patient: User, severity: str, status: str = "open", code: str = "") -> StoredAlert:
    now = timezone.now()
    return StoredAlert.objects.create(
        patient=patient, code=code or f"TEST_{severity.upper()}_{status.upper()}", severity=severity,
        title=f"A {severity} alert", message="Message.", action="Action.", status=status, first_seen=now,
        last_seen=now, resolved_at=now if status == "resolved" else None)


def give_plan(patient: User, *, version: int = 1, effective_from: dt.date | None = None, **limits: object) -> None:
    """A plan version written straight to the table (publishing one is the plans app's to test)."""
    plan, _ = Plan.objects.get_or_create(patient=patient)
    PlanVersion.objects.create(plan=plan, patient=patient, version=version,
                               effective_from=effective_from or timezone.localdate() - dt.timedelta(days=60),
                               **{"max_daily_leaf_g": 8, **limits})
