"""The charts page's pain headline: plain, with the compared weeks' dates, and never surer than the ratings allow."""

import datetime as dt

import pytest

from speciosa.core.analytics.immpact import Change
from speciosa.reports.summary import pain_headline

AS_OF = dt.date(2026, 12, 1)


def change(category: str, baseline: float | None, latest: float | None, *, low: float | None = 1.0,
           high: float | None = 3.0) -> Change:
    percent = None if baseline in (None, 0) or latest is None else (baseline - latest) / baseline * 100
    absolute = None if baseline is None or latest is None else baseline - latest
    return Change("pain", category, baseline, latest, absolute, low, high, percent, None, 7, 7,
                  dt.date(2026, 9, 3), AS_OF - dt.timedelta(days=6), AS_OF, "the method")


def test_a_clear_fall_is_stated_with_both_weeks_dates():
    headline = pain_headline(change("moderate", 6.1, 3.9), own=True)
    assert (headline.text, headline.compared) == (
        "Pain down 36% since you started.",
        "Your first week of ratings (3 to 9 Sep 2026): 6.1 on average. The latest week (25 Nov to 1 Dec 2026): "
        "3.9. 0 is no pain, 10 the worst.")


def test_a_change_within_the_day_to_day_spread_is_only_a_may_be():
    headline = pain_headline(change("minimal", 6.0, 5.0, low=-0.4, high=2.4), own=True)
    assert headline.text == ("Pain may be down 17% since you started, but it varies too much from day to day to be "
                             "sure yet.")


def test_a_rise_says_up():
    assert pain_headline(change("worse", 4.0, 6.0, low=-3.0, high=-1.0), own=True).text == \
        "Pain up 50% since you started."


def test_under_ten_percent_is_about_the_same():
    assert pain_headline(change("none", 6.0, 5.7), own=True).text == \
        "Pain is about the same since you started (less than 10% up or down)."


@pytest.mark.parametrize("own", [True, False])
def test_too_few_ratings_give_no_figure_at_all(own):
    headline = pain_headline(change("insufficient", None, None), own=own)
    assert (headline.text, headline.compared) == ("Not enough pain ratings yet to say how pain has changed.", "")


def test_a_clinician_reads_the_first_week_of_ratings_not_you():
    headline = pain_headline(change("moderate", 6.1, 3.9), own=False)
    assert headline.text == "Pain down 36% since the first week of ratings."
    assert headline.compared.startswith("The first week of ratings (3 to 9 Sep 2026)")
