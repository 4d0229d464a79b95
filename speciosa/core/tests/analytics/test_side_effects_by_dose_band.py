import datetime as dt

import pytest

from speciosa.core.analytics.series import Day
from speciosa.core.analytics.side_effects import SOURCES, band_of, by_dose_band

DAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(("leaf_g", "band"), [
    pytest.param(0.5, "low", id="0.5 g is low"),
    pytest.param(4.99, "low", id="4.99 g is low"),
    # 5 g is moderate: the review's ranges are 1-5 g and 5-15 g (Prozialeck 2012) and adverse effects were reported
    # mainly at 5 g or more (Grundmann 2017), so the boundary belongs to the higher band.
    pytest.param(5.0, "moderate", id="exactly 5 g is moderate"),
    # 15 g is moderate: the high band is "> 15 g" (Prozialeck 2012).
    pytest.param(15.0, "moderate", id="exactly 15 g is moderate"),
    pytest.param(15.01, "high", id="15.01 g is high"),
    pytest.param(40.0, "high", id="40 g is high"),
])
def test_each_daily_dose_falls_in_its_band(leaf_g, band):
    assert band_of(leaf_g) == band


def test_the_bands_cite_their_sources():
    assert [s.split(" ")[0] for s in SOURCES] == ["Prozialeck", "Grundmann"]


def day(leaf_g, side_effects, *, checkins=1, doses=1, unconverted=0):
    return Day(day=DAY, leaf_g=leaf_g, doses=doses, side_effects=side_effects, checkins=checkins,
               unconverted_doses=unconverted, logged=True)


def test_it_counts_days_with_each_symptom_per_band():
    days = [
        day(3.0, {"nausea": 0}), day(4.0, {"nausea": 1}),
        day(5.0, {"nausea": 2, "constipation": 1}), day(15.0, {"constipation": 1}), day(10.0, {}),
        day(20.0, {"nausea": 3}),
        day(8.0, {"nausea": 3}, checkins=0),  # no check-in: side effects not asked
        day(0.0, {"nausea": 1}, doses=0),  # no dose: in no band
        day(2.0, {"nausea": 1}, unconverted=1),  # incomplete dose total
    ]
    summary = {band.band: band for band in by_dose_band(days)}
    assert [(b.band, b.days, b.any_symptom.count) for b in summary.values()] == [
        ("low", 2, 1), ("moderate", 3, 2), ("high", 1, 1)]
    assert [(s.symptom, s.days.count, s.days.n) for s in summary["moderate"].symptoms] == [
        ("constipation", 2, 3), ("nausea", 1, 3)]
    assert summary["moderate"].symptoms[0].days.proportion == pytest.approx(2 / 3)
    low, high = summary["moderate"].symptoms[0].days.low, summary["moderate"].symptoms[0].days.high
    assert 0 < low < 2 / 3 < high < 1


def test_a_band_without_days_has_no_proportion():
    (low, moderate, high) = by_dose_band([day(3.0, {"nausea": 1})])
    assert (moderate.days, moderate.any_symptom.proportion, moderate.symptoms[0].days.proportion) == (0, None, None)
    assert high.to_dict()["any_symptom"] == {"count": 0, "n": 0, "proportion": None, "low": None, "high": None}
