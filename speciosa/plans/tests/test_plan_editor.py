"""The clinician's editor: it starts from the plan in force, shows a refusal beside the field, and stores nothing
then."""

import pytest
from django.urls import reverse

from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY, publish_on
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db

TITRATION = {"titration__start_g": "2", "titration__step_g": "1", "titration__interval_days": "7",
             "titration__starts_on": TODAY.isoformat()}


@pytest.fixture
def url(cast: Cast) -> str:
    return reverse("plans:patient", args=[cast.alice.user.pk])


@pytest.mark.parametrize(("data", "expected"), [
    ({"max_daily_leaf_g": "5", **TITRATION, "titration__ceiling_g": "6"}, {
        "titration__ceiling_g": ["Highest limit of the schedule (g a day) must be at most the plan's maximum daily "
                                 "amount (5 g)"]}),
    ({"max_daily_leaf_g": "80"}, {
        "max_daily_leaf_g": ["More than 50 g of leaf-equivalent a day is far above any amount studied; check the "
                             "number"]}),
    ({"max_daily_leaf_g": "8", "titration__start_g": "2"}, {
        "titration__step_g": ["Step up by (g a day) is required"],
        "titration__interval_days": ["Days between steps is required"],
        "titration__ceiling_g": ["Highest limit of the schedule (g a day) is required"],
        "titration__starts_on": ["Schedule starts on is required"]}),
    ({"care__sleep": "   ", "care__exercise": "walk\x00"}, {"care__exercise": ["Null characters are not allowed."]}),
])
def test_a_refusal_lands_on_its_field_and_nothing_is_stored(cast, url, data, expected):
    response = cast.bob.client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == expected
    assert not PlanVersion.objects.exists()


def test_the_form_starts_from_the_plan_in_force(cast, url):
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, instrument_schedule={"peg": "weekly"},
               non_drug_care=[{"kind": "sleep", "goal": "Lights out by 23:00"}],
               titration={"start_g": 2, "step_g": 1, "interval_days": 7, "ceiling_g": 6, "starts_on": TODAY})
    form = cast.bob.client.get(url).context["form"]
    assert {name: form.initial[name] for name in ("max_daily_leaf_g", "instrument_schedule__peg", "care__sleep",
                                                  "titration__ceiling_g")} == {
        "max_daily_leaf_g": 8, "instrument_schedule__peg": "weekly", "care__sleep": "Lights out by 23:00",
        "titration__ceiling_g": 6.0}


def test_publishing_from_the_form_keeps_goals_schedule_and_titration(cast, url):
    response = cast.bob.client.post(url, {"max_daily_leaf_g": "8", **TITRATION, "titration__ceiling_g": "6",
                                          "instrument_schedule__phq4": "monthly", "care__exercise": "Walk daily",
                                          "lab_interval_days": "90"})
    assert response.status_code == 302
    version = PlanVersion.objects.get()
    assert (version.titration["ceiling_g"], version.instrument_schedule, version.non_drug_care,
            version.lab_interval_days) == (6.0, {"phq4": "monthly"}, [{"kind": "exercise", "goal": "Walk daily"}], 90)
