import datetime as dt

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData
from speciosa.core.analytics.time_of_day import time_of_day

from .synthetic import FIRST_DAY, at

ZONE = "Europe/Berlin"


def test_it_sorts_doses_and_pain_into_parts_of_the_local_day():
    doses, checkins = [], []
    for index in range(4):
        day = FIRST_DAY + dt.timedelta(days=index)
        for hour, grams in ((7, 2.0), (13, 2.0), (23, 1.0)):
            doses.append(DoseRow(at(day, hour, zone=ZONE).astimezone(dt.UTC), grams, None, "Red"))
        checkins.append(CheckinRow(at(day, 8, zone=ZONE), pain=6))
        checkins.append(CheckinRow(at(day, 21, zone=ZONE), pain=4))
    result = time_of_day(PatientData(ZONE, tuple(doses), tuple(checkins)))
    assert [(p.part, p.doses.count, p.leaf_g, p.pain.mean, p.pain.n) for p in result.parts] == [
        ("night", 0, 0.0, None, 0), ("morning", 4, 8.0, 6.0, 4), ("afternoon", 4, 8.0, None, 0),
        ("evening", 4, 4.0, 4.0, 4)]
    assert result.doses_by_hour[7] == result.doses_by_hour[13] == result.doses_by_hour[23] == 4
    assert sum(result.doses_by_hour) == result.doses == 12
    assert "Pain by time of check-in: morning 6.0 (4 ratings); evening 4.0 (4 ratings)." in result.message


def test_it_limits_itself_to_a_range_when_given_one():
    doses = tuple(DoseRow(at(FIRST_DAY + dt.timedelta(days=i), 9, zone=ZONE), 1.0, None, "Red") for i in range(10))
    result = time_of_day(PatientData(ZONE, doses, ()), start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=2))
    assert (result.doses, result.parts[1].doses.count) == (3, 3)


def test_with_no_doses_it_says_so():
    assert time_of_day(PatientData(ZONE, (), ())).message == "No doses recorded in this period."
