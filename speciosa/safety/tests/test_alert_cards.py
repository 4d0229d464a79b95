"""One problem, one card: the liver alerts one draw raises are one card with its parts, on the patient's pages, the
clinician's patient page and the API; every other alert stays a card of its own.

alice's draw (ALT 10x, bilirubin 3x, ALP normal) meets the DILI criteria, Hy's law and the bilirubin rule at once:
three urgent alerts, stored one per rule as before, read as one card.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from speciosa.diary.domain import record_lab
from speciosa.safety.cards import AlertCard, cards_of
from speciosa.safety.domain import acknowledge_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.models import StoredAlert
from speciosa.testing import committed

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
LIVER_PARTS = ["LIVER_HYS_LAW", "LIVER_INJURY", "LIVER_BILIRUBIN_HIGH"]  # lead first


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def liver_draw(cast):
    alice = cast.alice.user
    drawn = timezone.now() - dt.timedelta(minutes=10)
    with committed():
        for code, value, unit, uln in (("ALT", 400, "U/L", 40), ("ALP", 100, "U/L", 120),
                                       ("TBIL", 3.6, "mg/dL", 1.2)):
            record_lab(alice, by=alice, code=code, value=value, unit=unit, uln=uln, collected_at=drawn)
    return alice


def _card(patient) -> AlertCard:
    [card] = [card for card in cards_of(alerts_with_status(patient)) if card.key == "liver"]
    return card


def test_one_draw_is_one_urgent_card_whose_parts_are_its_findings_lead_first(liver_draw):
    cards = cards_of(alerts_with_status(liver_draw))
    assert [(card.key, [part.code for part in card.parts]) for card in cards] == [
        ("INTERACTION_CNS_DEPRESSANT", ["INTERACTION_CNS_DEPRESSANT"]), ("liver", LIVER_PARTS)]
    card = cards[1]
    assert (card.is_group, card.title, card.severity, card.status, card.action) == (
        True, "Possible liver injury", "urgent", "open", card.parts[0].action)


def test_the_card_is_acknowledged_only_when_every_part_is(liver_draw):
    first, *others = _card(liver_draw).parts
    acknowledge_alert(first, by=liver_draw)
    assert _card(liver_draw).status == "open"
    for part in others:
        acknowledge_alert(part, by=liver_draw)
    assert _card(liver_draw).status == "acknowledged"


def test_the_most_severe_part_leads_and_decides_the_severity():
    def stored(code: str, severity: str, pk: int) -> StoredAlert:
        return StoredAlert(pk=pk, code=code, severity=severity, title=code, message="", action=f"do {code}",
                           status="open", first_seen=NOW, last_seen=NOW)

    enzymes, symptoms = stored("LIVER_ENZYMES_RAISED", "warning", 1), stored("LIVER_SYMPTOMS", "urgent", 2)
    [card] = cards_of([enzymes, symptoms])
    assert (card.parts, card.severity, card.action) == ((symptoms, enzymes), "urgent", "do LIVER_SYMPTOMS")


def test_a_single_liver_alert_is_an_ordinary_card(cast):
    alice = cast.alice.user
    with committed():
        record_lab(alice, by=alice, code="ALT", value=987.5, unit="U/L", uln=41, collected_at=timezone.now())
        record_lab(alice, by=alice, code="ALP", value=97, unit="U/L", uln=121, collected_at=timezone.now())
    card = _card(alice)
    assert (card.is_group, card.title) == (False, card.lead.title)
    page = cast.alice.client.get(reverse("safety:alerts")).content.decode()
    assert 'data-testid="alert-LIVER_INJURY"' in page and "alert-group-liver" not in page


def test_the_patient_reads_the_problem_once_and_what_to_do_once(cast, liver_draw):
    card = _card(liver_draw)
    for url, testid in ((reverse("safety:alerts"), "alert-group-liver"), (reverse("diary:today"), "alert-card-liver")):
        page = cast.alice.client.get(url).content.decode()
        section = page[page.index(f'data-testid="{testid}"'):]
        section = section[:section.index("</ul>", section.index("</ul>") + 1)]
        assert page.count(f'data-testid="{testid}"') == 1
        assert [code for code in LIVER_PARTS if f'data-testid="alert-{code}"' in section] == LIVER_PARTS
        assert page.count(card.action) == 1


def test_the_clinician_sees_one_card_with_each_part_and_its_own_page(cast, liver_draw):
    page = cast.bob.client.get(reverse("clinic:patient", args=[liver_draw.pk])).content.decode()
    assert page.count('data-testid="alert-group-liver"') == 1
    card = _card(liver_draw)
    for part in card.parts:
        assert reverse("clinic:alert", args=[liver_draw.pk, part.pk]) in page
    assert "3 related findings" in page
    assert page.count(card.action) == 1


def test_the_api_lists_cards_with_their_parts(cast, liver_draw):
    body = cast.alice.client.get("/api/v1/alerts/cards").json()
    assert [(card["key"], card["severity"], [part["code"] for part in card["parts"]]) for card in body] == [
        ("INTERACTION_CNS_DEPRESSANT", "urgent", ["INTERACTION_CNS_DEPRESSANT"]), ("liver", "urgent", LIVER_PARTS)]
    assert body[1]["action"] == _card(liver_draw).action
    assert [part["group"] for part in body[1]["parts"]] == ["liver"] * 3


def test_the_clinicians_api_cards_hide_the_wording_when_the_share_does(cast, liver_draw):
    full = cast.bob.client.get(f"/api/v1/clinic/patients/{liver_draw.pk}/alerts/cards").json()
    partial = cast.fay.client.get(f"/api/v1/clinic/patients/{liver_draw.pk}/alerts/cards").json()
    assert [card["key"] for card in full] == [card["key"] for card in partial] == ["INTERACTION_CNS_DEPRESSANT",
                                                                                  "liver"]
    assert full[1]["action"] == _card(liver_draw).action
    assert partial[1]["action"].startswith("(hidden")
    assert cast.charlie.client.get(f"/api/v1/clinic/patients/{liver_draw.pk}/alerts/cards").status_code == 403
