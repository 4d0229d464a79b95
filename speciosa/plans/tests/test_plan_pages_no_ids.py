"""No internal id reaches a person: the editor, its preview and history, and the patient's own plan read in words
(questionnaire titles, frequency and care labels), never ``peg: weekly`` or ``physical_therapy``."""

import re

import pytest
from django.urls import reverse

from speciosa.plans.enums import CareKind
from speciosa.plans.tests.conftest import TODAY, publish_on

pytestmark = pytest.mark.django_db

IDS = re.compile(r"\b(?:nrs|peg|phq4|sows|dsm5-kud|biweekly)\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
EVERYTHING = {"instrument_schedule": {"nrs": "daily", "peg": "weekly", "phq4": "biweekly", "sows": "monthly",
                                      "dsm5-kud": "monthly"},
              "non_drug_care": [{"kind": kind, "goal": "Twice a week"} for kind in CareKind.values]}


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def two_versions(cast) -> None:
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=8, instrument_schedule={"phq4": "biweekly"})
    publish_on(TODAY, cast.alice.user, cast.bob.user, max_daily_leaf_g=6, **EVERYTHING)


@pytest.mark.parametrize("page", ["editor", "preview", "mine"])
def test_no_internal_id_in_what_people_read(cast, two_versions, page):
    url = reverse("plans:patient", args=[cast.alice.user.pk])
    if page == "editor":
        response = cast.bob.client.get(url)
    elif page == "preview":
        response = cast.bob.client.post(url, {"max_daily_leaf_g": "5", "preview": "1"})
        assert response.context["preview_changes"]  # everything removed: every questionnaire and goal named
    else:
        response = cast.alice.client.get(reverse("plans:mine"))
    text = visible_text(response.content.decode())
    assert "PHQ-4: every two weeks" in text or "PHQ-4: removed (was every two weeks)" in text
    assert IDS.findall(text) == []


def test_the_check_finds_an_id_when_there_is_one():
    assert IDS.findall(visible_text("<p>peg: every day; physical_therapy: walk</p>")) == ["peg", "physical_therapy"]
