"""The phq4 questionnaire and the MOOD_SCREEN_POSITIVE rule read the same answers the same way, for every answer."""

import itertools

import pytest

from speciosa.core import instruments
from speciosa.core.safety.alert import Severity
from speciosa.core.safety.registry import evaluate
from speciosa.core.safety.rules import mood
from speciosa.core.snapshot import parse_snapshot

BASE = {
    "schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00", "patient": {}, "products": [],
    "doses": [], "medications": [], "labs": [], "checkins": [], "plan": None,
}


def test_the_rule_reads_the_instruments_items_subscales_and_cut_offs():
    phq4 = instruments.get(mood.PHQ4_INSTRUMENT)
    subscales = {subscale.id: subscale for subscale in phq4.subscales}
    assert (len(phq4.items), max(max(item.values) for item in phq4.items)) == (mood.PHQ4_ITEMS, mood.PHQ4_ITEM_MAX)
    assert (subscales["gad2"].items, subscales["phq2"].items) == (mood.GAD2_ITEMS, mood.PHQ2_ITEMS)
    assert {subscale.positive_at for subscale in phq4.subscales} == {mood.SUBSCALE_POSITIVE_AT}
    assert next(band.minimum for band in phq4.bands if band.name == "severe") == mood.SEVERE_TOTAL_FROM


@pytest.mark.parametrize("answers", list(itertools.product(range(4), repeat=4)))
def test_the_alert_follows_the_instruments_screens_and_band(answers):
    score = instruments.score("phq4", list(answers))
    positive = [name for name in ("gad2", "phq2") if score.subscores[f"{name}_screen"] == "positive"]
    snapshot = parse_snapshot({**BASE, "questionnaires": [
        {"instrument": "phq4", "at": "2026-11-18T10:00:00+00:00", "answers": list(answers)}]})
    alerts = [alert for alert in evaluate(snapshot) if alert.code == "MOOD_SCREEN_POSITIVE"]
    expected = [] if not positive else [Severity.URGENT if score.band == "severe" else Severity.WARNING]
    assert [alert.severity for alert in alerts] == expected
