"""Demo patients answer the PEG weekly and the PHQ-4 every two weeks, scored like any other response."""

import pytest

from speciosa.accounts.models import User
from speciosa.core import instruments
from speciosa.demo import load_demo
from speciosa.diary.models import Revision
from speciosa.instruments.models import Response, Schedule

pytestmark = pytest.mark.django_db


def test_the_demo_patients_have_scored_peg_and_phq4_answers_and_a_schedule():
    load_demo(patients=2, min_days=60, max_days=70)
    patient = User.objects.get(username="patient01")
    responses = list(Response.objects.filter(patient=patient).order_by("at"))
    counts = {name: sum(1 for r in responses if r.instrument == name) for name in ("peg", "phq4")}
    assert 6 <= counts["peg"] <= 10 and 3 <= counts["phq4"] <= 5
    assert all(r.score == instruments.score(r.instrument, r.answers).score for r in responses)
    assert Revision.objects.filter(record_type="response").count() == Response.objects.count()
    assert dict(Schedule.objects.filter(patient=patient).values_list("instrument", "frequency")) == {
        "peg": "weekly", "phq4": "biweekly"}
