"""Windows over a snapshot: calendar days in the patient's zone, bounded by as_of."""

import datetime as dt

from speciosa.core.safety import daily
from speciosa.core.safety.daily import DayTotal
from speciosa.core.snapshot import parse_snapshot


def _snapshot(doses, *, as_of="2026-11-03T12:00:00-05:00", zone="America/New_York"):
    return parse_snapshot({
        "schema": "speciosa.snapshot/1", "as_of": as_of, "patient": {"time_zone": zone},
        "products": [{"id": "leaf", "form": "powder", "lab_tested": True}],
        "doses": [{"taken_at": at, "product": "leaf", "amount": grams, "unit": "g"} for at, grams in doses],
        "medications": [], "labs": [], "checkins": [], "questionnaires": [], "plan": None})


def test_day_totals_cover_every_day_oldest_first_including_days_without_doses():
    snapshot = _snapshot([("2026-11-02T08:00:00-05:00", 3), ("2026-11-03T08:00:00-05:00", 2)])
    assert daily.day_totals(snapshot, 3) == [
        DayTotal(dt.date(2026, 11, 1), 0.0, 0.0, 0.0, 0, 0),
        DayTotal(dt.date(2026, 11, 2), 3.0, 39.9, 0.372, 1, 0),
        DayTotal(dt.date(2026, 11, 3), 2.0, 26.6, 0.248, 1, 0),
    ]


def test_days_follow_the_patient_zone_across_the_end_of_daylight_saving_time():
    # 1 November 2026 is 25 hours long in New York: 23:30 local is 04:30 UTC on 2 November.
    snapshot = _snapshot([("2026-11-01T00:30:00-04:00", 1), ("2026-11-02T04:30:00+00:00", 4)])
    totals = daily.day_totals(snapshot, 3)
    assert [(t.day.isoformat(), t.leaf_equivalent_g) for t in totals] == [
        ("2026-11-01", 5.0), ("2026-11-02", 0.0), ("2026-11-03", 0.0)]


def test_doses_after_as_of_are_not_seen():
    snapshot = _snapshot([("2026-11-03T08:00:00-05:00", 2), ("2026-11-03T18:00:00-05:00", 9)])
    assert [d.amount for d in daily.recent_doses(snapshot, 1)] == [2.0]
    assert daily.last_dose_before(snapshot, dt.datetime(2026, 11, 4, tzinfo=dt.UTC)).amount == 2.0


def test_a_window_reads_only_its_own_days():
    snapshot = _snapshot([(f"2026-10-{day:02d}T08:00:00-04:00", day) for day in range(1, 31)])
    assert [d.amount for d in daily.recent_doses(snapshot, 6)] == [29.0, 30.0]


def test_without_doses_there_is_no_first_or_last_dose():
    snapshot = _snapshot([])
    assert (daily.first_dose(snapshot), daily.last_dose_before(snapshot, snapshot.as_of)) == (None, None)
