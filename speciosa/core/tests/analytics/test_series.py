import datetime as dt

import pytest

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData, ScoreRow
from speciosa.core.analytics.series import Day, daily_series, weekly_series
from speciosa.core.errors import InputError

from .synthetic import FIRST_DAY, at, diary

NEW_YORK = "America/New_York"
TOKYO = "Asia/Tokyo"


@pytest.mark.parametrize(("zone", "hour", "minute", "local_day"), [
    pytest.param(NEW_YORK, 23, 30, FIRST_DAY, id="23:30 in New York (04:30 UTC next day) counts on that local day"),
    pytest.param(NEW_YORK, 0, 15, FIRST_DAY, id="00:15 in New York counts on the new local day"),
    pytest.param(TOKYO, 0, 30, FIRST_DAY, id="00:30 in Tokyo (15:30 UTC the day before) counts on the local day"),
    pytest.param(TOKYO, 23, 59, FIRST_DAY, id="23:59 in Tokyo counts on that local day"),
])
def test_it_counts_a_dose_on_the_patients_local_day(zone, hour, minute, local_day):
    taken_at = at(FIRST_DAY, hour, minute, zone=zone).astimezone(dt.UTC)  # stored in UTC, as the database gives it
    data = PatientData(zone, (DoseRow(taken_at, 3.0, 45.0, "Red"),), ())
    days = daily_series(data, start=FIRST_DAY - dt.timedelta(days=1), end=FIRST_DAY + dt.timedelta(days=1))
    assert [(d.day, d.leaf_g, d.doses) for d in days] == [
        (FIRST_DAY - dt.timedelta(days=1), 0.0, 0), (FIRST_DAY, 3.0, 1), (FIRST_DAY + dt.timedelta(days=1), 0.0, 0)]


def test_a_day_across_the_spring_clock_change_is_still_one_local_day():
    change_day = dt.date(2026, 3, 8)  # clocks go forward at 02:00 in New York
    doses = (DoseRow(at(change_day, 0, 30), 1.0, None, "A"), DoseRow(at(change_day, 23, 30), 2.0, None, "A"))
    days = daily_series(PatientData(NEW_YORK, doses, ()), start=change_day, end=change_day)
    assert [(d.day, d.leaf_g, d.doses, d.mitragynine_mg) for d in days] == [(change_day, 3.0, 2, None)]


def test_it_averages_ratings_and_keeps_the_worst_side_effect_grade_of_the_day():
    checkins = (
        CheckinRow(at(FIRST_DAY, 8), pain=6, mood=4, side_effects={"nausea": 1, "constipation": 2}),
        CheckinRow(at(FIRST_DAY, 20), pain=4, function=7, side_effects={"nausea": 3}),
    )
    scores = (ScoreRow("peg", at(FIRST_DAY, 19), 5.0), ScoreRow("phq4", at(FIRST_DAY, 19), 3.0))
    doses = (DoseRow(at(FIRST_DAY, 9), 2.0, 30.0, "A"), DoseRow(at(FIRST_DAY, 14), None, 5.0, "7-OH tablet"))
    (day,) = daily_series(PatientData(NEW_YORK, doses, checkins, scores), start=FIRST_DAY, end=FIRST_DAY)
    assert day == Day(day=FIRST_DAY, leaf_g=2.0, doses=2, pain=5.0, function=7.0, mood=4.0, peg=5.0,
                      side_effects={"nausea": 3, "constipation": 2}, mitragynine_mg=35.0, unconverted_doses=1,
                      checkins=2, logged=True)
    assert not day.leaf_g_complete


def test_a_day_with_nothing_recorded_is_zero_grams_and_not_logged():
    (day,) = daily_series(diary([]), start=FIRST_DAY, end=FIRST_DAY)
    assert (day.leaf_g, day.doses, day.pain, day.logged) == (0.0, 0, None, False)


def test_weeks_run_monday_to_sunday_and_average_the_daily_means():
    pain = [6.0] * 7 + [4.0, 2.0, None, None, None, None, None]
    days = daily_series(diary(pain, doses=[3.0] * 9), start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=9))
    weeks = weekly_series(days)
    assert [(w.start, w.days, w.days_logged, w.leaf_g, w.doses, w.pain) for w in weeks] == [
        (FIRST_DAY, 7, 7, 21.0, 7, 6.0),
        (FIRST_DAY + dt.timedelta(days=7), 3, 2, 6.0, 2, 3.0),
    ]
    assert weeks[1].leaf_g_per_day == pytest.approx(2.0)


@pytest.mark.parametrize(("start", "end", "field"), [
    (FIRST_DAY, FIRST_DAY - dt.timedelta(days=1), "end"),
    ("2026-03-02", FIRST_DAY, "start"),
    (FIRST_DAY, FIRST_DAY + dt.timedelta(days=366 * 20), "end"),
])
def test_it_rejects_a_bad_range(start, end, field):
    with pytest.raises(InputError) as raised:
        daily_series(diary([5.0]), start=start, end=end)
    assert raised.value.field == field
