"""Every date a page or the API reads is bounded to the years 1900-2200, with an error naming the field.

Python's dates run from year 1 to 9999, but a week before 0001-01-01 or a UTC conversion of 9999-12-31 overflows:
``/timeline/?until=0001-01-01`` answered 500. No dose, plan or lab result is that old or that late, so each date
parameter (query string, form field, JSON body, path) refuses such a year the way it refuses any other bad value:
a 400/422 naming the field on the API, the form's error beside the field on pages (as for "next tuesday").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speciosa.testing import Cast

FIRST, LAST = 1900, 2200
BOUND_MESSAGE = f"between the years {FIRST} and {LAST}"

# Anywhere in Python's calendar, with the edges of the allowed range drawn often.
any_date = st.one_of(st.dates(), st.dates(min_value=dt.date(FIRST - 5, 1, 1), max_value=dt.date(LAST + 5, 12, 31)),
                     st.sampled_from([dt.date.min, dt.date.max, dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31)]))


@dataclass(frozen=True)
class DateParameter:
    """One date a page or the API reads: who sends it, and how (``send(cast, client, text)`` -> response)."""

    name: str
    who: str
    field: str
    kind: str  # "get" (page query string), "form" (POSTed page form), "api" (JSON API)
    send: Callable


def _alice(cast: Cast) -> int:
    return cast.alice.user.pk


def _json(client: Client, method: str, url: str, body: dict, bearer: dict):
    return getattr(client, method)(url, body, content_type="application/json", headers=bearer)


PARAMETERS = [
    # Pages read from the query string.
    DateParameter("timeline", "alice", "until", "get",
                  lambda cast, c, d: c.get(reverse("diary:timeline"), {"until": d})),
    DateParameter("patient page", "bob", "until", "get",
                  lambda cast, c, d: c.get(reverse("clinic:patient", args=[_alice(cast)]),
                                           {"tab": "timeline", "until": d})),
    DateParameter("visit report from", "alice", "from", "get",
                  lambda cast, c, d: c.get(reverse("reports:visit_pdf"), {"from": d, "to": "2026-01-01"})),
    DateParameter("visit report to", "bob", "to", "get",
                  lambda cast, c, d: c.get(reverse("reports:patient_visit_pdf", args=[_alice(cast)]),
                                           {"from": "2026-01-01", "to": d})),
    # Page forms.
    DateParameter("medication start", "alice", "start", "form",
                  lambda cast, c, d: c.post(reverse("diary:medication_new"), {"name": "Gabapentin", "start": d})),
    DateParameter("medication stop", "alice", "stop", "form",
                  lambda cast, c, d: c.post(reverse("diary:medication_new"), {"name": "Gabapentin", "stop": d})),
    DateParameter("product lab date", "alice", "lab_date", "form",
                  lambda cast, c, d: c.post(reverse("diary:product_new"), {"name": "Powder", "lab_date": d})),
    DateParameter("share until", "alice", "expires_on", "form",
                  lambda cast, c, d: c.post(reverse("clinic:invite"), {"scopes": ["diary"], "expires_on": d})),
    DateParameter("plan takes effect", "bob", "effective_from", "form",
                  lambda cast, c, d: c.post(reverse("plans:patient", args=[_alice(cast)]), {"effective_from": d})),
    DateParameter("plan review", "bob", "review_on", "form",
                  lambda cast, c, d: c.post(reverse("plans:patient", args=[_alice(cast)]), {"review_on": d})),
    DateParameter("titration start", "bob", "titration__starts_on", "form",
                  lambda cast, c, d: c.post(reverse("plans:patient", args=[_alice(cast)]),
                                            {"titration__starts_on": d})),
    DateParameter("dose time", "alice", "taken_at", "form",
                  lambda cast, c, d: c.post(reverse("diary:dose_new"), {"taken_at": f"{d}T08:00"})),
    DateParameter("check-in time", "alice", "at", "form",
                  lambda cast, c, d: c.post(reverse("diary:checkin_new"), {"at": f"{d}T08:00", "pain_now": 4})),
    DateParameter("lab time", "alice", "collected_at", "form",
                  lambda cast, c, d: c.post(reverse("diary:lab_new"), {"collected_at": f"{d}T08:00"})),
    # The API: path, query string and JSON bodies.
    DateParameter("API day", "alice", "day", "api",
                  lambda cast, c, d: c.get(f"/api/v1/days/{d}", headers=cast.alice.bearer())),
    DateParameter("API doses from", "alice", "start", "api",
                  lambda cast, c, d: c.get("/api/v1/doses", {"start": f"{d}T08:00:00+00:00"},
                                           headers=cast.alice.bearer())),
    DateParameter("API medication start", "alice", "start", "api",
                  lambda cast, c, d: _json(c, "post", "/api/v1/medications", {"name": "Gabapentin", "start": d},
                                           cast.alice.bearer())),
    DateParameter("API medication stop", "alice", "stop", "api",
                  lambda cast, c, d: _json(c, "post", "/api/v1/medications", {"name": "Gabapentin", "stop": d},
                                           cast.alice.bearer())),
    DateParameter("API product lab date", "alice", "lab_date", "api",
                  lambda cast, c, d: _json(c, "patch", f"/api/v1/products/{cast.alice_product.pk}",
                                           {"lab_date": d}, cast.alice.bearer())),
    DateParameter("API plan takes effect", "bob", "effective_from", "api",
                  lambda cast, c, d: _json(c, "post", f"/api/v1/patients/{_alice(cast)}/plan",
                                           {"effective_from": d}, cast.bob.bearer())),
    DateParameter("API plan review", "bob", "review_on", "api",
                  lambda cast, c, d: _json(c, "post", f"/api/v1/patients/{_alice(cast)}/plan",
                                           {"review_on": d}, cast.bob.bearer())),
    DateParameter("API titration start", "bob", "titration.starts_on", "api",
                  lambda cast, c, d: _json(c, "post", f"/api/v1/patients/{_alice(cast)}/plan",
                                           {"titration": {"start_g": 1, "step_g": 0.5, "interval_days": 7,
                                                          "ceiling_g": 4, "starts_on": d}}, cast.bob.bearer())),
    DateParameter("API dose time", "alice", "taken_at", "api",
                  lambda cast, c, d: _json(c, "post", "/api/v1/doses",
                                           {"product": cast.alice_product.pk, "amount": 1, "unit": "g",
                                            "taken_at": f"{d}T08:00:00+00:00"}, cast.alice.bearer())),
]


@pytest.mark.parametrize("parameter", PARAMETERS, ids=[parameter.name for parameter in PARAMETERS])
def test_every_date_parameter_refuses_years_outside_the_calendar_and_never_fails(cast, parameter):
    client = getattr(cast, parameter.who).client

    @settings(max_examples=12, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(day=any_date)
    def check(day: dt.date) -> None:
        response = parameter.send(cast, client, day.isoformat())
        assert response.status_code < 500, f"{parameter.name} {day}: {response.status_code}"
        if FIRST <= day.year <= LAST:
            return
        if parameter.kind == "api":
            assert response.status_code in (400, 422), f"{parameter.name} {day}: {response.status_code}"
            fields = [item["field"] for item in response.json()["detail"]]
            assert parameter.field in fields, f"{parameter.name} {day}: {response.json()}"
        elif parameter.kind == "get":
            # As for a malformed date: the timeline shows this week with the error beside the field (200); the visit
            # report, which has nothing to show instead, answers 400 with its form.
            assert response.status_code in (200, 400), f"{parameter.name} {day}: {response.status_code}"
            assert BOUND_MESSAGE in response.content.decode(), f"{parameter.name} {day}"
        else:  # a posted form is shown again, the error beside the field, nothing stored
            assert response.status_code == 200, f"{parameter.name} {day}: {response.status_code}"
            assert BOUND_MESSAGE in response.content.decode(), f"{parameter.name} {day}"

    check()


def test_the_bounds_themselves_are_accepted(cast):
    for day in ("1900-01-01", "2026-01-07"):
        response = cast.alice.client.get(reverse("diary:timeline"), {"until": day})
        assert response.status_code == 200, day


@given(day=any_date)
def test_the_command_lines_report_period_refuses_the_same_years(day):
    from speciosa.core.errors import InputError
    from speciosa.reports.periods import parse_day

    if FIRST <= day.year <= LAST:
        assert parse_day(day.isoformat(), "from") == day
    else:
        with pytest.raises(InputError) as refused:
            parse_day(day.isoformat(), "from")
        assert refused.value.field == "from" and BOUND_MESSAGE in refused.value.message
