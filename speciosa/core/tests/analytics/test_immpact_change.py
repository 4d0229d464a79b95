import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core.analytics.immpact import (
    CATEGORIES,
    categorise,
    change,
    improvement_percent,
    judgeable,
    too_few_words,
)
from speciosa.core.errors import InputError

from .synthetic import FIRST_DAY, diary, last_day, two_weeks_apart


@pytest.mark.parametrize(("baseline", "latest", "category", "percent", "two_point"), [
    pytest.param(6.0, 3.6, "moderate", 40.0, True, id="a 40% fall is moderately important"),
    pytest.param(8.0, 3.6, "substantial", 55.0, True, id="a 55% fall is substantial"),
    pytest.param(6.0, 3.0, "substantial", 50.0, True, id="exactly 50% is substantial"),
    pytest.param(5.0, 3.5, "moderate", 30.0, False, id="exactly 30% is moderately important"),
    pytest.param(6.0, 5.1, "minimal", 15.0, False, id="a 15% fall is minimal"),
    pytest.param(5.0, 5.0, "none", 0.0, False, id="a flat series is no change"),
    pytest.param(5.0, 5.25, "none", -5.0, False, id="a 5% rise is no change"),
    pytest.param(4.0, 6.0, "worse", -50.0, False, id="a rise of half is worse"),
    pytest.param(9.0, 7.0, "minimal", 200 / 9, True, id="two points from nine is a 22% fall"),
])
def test_it_grades_the_change_from_the_first_to_the_latest_week(baseline, latest, category, percent, two_point):
    data = two_weeks_apart(baseline, latest)
    result = change(data, measure="pain", as_of=last_day(data))
    assert (result.category, result.two_point, result.n_baseline, result.n_latest) == (category, two_point, 7, 7)
    assert result.percent == pytest.approx(percent)
    assert (result.baseline, result.latest) == (pytest.approx(baseline), pytest.approx(latest))
    assert result.absolute == pytest.approx(baseline - latest)
    assert result.baseline_start == FIRST_DAY


def test_it_reports_too_few_days_as_insufficient():
    data = diary([6, 6, 5, 5, 4, 4, 3, 3, 3, 3])
    result = change(data, measure="pain", as_of=last_day(data))
    assert (result.category, result.baseline, result.percent) == ("insufficient", None, None)
    assert "needs at least 14 days" in result.message


def test_it_reports_a_week_with_too_few_ratings_as_insufficient():
    pain = [6.0] * 7 + [5.0] * 14 + [3.0, None, None, None, None, 3.0, 3.0]
    data = diary(pain)
    result = change(data, measure="pain", as_of=FIRST_DAY + dt.timedelta(days=len(pain) - 1))
    assert (result.category, result.n_baseline, result.n_latest) == ("insufficient", 7, 3)


def test_it_reports_no_ratings_as_insufficient():
    data = diary([None] * 30, doses=[4.0] * 30)
    assert change(data, measure="pain", as_of=FIRST_DAY + dt.timedelta(days=29)).category == "insufficient"


def test_it_counts_the_baseline_from_the_first_rated_day():
    pain = [None] * 5 + [6.0] * 7 + [4.5] * 10 + [3.0] * 7
    data = diary(pain)
    result = change(data, measure="pain", as_of=last_day(data))
    assert (result.baseline_start, result.baseline, result.latest, result.category) == (
        FIRST_DAY + dt.timedelta(days=5), 6.0, 3.0, "substantial")


def test_it_treats_a_rise_in_function_as_an_improvement_of_the_limitation():
    # function 5 -> 7: the limitation (10 - function) falls from 5 to 3, 40%
    data = diary([5.0] * 28, function=[5.0] * 7 + [6.0] * 14 + [7.0] * 7)
    result = change(data, measure="function", as_of=last_day(data))
    assert (result.category, result.two_point) == ("moderate", None)
    assert (result.absolute, result.percent) == (pytest.approx(2.0), pytest.approx(40.0))


