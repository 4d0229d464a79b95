"""Beside each limit, the patient's use over the last 28 days, counted in their own time zone (alice: New York)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from speciosa.diary.domain import record_dose
from speciosa.plans.forms import current_use
from speciosa.plans.tests.conftest import TODAY
from speciosa.reports.outcomes import recent_doses

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")

# (local day, local time, grams of alice's powder: 1 g leaf-equivalent and 15 mg mitragynine a gram). The cast
# already gave her 2.5 g at 11:00 today.
DOSES = [
    (TODAY - dt.timedelta(days=1), dt.time(8, 0), 3.0),
    (TODAY - dt.timedelta(days=1), dt.time(23, 30), 2.5),  # already the next day in UTC: still the 19th in New York
    (dt.date(2026, 11, 1), dt.time(9, 0), 4.0),
    (TODAY - dt.timedelta(days=27), dt.time(9, 0), 1.0),  # the first of the 28 days
    (TODAY - dt.timedelta(days=27), dt.time(21, 0), 1.0),
    (TODAY - dt.timedelta(days=28), dt.time(23, 30), 10.0),  # the day before: out, though its UTC date is in
]


@pytest.fixture
def doses(cast) -> None:
    alice = cast.alice.user
    for day, time, grams in DOSES:
        record_dose(alice, product=cast.alice_product, amount=grams, unit="g", by=alice,
                    taken_at=dt.datetime.combine(day, time, tzinfo=NEW_YORK))


def test_the_editor_shows_average_and_most_beside_each_limit(cast, doses):
    form = cast.bob.client.get(reverse("plans:patient", args=[cast.alice.user.pk])).context["form"]
    # days with doses: 20 Nov 2.5 g (1 dose), 19 Nov 5.5 g (2), 1 Nov 4 g (1), 24 Oct 2 g (2)
    assert {name: str(form.fields[name].help_text).split('"current-use">')[1].removesuffix("</span>") for name in (
        "max_daily_leaf_g", "max_daily_mitragynine_mg", "max_doses_per_day")} == {
        "max_daily_leaf_g": "Current use: on average 3.5 g a day on the 4 of the last 28 days with doses; most in "
                            "one day 5.5 g.",
        "max_daily_mitragynine_mg": "Current use: on average 52.5 mg a day; most in one day 82.5 mg.",
        "max_doses_per_day": "Current use: on average 1.5 doses a day on the 4 of the last 28 days with doses; most "
                             "in one day 2.",
    }


def test_no_doses_in_the_window_is_said_plainly(cast, doses):
    quiet = current_use(recent_doses(cast.alice.user, today=TODAY + dt.timedelta(days=60)))
    assert quiet == dict.fromkeys(("max_daily_leaf_g", "max_daily_mitragynine_mg", "max_doses_per_day"),
                                  "Current use: no doses logged in the last 28 days.")


def test_a_reader_sees_no_editor_and_no_figures(cast, doses):
    response = cast.fay.client.get(reverse("plans:patient", args=[cast.alice.user.pk]))
    assert response.context["form"] is None and "Current use" not in response.content.decode()
