"""The patient acknowledges each version she has read; only she can, and only her own."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from speciosa.plans.domain import acknowledge_plan
from speciosa.plans.models import PlanVersion
from speciosa.plans.tests.conftest import TODAY, publish_on
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(cast: Cast) -> PlanVersion:
    return publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8)


def test_the_patient_page_asks_alice_to_acknowledge_and_records_it_once(cast, version):
    page = cast.alice.client.get(reverse("plans:mine")).content.decode()
    assert "I have read this plan" in page
    response = cast.alice.client.post(reverse("plans:acknowledge", args=[version.pk]))
    assert response.status_code == 302
    first = PlanVersion.objects.get(pk=version.pk).acknowledged_at
    assert first is not None
    acknowledge_plan(version, by=cast.alice.user)  # a second time keeps the first moment
    assert PlanVersion.objects.get(pk=version.pk).acknowledged_at == first
    assert "I have read this plan" not in cast.alice.client.get(reverse("plans:mine")).content.decode()


def test_nobody_else_acknowledges_alices_plan(cast, version):
    for someone in (cast.bob.user, cast.charlie.user):
        with pytest.raises(PermissionDenied):
            acknowledge_plan(version, by=someone)
    assert cast.charlie.client.post(reverse("plans:acknowledge", args=[version.pk])).status_code == 404
    assert cast.bob.client.post(reverse("plans:acknowledge", args=[version.pk])).status_code == 403
    url = f"/api/v1/plan/versions/{version.pk}/acknowledge"
    assert cast.charlie.client.post(url, headers=cast.charlie.bearer()).status_code == 404
    assert cast.bob.client.post(url, headers=cast.bob.bearer()).status_code == 403
    assert PlanVersion.objects.get(pk=version.pk).acknowledged_at is None


def test_the_api_acknowledges_alices_own_version(cast, version):
    response = cast.alice.client.post(f"/api/v1/plan/versions/{version.pk}/acknowledge",
                                      headers=cast.alice.bearer())
    assert response.status_code == 200 and response.json()["acknowledged_at"] is not None


def test_a_new_version_is_unacknowledged_again(cast, version):
    acknowledge_plan(version, by=cast.alice.user)
    newer = publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=6)
    assert newer.acknowledged_at is None
    assert "I have read this plan" in cast.alice.client.get(reverse("plans:mine")).content.decode()
