"""The one alert filter (speciosa.safety.disclosure): what it withholds, and that it never reaches the database."""

from __future__ import annotations

import pytest
from django.utils import timezone

from speciosa.safety.disclosure import HIDDEN, alert_as_shown, alerts_as_shown
from speciosa.safety.models import StoredAlert
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db


def _alert() -> StoredAlert:
    now = timezone.now()
    return StoredAlert.objects.create(
        patient=make_patient("pat"), code="LIVER_ALT_HIGH", severity="urgent", title="ALT raised",
        message="ALT 140 while taking Sertraline.", action="Stop Sertraline.", evidence={"ALT": 140},
        first_seen=now, last_seen=now)


def test_without_details_only_what_fired_and_when_is_left():
    shown = alert_as_shown(_alert(), details=False)
    assert (shown.message, shown.action, shown.evidence) == (HIDDEN, HIDDEN, {})
    assert (shown.code, shown.title, shown.severity) == ("LIVER_ALT_HIGH", "ALT raised", "urgent")


def test_with_details_the_alert_is_unchanged_and_the_stored_row_never_is():
    alert = _alert()
    assert alert_as_shown(alert, details=True).message == "ALT 140 while taking Sertraline."
    [hidden] = alerts_as_shown([alert], details=False)
    assert hidden.message == HIDDEN
    stored = StoredAlert.objects.get(pk=alert.pk)
    assert (stored.message, stored.evidence) == ("ALT 140 while taking Sertraline.", {"ALT": 140})
