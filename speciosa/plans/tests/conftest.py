"""The plans tests run at noon in New York (alice's zone) on ``TODAY``; ``publish_on`` publishes on a given day.

Who is who comes from the one cast (speciosa.testing): bob may edit alice's plan; fay, who shares her diary and
check-ins, may only read it; dave never had a share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from speciosa.accounts.models import User
from speciosa.plans.domain import publish_plan
from speciosa.plans.models import PlanVersion

NEW_YORK_NOON = dt.time(12, 0)
TODAY = dt.date(2026, 11, 20)  # alice lives in New York; the tests run at noon there on this day


@pytest.fixture(autouse=True)
def noon_in_new_york() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC), tick=False):
        yield


def publish_on(day: dt.date, patient: User, clinician: User, **fields: Any) -> PlanVersion:
    """Publishes a version at noon (New York) on ``day``, taking effect that day unless told otherwise."""
    moment = dt.datetime.combine(day, NEW_YORK_NOON, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with time_machine.travel(moment, tick=False):
        return publish_plan(patient, by=clinician, **{"effective_from": day, **fields})
