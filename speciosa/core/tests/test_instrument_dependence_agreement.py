"""The dsm5-kud questionnaire and the DEPENDENCE safety rule read the same answers the same way."""

import pytest

from speciosa.core import instruments
from speciosa.core.safety.registry import evaluate
from speciosa.core.snapshot import parse_snapshot

BASE = {
    "schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00",
    "patient": {"time_zone": "America/New_York"}, "products": [], "doses": [], "medications": [], "labs": [],
    "checkins": [], "plan": None,
}


@pytest.mark.parametrize("count", range(12))
def test_the_band_matches_the_dependence_alert_for_every_count(count):
    answers = [1] * count + [0] * (11 - count)
    band = instruments.score("dsm5-kud", answers).band
    snapshot = parse_snapshot({**BASE, "questionnaires": [
        {"instrument": "dsm5-kud", "at": "2026-11-10T10:00:00+00:00", "answers": answers}]})
    alerts = [alert for alert in evaluate(snapshot) if alert.code == "DEPENDENCE"]
    assert [alert.evidence["severity"] for alert in alerts] == ([] if band == "none" else [band])
