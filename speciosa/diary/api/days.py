"""A calendar day in the patient's own time zone: its totals and its doses."""

from __future__ import annotations

import datetime as dt

from ninja import Router

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of, zone_of
from speciosa.diary.queries import day_totals, doses_on
from speciosa.diary.schemas.doses import DayOut
from speciosa.lib.checks import check_date
from speciosa.lib.schemas import Day, error_responses

router = Router(tags=["days"], auth=AUTH)


def _day(patient: User, day: dt.date) -> dict:
    return {"time_zone": str(zone_of(patient)), "totals": day_totals(patient, day),
            "doses": doses_on(patient, day).order_by("-taken_at", "-id")}


@router.get("/today", response={200: DayOut, **error_responses(401, 403)})
def today(request: ApiRequest):
    """Today's totals and doses, today being the calendar day in your time zone."""
    patient = patient_of(request)
    return _day(patient, today_of(patient))


@router.get("/days/{day}", response={200: DayOut, **error_responses(401, 403, 422)})
def one_day(request: ApiRequest, day: Day):
    """The totals and doses of one calendar day (YYYY-MM-DD) in your time zone."""
    patient = patient_of(request)
    return _day(patient, check_date(day, "day", allow_future=False) or day)
