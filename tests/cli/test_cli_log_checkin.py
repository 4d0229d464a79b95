import datetime as dt

import pytest
from django.utils import timezone

from speciosa.diary.models import Checkin
from speciosa.testing import make_patient

pytestmark = pytest.mark.django_db


def test_it_records_ratings_side_effects_and_withdrawal_symptoms(speciosa):
    make_patient("alice")
    at = (timezone.now() - dt.timedelta(hours=1)).replace(microsecond=0)
    result = speciosa("log", "checkin", "--user", "alice", "--pain-now", "6", "--pain-avg", "5", "--mood", "7",
                      "--energy", "4", "--sleep", "3", "--function", "6", "--side-effect", "nausea=1",
                      "--side-effect", "constipation=2", "--withdrawal", "craving=2", "--note", "long day",
                      "--at", at.isoformat())
    assert result.exit_code == 0, result.output
    checkin = Checkin.objects.get()
    assert (checkin.at, checkin.pain_now, checkin.pain_avg_24h, checkin.mood, checkin.energy, checkin.sleep_quality,
            checkin.function, checkin.side_effects, checkin.withdrawal, checkin.note) == (
        at, 6, 5, 7, 4, 3, 6, {"nausea": 1, "constipation": 2}, {"craving": 2}, "long day")
    local = at.astimezone(dt.timezone(dt.timedelta(hours=-5)))  # alice lives in New York (EST in late November)
    assert result.stdout.startswith(f"Recorded a check-in for alice at {local:%Y-%m-%d %H:%M} (")


def test_a_rating_out_of_range_is_refused_naming_its_option(speciosa):
    make_patient("alice")
    result = speciosa("log", "checkin", "--user", "alice", "--pain-now", "11")
    assert (result.exit_code, result.stderr) == (3, "error: --pain-now: must be from 0 to 10\n")
    assert Checkin.objects.count() == 0


def test_an_unknown_symptom_is_refused_naming_the_option_and_the_symptom(speciosa):
    make_patient("alice")
    result = speciosa("log", "checkin", "--user", "alice", "--pain-now", "5", "--side-effect", "hiccups=1")
    assert result.exit_code == 3
    assert result.stderr.startswith("error: --side-effect hiccups: unknown symptom; expected one of nausea, ")


def test_a_symptom_without_a_grade_is_refused_naming_the_option(speciosa):
    make_patient("alice")
    result = speciosa("log", "checkin", "--user", "alice", "--withdrawal", "craving")
    assert (result.exit_code, result.stderr) == (
        3, "error: --withdrawal: 'craving' is not name=grade, such as nausea=1\n")


def test_an_empty_checkin_is_refused(speciosa):
    make_patient("alice")
    result = speciosa("log", "checkin", "--user", "alice")
    assert (result.exit_code, result.stderr) == (
        3, "error: --pain-now: a check-in needs at least one rating, symptom or note\n")
