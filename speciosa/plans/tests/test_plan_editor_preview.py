"""Preview: the same form with ``preview`` re-renders the new version as the patient will read it and what changes
from the version in force, and stores nothing; publishing the same form then stores it."""

import datetime as dt

import pytest
from django.urls import reverse

from speciosa.audit.enums import Action
from speciosa.audit.models import AuditEntry
from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(cast) -> str:
    return reverse("plans:patient", args=[cast.alice.user.pk])


@pytest.fixture
def in_force(cast) -> PlanVersion:
    return publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, max_doses_per_day=3,
                      instrument_schedule={"phq4": "biweekly"}, non_drug_care=[{"kind": "exercise", "goal": "Walk"}])


NEW = {"max_daily_leaf_g": "6", "max_doses_per_day": "3", "instrument_schedule__phq4": "biweekly",
       "instrument_schedule__peg": "daily", "care__sleep": "Lights out by 23:00",
       "effective_from": (TODAY + dt.timedelta(days=1)).isoformat()}


def test_preview_shows_the_patient_s_reading_and_the_diff_and_saves_nothing(cast, url, in_force):
    writes = AuditEntry.objects.filter(action=Action.WRITE).count()
    response = cast.bob.client.post(url, {**NEW, "preview": "1"})
    assert response.status_code == 200
    assert PlanVersion.objects.count() == 1
    assert AuditEntry.objects.filter(action=Action.WRITE).count() == writes
    assert [change.words for change in response.context["preview_changes"]] == [
        "Takes effect: 20 Nov 2026 → 21 Nov 2026",
        "Most leaf-equivalent a day: 8 g → 6 g",
        "PEG: added, every day",
        "Sleep goal: added, Lights out by 23:00",
        "Exercise goal: removed (was Walk)",
    ]
    page = response.content.decode()
    assert "Preview of version 2: not published yet" in page
    assert "Most leaf-equivalent a day: 8 g → 6 g" in page
    assert "From 21 Nov 2026, the limit is at most <strong>6 g</strong>" in page
    assert "PEG: every day; PHQ-4: every two weeks" in page  # the questionnaire line the patient reads
    assert 'form="plan-form"' in page and "Publish version 2" in page


def test_publishing_after_the_preview_stores_what_was_previewed(cast, url, in_force):
    cast.bob.client.post(url, {**NEW, "preview": "1"})
    assert cast.bob.client.post(url, NEW).status_code == 302
    new = PlanVersion.objects.get(version=2)
    assert (float(new.max_daily_leaf_g), new.instrument_schedule, new.non_drug_care, new.effective_from) == (
        6.0, {"phq4": "biweekly", "peg": "daily"}, [{"kind": "sleep", "goal": "Lights out by 23:00"}],
        TODAY + dt.timedelta(days=1))


def test_a_preview_of_a_bad_version_shows_the_errors_and_no_preview(cast, url, in_force):
    response = cast.bob.client.post(url, {**NEW, "max_daily_leaf_g": "80", "preview": "1"})
    assert list(response.context["form"].errors) == ["max_daily_leaf_g"]
    assert "preview" not in response.context and 'data-testid="plan-preview"' not in response.content.decode()


def test_the_first_version_previews_against_nothing(cast, url):
    response = cast.bob.client.post(url, {"max_daily_leaf_g": "4", "preview": "1"})
    words = [change.words for change in response.context["preview_changes"]]
    assert words[:2] == ["Takes effect: added, 20 Nov 2026", "Most leaf-equivalent a day: added, 4 g"]
    assert not PlanVersion.objects.exists()


def test_a_reader_cannot_preview(cast, url, in_force):
    assert cast.fay.client.post(url, {**NEW, "preview": "1"}).status_code == 403
