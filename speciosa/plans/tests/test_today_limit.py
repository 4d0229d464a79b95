"""The Today page shows the plan in force, today's limit and today's total against it — as a limit, never a target."""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db


def _section(response: HttpResponse) -> str:
    page = response.content.decode()
    start = page.find('data-testid="plan-today"')
    return page[start:page.find("</section>", start)] if start >= 0 else ""


def test_without_a_plan_the_patient_is_pointed_to_their_clinician(cast):
    assert "No plan yet — talk to your clinician" in _section(cast.alice.client.get(reverse("diary:today")))


def test_today_shows_the_titration_limit_and_the_total_so_far(cast):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, max_doses_per_day=3,
               titration={"start_g": 4, "step_g": 1, "interval_days": 7, "ceiling_g": 6, "starts_on": TODAY})
    section = _section(cast.alice.client.get(reverse("diary:today")))
    assert '<dd data-testid="plan-limit">at most 4 g leaf-equivalent</dd>' in section
    assert '<dd data-testid="plan-taken">2.5 g leaf-equivalent</dd>' in section  # the cast's dose an hour ago
    assert "1 so far, at most 3 a day" in section
    assert "a limit, not a target" in section
    assert "above the limit" not in section
    assert "target" not in section.replace("a limit, not a target", "")


def test_a_day_above_the_limit_says_so_without_suggesting_more(cast):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=2)
    section = _section(cast.alice.client.get(reverse("diary:today")))
    assert "Today is above the limit in your plan. Please do not take more today" in section
    for word in ("remaining", "left today", "you can still", "target"):
        assert word not in section.lower()


def test_an_unread_version_is_pointed_out(cast):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8)
    assert "published a new version of your plan" in _section(cast.alice.client.get(reverse("diary:today")))


def test_the_navigation_offers_the_patient_her_plan(cast):
    page = cast.alice.client.get(reverse("diary:today")).content.decode()
    assert f'<li><a href="{reverse("plans:mine")}" class="tab tab-plan">Plan</a></li>' in page


def test_a_day_above_the_mitragynine_limit_is_above_the_plan_as_the_rule_says(cast):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_mitragynine_mg=30)  # the cast's 2.5 g: 37.5 mg
    section = _section(cast.alice.client.get(reverse("diary:today")))
    assert "<dd>37.5 mg so far, at most 30 mg a day</dd>" in section
    assert "Today is above the limit in your plan." in section
