"""A real dangerous state for access and display tests: a lab draw that meets the DILI criteria.

ALT 987.5 U/L against its own upper limit of 41 (24.09x ULN) with ALP 97/121 gives LIVER_INJURY, hepatocellular.
The figures are odd on purpose: "987.5" and "24.09" appear only in alice's alert, so finding them in someone else's
response means her data leaked.
"""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.utils import timezone

from speciosa.diary.domain import record_lab
from speciosa.diary.models import LabResult
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.models import AlertEntry, StoredAlert
from speciosa.testing import Persona, committed

MARKERS = ("987.5", "24.09")


def open_liver_injury(patient, *, drawn: dt.datetime | None = None) -> StoredAlert:
    """Records the draw (ten minutes ago unless given) and returns the LIVER_INJURY alert it opens."""
    drawn = drawn or timezone.now() - dt.timedelta(minutes=10)
    with committed():  # the writes' evaluation task runs
        record_lab(patient, by=patient, code="ALT", value=987.5, unit="U/L", uln=41, collected_at=drawn)
        record_lab(patient, by=patient, code="ALP", value=97, unit="U/L", uln=121, collected_at=drawn)
    return alerts_with_status(patient).get(code="LIVER_INJURY")


def the_alt_of(patient) -> LabResult:
    return LabResult.objects.of(patient).get(code="ALT", value=987.5)


def leaks(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


def api(persona: Persona, method: str, path: str, body: object = None):
    """A request to /api/v1 with ``persona``'s token (JSON ``body`` when given)."""
    kwargs: dict = {"headers": persona.bearer()}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(Client(), method)(f"/api/v1{path}", **kwargs)


def entries(alert: StoredAlert) -> list[tuple[str, str, str | None, str]]:
    """The alert's conversation, oldest first: (kind, role, author's user name, text)."""
    return list(AlertEntry.objects.filter(alert=alert).order_by("created_at", "pk")
                .values_list("kind", "role", "author__username", "text"))
