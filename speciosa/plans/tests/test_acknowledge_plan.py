"""The patient acknowledges each version she has read; only she can, and only her own."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from speciosa.plans.domain import acknowledge_plan
from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(team):  # type: ignore[no-untyped-def]
    return publish_on(TODAY, team.alice.user, team.bob.user, max_daily_leaf_g=8)


def test_the_patient_page_asks_alice_to_acknowledge_and_records_it_once(team, version):
    page = team.alice.client.get(reverse("plans:mine")).content.decode()
    assert "I have read this plan" in page
    response = team.alice.client.post(reverse("plans:acknowledge", args=[version.pk]))
    assert response.status_code == 302
    first = PlanVersion.objects.get(pk=version.pk).acknowledged_at
    assert first is not None
    acknowledge_plan(version, by=team.alice.user)  # a second time keeps the first moment
    assert PlanVersion.objects.get(pk=version.pk).acknowledged_at == first
    assert "I have read this plan" not in team.alice.client.get(reverse("plans:mine")).content.decode()


def test_nobody_else_acknowledges_alices_plan(team, version):
    for someone in (team.bob.user, team.charlie.user):
        with pytest.raises(PermissionDenied):
            acknowledge_plan(version, by=someone)
    assert team.charlie.client.post(reverse("plans:acknowledge", args=[version.pk])).status_code == 404
    assert team.bob.client.post(reverse("plans:acknowledge", args=[version.pk])).status_code == 403
    url = f"/api/v1/plan/versions/{version.pk}/acknowledge"
    assert team.charlie.client.post(url, headers=team.charlie.bearer()).status_code == 404
    assert team.bob.client.post(url, headers=team.bob.bearer()).status_code == 403
    assert PlanVersion.objects.get(pk=version.pk).acknowledged_at is None


def test_the_api_acknowledges_alices_own_version(team, version):
    response = team.alice.client.post(f"/api/v1/plan/versions/{version.pk}/acknowledge",
                                      headers=team.alice.bearer())
    assert response.status_code == 200 and response.json()["acknowledged_at"] is not None


def test_a_new_version_is_unacknowledged_again(team, version):
    acknowledge_plan(version, by=team.alice.user)
    newer = publish_on(TODAY, team.alice.user, team.bob.user, max_daily_leaf_g=6)
    assert newer.acknowledged_at is None
    assert "I have read this plan" in team.alice.client.get(reverse("plans:mine")).content.decode()