@pytest.mark.parametrize(("measure", "n_baseline", "n_latest", "judged"), [
    pytest.param("pain", 4, 4, True, id="pain: 4 of 7 days in each week is enough"),
    pytest.param("pain", 7, 3, False, id="pain: 3 days in the latest week is too few"),
    pytest.param("pain", 3, 7, False, id="pain: 3 days in the first week is too few"),
    pytest.param("function", 1, 1, False, id="function: one day against one"),
    pytest.param("peg", 1, 1, False, id="peg: one answer against one is not graded"),
    pytest.param("peg", 2, 1, False, id="peg: one answer on either side is not graded"),
    pytest.param("peg", 2, 2, True, id="peg: two answers in each week"),
])
def test_a_change_is_graded_only_with_enough_days_rated_on_both_sides(measure, n_baseline, n_latest, judged):
    """IMMPACT (Dworkin 2008) grades a change in mean ratings; with fewer than MIN_DAYS days rated in either week the
    report says so with both counts, never a category."""
    assert judgeable(measure, n_baseline, n_latest) is judged
    assert too_few_words(n_baseline, n_latest) == (
        f"too few days rated to judge a change ({n_baseline} and {n_latest} days)")


@pytest.mark.parametrize(("peg", "category", "counts"), [
    pytest.param({0: 7.0, 7: 6.0, 14: 5.0, 27: 3.0}, "insufficient", (1, 1), id="weekly: described, not graded"),
    pytest.param({0: 7.0, 3: 7.0, 14: 5.0, 22: 3.0, 26: 3.0}, "substantial", (2, 2), id="twice in each week"),
])
def test_weekly_peg_scores_are_graded_only_with_two_in_each_week(peg, category, counts):
    data = diary([5.0] * 28, peg=peg)
    result = change(data, measure="peg", as_of=FIRST_DAY + dt.timedelta(days=27))
    assert (result.category, (result.n_baseline, result.n_latest)) == (category, counts)
    if category == "insufficient":
        assert result.message == ("PEG (pain, enjoyment, activity): too few days rated to judge a change (1 and 1 "
                                  "days) in the first and the latest week; at least 2 in each are needed.")


def test_with_no_pain_at_baseline_a_rise_is_worse_and_has_no_percentage():
    data = two_weeks_apart(0.0, 3.0)
    result = change(data, measure="pain", as_of=last_day(data))
    assert (result.category, result.percent) == ("worse", None)


def test_its_interval_contains_the_change_and_narrows_to_it_without_spread():
    data = two_weeks_apart(6.0, 3.6)
    result = change(data, measure="pain", as_of=last_day(data))
    assert result.absolute_low == result.absolute_high == pytest.approx(2.4)
    noisy = diary([6, 7, 5, 6, 7, 5, 6] + [5] * 14 + [4, 3, 4, 3, 4, 3, 4])
    result = change(noisy, measure="pain", as_of=last_day(noisy))
    assert result.absolute_low < result.absolute < result.absolute_high


@pytest.mark.parametrize(("measure", "as_of", "field"), [
    ("mood", FIRST_DAY, "measure"),
    ("pain", dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), "as_of"),
    ("pain", "2026-03-02", "as_of"),
])
def test_it_rejects_an_unknown_measure_or_a_bad_date(measure, as_of, field):
    with pytest.raises(InputError) as raised:
        change(diary([5.0]), measure=measure, as_of=as_of)
    assert raised.value.field == field


@given(baseline=st.floats(0.1, 10), latest=st.floats(0, 10))
def test_percent_improvement_of_pain_is_at_most_100_and_bounded_below_by_the_scale(baseline, latest):
    percent = improvement_percent("pain", baseline, latest)
    assert percent is not None
    assert -(10 - baseline) / baseline * 100 - 1e-9 <= percent <= 100


@given(a=st.floats(-1000, 100), b=st.floats(-1000, 100))
def test_the_category_never_gets_worse_as_the_improvement_grows(a, b):
    low, high = sorted((a, b))
    order = CATEGORIES.index
    assert order(categorise(high)) <= order(categorise(low))


@given(baseline=st.integers(1, 10), latest_a=st.integers(0, 10), latest_b=st.integers(0, 10))
def test_a_lower_latest_week_never_earns_a_worse_category(baseline, latest_a, latest_b):
    lower, higher = sorted((latest_a, latest_b))
    graded = []
    for latest in (lower, higher):
        data = two_weeks_apart(float(baseline), float(latest))
        graded.append(CATEGORIES.index(change(data, measure="pain", as_of=last_day(data)).category))
    assert graded[0] <= graded[1]
