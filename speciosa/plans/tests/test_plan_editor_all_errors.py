"""Every problem at once: the domain checks every field, the page shows each beside its field and in a summary at
the top that links to each field and takes the focus; the API lists them all; nothing is stored."""

import json
import re

import pytest
from django.urls import reverse

from speciosa.core.errors import InputError, InputErrors
from speciosa.plans.domain import publish_plan
from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

THREE_BAD = {"max_daily_leaf_g": "80", "max_doses_per_day": "40", "lab_interval_days": "3"}


@pytest.fixture
def url(cast) -> str:
    return reverse("plans:patient", args=[cast.alice.user.pk])


def test_three_bad_fields_give_three_messages_at_their_fields_and_a_linked_summary(cast, url):
    response = cast.bob.client.post(url, THREE_BAD)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "max_daily_leaf_g": ["More than 50 g of leaf-equivalent a day is far above any amount studied; check the "
                             "number"],
        "max_doses_per_day": ["Most doses a day must be at most 12 doses a day"],
        "lab_interval_days": ["Liver tests every (days) must be at least 7"]}
    page = response.content.decode()
    start = page.index('<div class="error-summary"')
    summary = page[start:page.index("</div>", start)]
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == [
        ("id_max_daily_leaf_g", "Most leaf-equivalent a day (g): More than 50 g of leaf-equivalent a day is far "
                                "above any amount studied; check the number"),
        ("id_max_doses_per_day", "Most doses a day must be at most 12 doses a day"),
        ("id_lab_interval_days", "Liver tests every (days) must be at least 7")]
    assert "there are 3 problems" in summary and "autofocus" in summary and 'tabindex="-1"' in summary
    assert not PlanVersion.objects.exists()


def test_a_field_django_refuses_and_the_domain_s_refusals_show_together(cast, url):
    response = cast.bob.client.post(url, {"max_daily_leaf_g": "lots", "lab_interval_days": "3",
                                          "titration__start_g": "2", "note": "fine"})
    assert response.context["form"].errors == {
        "max_daily_leaf_g": ["Enter a number."],  # Django's; the domain's "required with a titration" is not added
        "titration__step_g": ["Step up by (g a day) is required"],
        "titration__interval_days": ["Days between steps is required"],
        "titration__ceiling_g": ["Highest limit of the schedule (g a day) is required"],
        "titration__starts_on": ["Schedule starts on is required"],
        "lab_interval_days": ["Liver tests every (days) must be at least 7"]}
    assert not PlanVersion.objects.exists()


def test_the_domain_raises_every_bad_field_in_the_order_of_the_plan(cast):
    with pytest.raises(InputErrors) as raised:
        publish_plan(cast.alice.user, by=cast.bob.user, max_daily_leaf_g=60, max_doses_per_day=2.5,
                     instrument_schedule={"peg": "hourly", "madeup": "weekly"},
                     non_drug_care=[{"kind": "yoga", "goal": ""}], note="x\x00")
    assert [(error.field, error.message) for error in raised.value.errors] == [
        ("max_daily_leaf_g", "more than 50 g of leaf-equivalent a day is far above any amount studied; check the "
                             "number"),
        ("max_doses_per_day", "expected a whole number"),
        ("instrument_schedule.peg", "unknown frequency 'hourly'; expected one of daily, weekly, biweekly, monthly"),
        ("instrument_schedule.madeup", "unknown instrument; expected one of nrs, peg, phq4, sows, dsm5-kud"),
        ("non_drug_care[0].kind", "expected one of physical_therapy, exercise, psychological_therapy, sleep, "
                                  "mindfulness, other"),
        ("non_drug_care[0].goal", "is required"),
        ("note", "contains a NUL character, which cannot be stored")]
    assert isinstance(raised.value, InputError) and raised.value.field == "max_daily_leaf_g"  # one-error doors
    assert not PlanVersion.objects.exists()


def test_the_api_lists_every_bad_field(cast):
    response = cast.bob.client.post(
        f"/api/v1/patients/{cast.alice.user.pk}/plan", content_type="application/json", headers=cast.bob.bearer(),
        data=json.dumps({"max_daily_leaf_g": 60, "lab_interval_days": 3, "review_on": "2020-01-01",
                         "effective_from": TODAY.isoformat()}))
    assert (response.status_code, response.json()) == (422, {"detail": [
        {"field": "max_daily_leaf_g",
         "message": "more than 50 g of leaf-equivalent a day is far above any amount studied; check the number"},
        {"field": "lab_interval_days", "message": "must be at least 7"},
        {"field": "review_on", "message": "is before the day this version takes effect (2026-11-20): set the next "
                                      "review date, or clear it"},
    ]})
    assert not PlanVersion.objects.exists()
