import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core.analytics.stats import estimate, proportion, t_975


@pytest.mark.parametrize(("df", "quantile"), [
    (1, 12.7062), (2, 4.3027), (10, 2.2281), (30, 2.0423),
    # beyond the table (Cornish-Fisher): published values
    (31, 2.0395), (40, 2.0211), (60, 2.0003), (120, 1.9799), (1000, 1.9623),
])
def test_the_t_quantile_matches_published_tables(df, quantile):
    assert t_975(df) == pytest.approx(quantile, abs=1e-4)


@given(st.integers(1, 10_000))
def test_the_t_quantile_falls_towards_the_normal_one(df):
    assert 1.959963 < t_975(df + 1) < t_975(df)


def test_a_mean_with_its_interval():
    result = estimate([1.0, 2.0, 3.0, 4.0, 5.0])
    # mean 3, sd 1.5811, se 0.7071, t(4) 2.7764
    assert (result.mean, result.low, result.high, result.n) == (
        3.0, pytest.approx(3 - 1.9632, abs=1e-4), pytest.approx(3 + 1.9632, abs=1e-4), 5)


def test_wilson_interval_matches_a_worked_example():
    # Newcombe 1998, Table I example: 81 of 263 -> 0.2553 to 0.3662
    result = proportion(81, 263)
    assert (result.low, result.high) == (pytest.approx(0.2553, abs=1e-4), pytest.approx(0.3662, abs=1e-4))


@given(count=st.integers(0, 500), extra=st.integers(0, 500))
def test_a_proportion_lies_inside_its_interval_within_zero_and_one(count, extra):
    result = proportion(count, count + extra) if count + extra else proportion(0, 1)
    assert 0 <= result.low <= result.proportion <= result.high <= 1
