"""What MOOD_SCREEN_POSITIVE tells the patient: follow-up by severity, and the crisis line of their place."""

from speciosa.core.safety.registry import get_rule
from speciosa.core.snapshot import parse_snapshot

BASE = {
    "schema": "speciosa.snapshot/1", "as_of": "2026-11-20T12:00:00+00:00", "products": [], "doses": [],
    "medications": [], "labs": [], "checkins": [], "plan": None,
}


def alert_for(answers, jurisdiction=None):
    snapshot = parse_snapshot({**BASE, "patient": {"jurisdiction": jurisdiction}, "questionnaires": [
        {"instrument": "phq4", "at": "2026-11-18T10:00:00+00:00", "answers": answers}]})
    (alert,) = get_rule("MOOD_SCREEN_POSITIVE").check(snapshot)
    return alert


def test_a_positive_screen_in_the_us_names_988_and_asks_for_follow_up_within_days():
    alert = alert_for([0, 0, 2, 2], "US-OH")
    assert "positive screen for low mood (PHQ-2: 4 of 6)" in alert.clinical_message
    assert "PHQ" not in alert.message and "low mood" in alert.message
    assert alert.action.startswith("Tell your clinician how you have been feeling within the next few days.")
    assert "call 988 or text 988 (988 Suicide & Crisis Lifeline) now, or call your local emergency number." in (
        alert.action)
    assert alert.evidence["crisis_line"]["url"].startswith("https://")


def test_a_severe_total_asks_for_contact_today_with_the_line_of_the_patients_country():
    alert = alert_for([3, 3, 2, 2], "GB")
    assert "total 10 of 12, in the severe range" in alert.clinical_message
    assert "a lot of worry and low mood" in alert.message
    assert alert.action.startswith("Contact your clinician today")
    assert "call 116 123 (Samaritans) now" in alert.action


def test_without_a_checked_line_the_patient_is_sent_to_a_crisis_line_or_the_emergency_number_with_no_number():
    for jurisdiction in (None, "DK"):
        alert = alert_for([3, 0, 0, 0], jurisdiction)
        assert "contact a crisis line in your country now, or call your local emergency number." in alert.action
        assert not any(character.isdigit() for character in alert.action)
        assert alert.evidence["crisis_line"] is None
