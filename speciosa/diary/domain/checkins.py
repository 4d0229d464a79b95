"""Daily check-ins: pain, mood, energy, sleep, function, side effects and withdrawal."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.diary.domain.fields import field_names, refuse_unknown
from speciosa.diary.domain.history import as_record, record_revision, soft_delete
from speciosa.diary.domain.idempotency import stored_once
from speciosa.diary.enums import RevisionAction, SideEffect, WithdrawalSymptom
from speciosa.diary.models import Checkin
from speciosa.lib.checks import check_grades, check_moment, check_score

RATINGS = ("pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function")
Grades = dict[str, int]  # {"nausea": 1, ...}: symptom name to grade 0-3


class CheckinChanges(TypedDict, total=False):
    # Ratings 0-10; None clears one.
    pain_now: int | None
    pain_avg_24h: int | None
    mood: int | None
    energy: int | None
    sleep_quality: int | None
    function: int | None
    side_effects: Grades | None
    withdrawal: Grades | None
    note: str | None
    at: dt.datetime


CHECKIN_FIELDS = field_names(CheckinChanges)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {name: check_score(values.get(name), name, maximum=10) for name in RATINGS}
    out["side_effects"] = check_grades(values.get("side_effects"), "side_effects", SideEffect.values)
    out["withdrawal"] = check_grades(values.get("withdrawal"), "withdrawal", WithdrawalSymptom.values)
    out["note"] = clean_text(values.get("note"), "note", max_length=4000)
    if all(out[name] is None for name in RATINGS) and not out["side_effects"] and not out["withdrawal"] \
            and not out["note"]:
        raise InputError("pain_now", "a check-in needs at least one rating, symptom or note")
    return out


@transaction.atomic
def record_checkin(patient: User, *, by: User, at: dt.datetime | None = None, pain_now: int | None = None,
                   pain_avg_24h: int | None = None, mood: int | None = None, energy: int | None = None,
                   sleep_quality: int | None = None, function: int | None = None, side_effects: Grades | None = None,
                   withdrawal: Grades | None = None, note: str = "",
                   client_id: uuid.UUID | str | None = None) -> Checkin:
    """Records a check-in (``at`` defaults to now); it needs at least one rating, symptom or note.

    Side effects: one revision entry. ``client_id`` (a UUID the phone chose) makes a retry safe: a check-in already
    stored with it is returned as it is, and nothing new is stored.
    """
    def create(key: uuid.UUID | None) -> Checkin:
        when = check_moment(at if at is not None else timezone.now(), "at")
        cleaned = _clean({"pain_now": pain_now, "pain_avg_24h": pain_avg_24h, "mood": mood, "energy": energy,
                          "sleep_quality": sleep_quality, "function": function, "side_effects": side_effects,
                          "withdrawal": withdrawal, "note": note})
        checkin = Checkin.objects.create(patient=patient, at=when, client_id=key, **cleaned)
        record_revision(checkin, action=RevisionAction.CREATE, by=by, before=None)
        return checkin

    return stored_once(Checkin, patient, client_id, create)


@transaction.atomic
def update_checkin(checkin: Checkin, *, by: User, **changes: Unpack[CheckinChanges]) -> Checkin:
    """Changes the fields named; the old values stay in the check-in's history. Side effects: one revision entry."""
    refuse_unknown(changes, CHECKIN_FIELDS)
    checkin = Checkin.objects.select_for_update().get(pk=checkin.pk)
    before = as_record(checkin)
    current = {name: getattr(checkin, name) for name in CHECKIN_FIELDS if name != "at"}
    cleaned = _clean({**current, **{k: v for k, v in changes.items() if k != "at"}})
    if "at" in changes:
        checkin.at = check_moment(changes["at"], "at")
    for name, value in cleaned.items():
        setattr(checkin, name, value)
    checkin.save()
    record_revision(checkin, action=RevisionAction.UPDATE, by=by, before=before)
    return checkin


def delete_checkin(checkin: Checkin, *, by: User) -> None:
    """Deletes a check-in from the diary; the row and its history are kept. Side effects: one revision entry."""
    soft_delete(checkin, by=by)
