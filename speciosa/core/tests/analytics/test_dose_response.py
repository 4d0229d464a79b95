import datetime as dt
import random

import pytest

from speciosa.core.analytics.dose_response import dose_response
from speciosa.core.analytics.series import daily_series
from speciosa.core.errors import InputError

from .synthetic import FIRST_DAY, diary


def days_of(data, count):
    return daily_series(data, start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=count - 1))


def noisy_line(slope, *, days=60, seed=7, lag=0):
    rng = random.Random(seed)
    doses = [rng.choice((2.0, 4.0, 6.0, 8.0)) for _ in range(days)]
    pain = [None] * lag + [7.0 + slope * dose + rng.gauss(0, 0.5) for dose in doses]
    return days_of(diary(pain[:days], doses=doses), days)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_recovers_a_known_slope_within_its_interval(seed):
    result = dose_response(noisy_line(-0.4, seed=seed), measure="pain")
    assert (result.sufficient, result.n, result.lag_days) == (True, 60, 0)
    assert result.low < -0.4 < result.high
    assert result.high < 0
    assert result.r < -0.5
    assert "lower on days with more grams" in result.message


def test_an_exact_line_has_a_zero_width_interval_and_r_of_minus_one():
    doses = [float(1 + i % 5) for i in range(20)]
    days = days_of(diary([8.0 - 0.5 * d for d in doses], doses=doses), 20)
    result = dose_response(days)
    assert (result.slope, result.low, result.high, result.intercept, result.r) == (
        pytest.approx(-0.5), pytest.approx(-0.5), pytest.approx(-0.5), pytest.approx(8.0), pytest.approx(-1.0))


def test_the_next_day_pairs_a_dose_with_the_following_days_rating():
    doses = [float(1 + i % 5) for i in range(30)]
    pain = [5.0] + [8.0 - 0.5 * d for d in doses[:-1]]  # pain answers yesterday's dose
    days = days_of(diary(pain, doses=doses), 30)
    assert dose_response(days, lag_days=1).slope == pytest.approx(-0.5)
    assert dose_response(days, lag_days=1).n == 29
    assert dose_response(days, lag_days=0).r > -0.5


def test_a_flat_relation_says_no_clear_relation():
    rng = random.Random(11)
    doses = [rng.choice((2.0, 6.0)) for _ in range(40)]
    days = days_of(diary([5.0 + rng.gauss(0, 1) for _ in doses], doses=doses), 40)
    result = dose_response(days)
    assert result.low < 0 < result.high
    assert "no clear relation" in result.message


@pytest.mark.parametrize(("count", "doses", "reason"), [
    pytest.param(13, lambda i: float(1 + i % 4), "Too few days", id="13 days are too few"),
    pytest.param(30, lambda i: 4.0, "was the same", id="no variation in dose"),
])
def test_it_reports_insufficient_data_plainly(count, doses, reason):
    dose_list = [doses(i) for i in range(count)]
    result = dose_response(days_of(diary([5.0] * count, doses=dose_list), count))
    assert (result.sufficient, result.slope, result.low, result.high) == (False, None, None, None)
    assert reason in result.message


def test_days_with_a_dose_without_leaf_equivalent_are_left_out():
    from speciosa.core.analytics.inputs import DoseRow, PatientData

    from .synthetic import at
    base = diary([6.0] * 20, doses=[float(1 + i % 4) for i in range(20)])
    seven_oh = DoseRow(at(FIRST_DAY, 12), None, 1.0, "7-OH tablet")
    data = PatientData(base.time_zone, (*base.doses, seven_oh), base.checkins)
    assert dose_response(days_of(data, 20)).n == 19


@pytest.mark.parametrize(("options", "field"), [
    ({"measure": "weight"}, "measure"), ({"lag_days": 2}, "lag_days"), ({"lag_days": True}, "lag_days")])
def test_it_rejects_bad_options(options, field):
    with pytest.raises(InputError) as raised:
        dose_response((), **options)
    assert raised.value.field == field
