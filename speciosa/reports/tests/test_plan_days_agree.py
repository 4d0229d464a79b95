"""The four places that say whether a day went over the plan (the DOSE_ABOVE_PLAN rule, the panel's adherence, the
visit report and today's plan box) give the same answer for every day, on the cases where they used to differ.

One week in New York, under a titrated plan:
- 12 Nov: 20 g, but no plan yet: not judged anywhere.
- 13 Nov: the plan starts (4 g, +1 g every 2 days, never above 8 g; at most 3 doses).
- 14 Nov: 3 g at 10:00 and 1.5 g at 23:30 local (04:30 UTC on the 15th): 4.5 g against 4 g, over.
- 15 Nov: the titration step day: 5 g against the new 5 g step, within (the old step was 4 g).
- 16 Nov: 5.004 g against 5 g: shown as 5 g, within.
- 17 Nov: 5 g kept and 2 g deleted, against 6 g: within (with the deleted dose it would be over).
- 18 Nov: four 1 g doses against at most three: over.
- 19 Nov: 4 g at 09:00; at 15:00 a new version (3 g a day) takes effect that day: the whole day is judged by it, over.
- 20 Nov (today): 2 g against 3 g, within.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from speciosa.clinic.testing import share
from speciosa.core.safety.registry import evaluate
from speciosa.diary.domain import delete_dose, record_dose
from speciosa.diary.queries import day_totals
from speciosa.plans.domain import publish_plan
from speciosa.plans.templatetags.plans_today import plan_today
from speciosa.reports.access import Visible
from speciosa.reports.adherence import adherence_of
from speciosa.reports.queries import report_data
from speciosa.reports.summary import dose_summary
from speciosa.safety.snapshots import build_snapshot
from speciosa.testing import make_clinician, make_patient, make_powder

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
FIRST, TODAY = dt.date(2026, 11, 12), dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=NEW_YORK)
OVER = {dt.date(2026, 11, 14), dt.date(2026, 11, 18), dt.date(2026, 11, 19)}
JUDGED = {FIRST + dt.timedelta(days=n) for n in range(1, 9)}  # 13 to 20 Nov


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=NEW_YORK)


@pytest.fixture
def patient():
    patient = make_patient("paula")  # New York
    clinician = make_clinician("carl")
    share(patient, clinician, can_edit_plan=True)
    # No lab content: the default reference content, so a gram of powder is a gram leaf-equivalent.
    product = make_powder(patient, mitragynine_content=None, hydroxymitragynine_content=None,
                          content_basis="default", lab_name="")

    def dose(moment: dt.datetime, grams: float):
        return record_dose(patient, product=product, amount=grams, unit="g", taken_at=moment, by=patient)

    with time_machine.travel(at(12, 8), tick=False):
        dose(at(12, 7), 20)
    with time_machine.travel(at(13, 8), tick=False):
        publish_plan(patient, by=clinician, max_daily_leaf_g=8, max_doses_per_day=3,
                     titration={"start_g": 4, "step_g": 1, "interval_days": 2, "ceiling_g": 8,
                                "starts_on": "2026-11-13"})
    with time_machine.travel(NOW, tick=False):
        dose(at(14, 10), 3)
        dose(at(14, 23, 30), 1.5)
        dose(at(15, 10), 5)
        dose(at(16, 9), 3)
        dose(at(16, 18), 2.004)
        dose(at(17, 9), 5)
        delete_dose(dose(at(17, 20), 2), by=patient)
        for hour in (8, 11, 14, 17):
            dose(at(18, hour), 1)
        dose(at(19, 9), 4)
        dose(at(20, 9), 2)
    with time_machine.travel(at(19, 15), tick=False):
        publish_plan(patient, by=clinician, max_daily_leaf_g=3, max_doses_per_day=3)
    return patient


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_rule_raises_the_days_over(patient):
    alerts = [alert for alert in evaluate(build_snapshot(patient, as_of=NOW)) if alert.code == "DOSE_ABOVE_PLAN"]
    assert [{dt.date.fromisoformat(day["day"]) for day in alert.evidence["days"]} for alert in alerts] == [OVER]


def test_the_panels_adherence_counts_the_same_days(patient):
    adherence = adherence_of([patient], now=NOW)[patient.pk]
    assert (adherence.days_over, adherence.days_counted) == (len(OVER), len(JUDGED))


def test_the_visit_report_lists_the_same_days(patient):
    report = report_data(patient, start=FIRST, end=TODAY, visible=Visible.everything())
    summary = dose_summary(report.outcomes.days, report.plan_limits)
    assert ({verdict.day for verdict in summary.over_limit}, summary.days_with_limit) == (OVER, len(JUDGED))


def test_todays_plan_box_says_the_same_on_each_day(patient):
    boxes = {FIRST + dt.timedelta(days=n): plan_today(patient, FIRST + dt.timedelta(days=n),
                                                      day_totals(patient, FIRST + dt.timedelta(days=n)))
             for n in range(9)}
    assert boxes[FIRST] == {"version": None}
    assert {day for day, box in boxes.items() if box.get("above")} == OVER

