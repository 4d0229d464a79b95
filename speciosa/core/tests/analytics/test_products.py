import datetime as dt

import pytest

from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData
from speciosa.core.analytics.products import compare_products

from .synthetic import FIRST_DAY, ZONE, at


def build(plan):
    """``plan``: one entry per day, a list of (product, strain, grams) doses and the day's pain."""
    doses, checkins = [], []
    for index, (day_doses, pain) in enumerate(plan):
        day = FIRST_DAY + dt.timedelta(days=index)
        for hour, (product, strain, grams) in zip((8, 13, 18), day_doses, strict=False):
            doses.append(DoseRow(at(day, hour), grams, None, product, strain))
        checkins.append(CheckinRow(at(day, 21), pain=pain, side_effects={"nausea": int(pain > 5)}))
    return PatientData(ZONE, tuple(doses), tuple(checkins))


def test_it_compares_products_on_the_days_each_was_the_only_or_main_one():
    plan = (
        [([("Red", "Bali", 3.0)], p) for p in (4, 5, 4, 5)]
        + [([("Green", "Maeng Da", 3.0)], p) for p in (6, 7, 6, 7)]
        + [([("Red", "Bali", 3.0), ("Green", "Maeng Da", 1.0)], 5)]  # Red supplies 75%: a Red day
        + [([("Red", "Bali", 2.0), ("Green", "Maeng Da", 2.0)], 9)]  # no main product
    )
    data = build(plan)
    results = compare_products(data, start=FIRST_DAY, end=FIRST_DAY + dt.timedelta(days=len(plan) - 1))
    assert [(r.kind, r.name, r.days, r.only_days) for r in results] == [
        ("product", "Red", 5, 4), ("product", "Green", 4, 4), ("strain", "Bali", 5, 4), ("strain", "Maeng Da", 4, 4)]
    red, green = results[0], results[1]
    assert red.outcomes["pain"].mean == pytest.approx(4.6)
    assert green.outcomes["pain"].mean == pytest.approx(6.5)
    assert green.outcomes["pain"].low < 6.5 < green.outcomes["pain"].high
    assert (green.any_side_effect.count, green.any_side_effect.n) == (4, 4)
    assert red.leaf_g.mean == pytest.approx(3.2)
    assert "95% interval" in red.message


def test_a_product_with_one_day_has_no_interval():
    data = build([([("Red", "", 3.0)], 4)])
    (red,) = compare_products(data, start=FIRST_DAY, end=FIRST_DAY)
    assert (red.outcomes["pain"].mean, red.outcomes["pain"].low) == (4.0, None)
    assert "too few days for an interval" in red.message
