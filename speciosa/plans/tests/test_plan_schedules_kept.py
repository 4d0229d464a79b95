"""A new version never drops a schedule nobody removed: the editor starts from the version in force, and the API
keeps the questionnaires, care goals and titration it is not sent (an explicit empty value removes them)."""

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db

SCHEDULE = {"peg": "weekly", "phq4": "biweekly"}
CARE = [{"kind": "sleep", "goal": "Lights out by 23:00"}]
TITRATION = {"start_g": 2.0, "step_g": 1.0, "interval_days": 7, "ceiling_g": 6.0, "starts_on": TODAY.isoformat()}


@pytest.fixture
def in_force(cast) -> PlanVersion:
    return publish_on(TODAY - dt.timedelta(days=30), cast.alice.user, cast.bob.user, max_daily_leaf_g=8,
                      max_doses_per_day=3, lab_interval_days=90, instrument_schedule=SCHEDULE, non_drug_care=CARE,
                      titration=TITRATION | {"starts_on": TODAY - dt.timedelta(days=30)})


def as_a_browser_posts(form: Any) -> dict[str, str]:
    """What the page's form sends back untouched: every field's shown value."""
    posted = {}
    for field in form:
        value = field.value()
        if value not in (None, ""):
            posted[field.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return posted


def test_changing_only_the_daily_limit_on_the_page_keeps_every_schedule(cast, in_force):
    url = reverse("plans:patient", args=[cast.alice.user.pk])
    page = cast.bob.client.get(url)
    assert '<option value="biweekly" selected>Every two weeks</option>' in page.content.decode()
    response = cast.bob.client.post(url, {**as_a_browser_posts(page.context["form"]), "max_daily_leaf_g": "7"})
    assert response.status_code == 302
    new = PlanVersion.objects.get(version=2)
    assert (float(new.max_daily_leaf_g), new.max_doses_per_day, new.lab_interval_days, new.instrument_schedule,
            new.non_drug_care, new.titration) == (7.0, 3, 90, SCHEDULE, CARE, in_force.titration)


def _publish(cast, payload: dict[str, Any]):
    return cast.bob.client.post(f"/api/v1/patients/{cast.alice.user.pk}/plan", data=json.dumps(payload),
                                content_type="application/json", headers=cast.bob.bearer())


@pytest.mark.parametrize(("payload", "schedule", "care", "titration_kept"), [
    ({"max_daily_leaf_g": 7}, SCHEDULE, CARE, True),
    ({"max_daily_leaf_g": 7, "instrument_schedule": {}}, {}, CARE, True),
    ({"max_daily_leaf_g": 7, "instrument_schedule": {"nrs": "daily"}}, {"nrs": "daily"}, CARE, True),
    ({"max_daily_leaf_g": 7, "non_drug_care": []}, SCHEDULE, [], True),
    ({"max_daily_leaf_g": 7, "titration": None}, SCHEDULE, CARE, False),
])
def test_the_api_keeps_what_it_is_not_sent_and_removes_what_is_sent_empty(cast, in_force, payload, schedule, care,
                                                                          titration_kept):
    response = _publish(cast, payload)
    assert response.status_code == 201, response.content
    new = PlanVersion.objects.get(version=2)
    assert (new.instrument_schedule, new.non_drug_care, new.titration) == (
        schedule, care, in_force.titration if titration_kept else None)
    assert response.json()["instrument_schedule"] == schedule


def test_a_kept_titration_is_still_checked_against_the_new_limit(cast, in_force):
    response = _publish(cast, {"max_daily_leaf_g": 5})
    assert (response.status_code, response.json()) == (422, {"detail": [
        {"field": "titration.ceiling_g", "message": "must be at most the plan's maximum daily amount (5 g)"}]})


def test_the_api_keeps_the_schedules_of_the_version_in_force_on_the_new_first_day(cast, in_force):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, instrument_schedule={"sows": "daily"},
               effective_from=TODAY + dt.timedelta(days=7))  # version 2, from next week
    assert _publish(cast, {"max_daily_leaf_g": 7, "effective_from": str(TODAY + dt.timedelta(days=14)),
                           "titration": None}).status_code == 201
    assert _publish(cast, {"max_daily_leaf_g": 7, "titration": None}).status_code == 201
    assert dict(PlanVersion.objects.filter(version__gt=2).values_list("version", "instrument_schedule")) == {
        3: {"sows": "daily"}, 4: SCHEDULE}
