"""Today's alert cards: one card per problem with one button that goes where the action is, seen cards folded to a
line, and the clinician's acknowledgement ("Your clinician saw this on 20 Nov: '...'") on the card."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from speciosa.diary.domain import create_product, record_dose, record_lab
from speciosa.safety.domain import acknowledge_alert
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.today import CardButton, today_cards
from speciosa.testing import committed

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def liver_draw(cast):
    alice = cast.alice.user
    drawn = timezone.now() - dt.timedelta(minutes=10)
    with committed():  # the evaluation each write enqueues runs as after a real commit
        for code, value, unit, uln in (("ALT", 400, "U/L", 40), ("ALP", 100, "U/L", 120), ("TBIL", 3.6, "mg/dL", 1.2)):
            record_lab(alice, by=alice, code=code, value=value, unit=unit, uln=uln, collected_at=drawn)
    return alice


def summary(patient):
    return [(item.card.key, item.button, item.seen) for item in today_cards(patient, alerts_with_status(patient))]


def test_a_liver_draw_is_one_card_whose_button_calls_the_clinician(liver_draw):
    clinician = CardButton("Contact your clinician", reverse("clinic:sharing"))
    assert summary(liver_draw) == [("INTERACTION_CNS_DEPRESSANT", clinician, False), ("liver", clinician, False)]


def test_a_product_without_a_certificate_gets_a_button_to_that_product(cast):
    alice = cast.alice.user
    with committed():
        untested = create_product(alice, by=alice, name="Plain green", form="powder")
        record_dose(alice, product=untested, amount=2, unit="g", by=alice)
    button = {key: button for key, button, _ in summary(alice)}["PRODUCT_NOT_LAB_TESTED"]
    assert button == CardButton("Add a lab certificate", reverse("diary:product_edit", args=[untested.pk]))


def test_an_acknowledged_card_folds_to_a_line_after_the_open_ones_with_the_clinicians_note(cast, liver_draw):
    for part in alerts_with_status(liver_draw).filter(code__startswith="LIVER_"):
        acknowledge_alert(part, by=cast.bob.user, note="Repeat LFTs Friday")
    assert [(key, seen) for key, _, seen in summary(liver_draw)] == [("INTERACTION_CNS_DEPRESSANT", False),
                                                                       ("liver", True)]
    page = cast.alice.client.get("/").content.decode()
    line = page[page.find('data-testid="alert-seen-liver"'):]
    line = line[:line.find("</li>")]
    assert "<details>" in line and "<summary>" in line
    assert "Your clinician saw this on 20 Nov: “Repeat LFTs Friday”" in line
    assert 'data-testid="alert-card-liver"' not in page


def test_a_card_the_patient_acknowledged_folds_without_a_clinicians_line(cast, liver_draw):
    for part in alerts_with_status(liver_draw).filter(code__startswith="LIVER_"):
        acknowledge_alert(part, by=liver_draw)
    page = cast.alice.client.get("/").content.decode()
    assert 'data-testid="alert-seen-liver"' in page
    assert "Your clinician saw this" not in page


def test_the_liver_card_says_what_to_do_once_with_one_button(liver_draw, cast):
    page = cast.alice.client.get("/").content.decode()
    card = page[page.find('data-testid="alert-card-liver"'):]
    card = card[:card.find("</li>\n    \n    \n")]
    assert card.count("What to do now:") == 1
    assert card.count('class="button primary"') == 1
    assert "The 3 findings behind this" in card
