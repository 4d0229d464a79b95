"""Daily check-ins: pain, mood, energy, sleep, function, side effects and withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.diary.domain.history import as_record, record_revision
from speciosa.diary.enums import RevisionAction, SideEffect, WithdrawalSymptom
from speciosa.diary.models import Checkin
from speciosa.lib.checks import check_grades, check_moment, check_score

RATINGS = ("pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function")
CHECKIN_FIELDS = (*RATINGS, "side_effects", "withdrawal", "note", "at")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(CHECKIN_FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "unknown field")
    out: dict[str, Any] = {name: check_score(values.get(name), name, maximum=10) for name in RATINGS}
    out["side_effects"] = check_grades(values.get("side_effects"), "side_effects", SideEffect.values)
    out["withdrawal"] = check_grades(values.get("withdrawal"), "withdrawal", WithdrawalSymptom.values)
    out["note"] = clean_text(values.get("note"), "note", max_length=4000)
    if all(out[name] is None for name in RATINGS) and not out["side_effects"] and not out["withdrawal"] \
            and not out["note"]:
        raise InputError("pain_now", "a check-in needs at least one rating, symptom or note")
    return out


@transaction.atomic
def record_checkin(patient, *, by, at: dt.datetime | None = None, **values: Any) -> Checkin:  # type: ignore[no-untyped-def]
    """Records a check-in (``at`` defaults to now). Side effects: one revision entry."""
    when = check_moment(at if at is not None else timezone.now(), "at")
    checkin = Checkin.objects.create(patient=patient, at=when, **_clean(values))
    record_revision(checkin, action=RevisionAction.CREATE, by=by, before=None)
    return checkin


@transaction.atomic
def update_checkin(checkin: Checkin, *, by, **changes: Any) -> Checkin:  # type: ignore[no-untyped-def]
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


@transaction.atomic
def delete_checkin(checkin: Checkin, *, by) -> None:  # type: ignore[no-untyped-def]
    before = as_record(checkin)
    checkin.deleted_at = timezone.now()
    checkin.save(update_fields=["deleted_at", "updated_at"])
    record_revision(checkin, action=RevisionAction.DELETE, by=by, before=before)
