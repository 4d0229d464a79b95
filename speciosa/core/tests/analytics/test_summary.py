import datetime as dt
import json
import random
import re

import pytest

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData, ScoreRow
from speciosa.core.analytics.summary import summarise

from .synthetic import FIRST_DAY, ZONE, at, diary, two_weeks_apart

# Phrases that would advise a larger dose. Any message with one of them fails, whatever the data.
RAISING = re.compile(
    r"increase (your|the) dose|raise (your|the) dose|take more|taking more|higher dose would|try a (higher|larger)|"
    r"more kratom|up (your|the) dose|larger dose (may|might|could|would) help|dose (up|higher)", re.IGNORECASE)


def rich_diary(days=90, seed=3):
    rng = random.Random(seed)
    doses, checkins, scores = [], [], []
    for index in range(days):
        day = FIRST_DAY + dt.timedelta(days=index)
        grams = rng.choice((2.0, 4.0, 6.0, 12.0, 18.0))
        product, strain = rng.choice((("Red powder", "Bali"), ("Green capsules", "Maeng Da")))
        doses.append(DoseRow(at(day, 8), grams / 2, grams * 7, product, strain))
        doses.append(DoseRow(at(day, 23, 30), grams / 2, grams * 7, product, strain))
        pain = max(0.0, min(10.0, 7 - index / 30 - 0.1 * grams + rng.gauss(0, 1)))
        checkins.append(CheckinRow(at(day, 21), pain=round(pain), function=rng.randint(3, 8),
                                   side_effects={"nausea": int(grams > 10), "constipation": rng.randint(0, 1)}))
        if index % 7 == 0:
            scores.append(ScoreRow("peg", at(day, 20), round(pain, 1)))
    return PatientData(ZONE, tuple(doses), tuple(checkins), tuple(scores), plan_changes=(FIRST_DAY + dt.timedelta(30),))


SCENARIOS = {
    "a rich diary": rich_diary(),
    "improving": two_weeks_apart(7.0, 3.0),
    "worsening": two_weeks_apart(3.0, 7.0),
    "flat": two_weeks_apart(5.0, 5.0),
    "too few days": diary([5.0, 6.0, 4.0], doses=[3.0, 3.0, 3.0]),
    "no dose variation": diary([5.0] * 30, doses=[4.0] * 30),
    "nothing recorded": PatientData(ZONE, (), ()),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_message_ever_advises_a_larger_dose(name):
    result = summarise(SCENARIOS[name], start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=89))
    text = json.dumps(result.to_dict())
    for message in result.messages():
        assert not RAISING.search(message), message
    assert not RAISING.search(text)


def test_it_bundles_every_analysis_for_the_period():
    result = summarise(rich_diary(), start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=89))
    assert (len(result.days), len(result.weeks), result.days_logged) == (90, 13, 90)
    assert list(result.changes) == ["pain", "peg", "function"]
    assert [(d.measure, d.lag_days, d.sufficient) for d in result.dose_response] == [
        ("pain", 0, True), ("pain", 1, True), ("function", 0, True), ("function", 1, True)]
    assert result.dose_response[0].high < 0  # pain was built to fall with dose
    assert [b.band for b in result.side_effects] == ["low", "moderate", "high"]
    assert {p.name for p in result.products} == {"Red powder", "Green capsules", "Bali", "Maeng Da"}
    assert result.time_of_day.doses == 180
    assert result.plan_changes == (FIRST_DAY + dt.timedelta(30),)
    # the 23:30 dose counts on its local day: every day holds both halves
    assert {day.doses for day in result.days} == {2}


def test_its_dict_is_json():
    result = summarise(rich_diary(), start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=89)).to_dict()
    assert json.loads(json.dumps(result)) == result
    assert result["changes"]["pain"]["category"] in {"substantial", "moderate", "minimal", "none", "worse"}
