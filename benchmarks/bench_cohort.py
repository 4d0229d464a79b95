"""How long the IMMPACT responder summary takes across a cohort, and how it grows with the number of patients.

Each synthetic patient has a year of daily data: three doses and one check-in a day (pain, function, two side
effects) and a weekly PEG score, in one of four time zones. Building the rows is timed apart from summarising them.
Goal (issue 5): 1,000 patients in seconds on this machine, and a cost linear in the data (time per patient flat:
1,000 / 250 patients close to 4x). Also times summarise() for one patient over one and two years.

    python benchmarks/bench_cohort.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import statistics
import sys
import time
import zoneinfo
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from speciosa.core.analytics.immpact import cohort_summary  # noqa: E402
from speciosa.core.analytics.inputs import CheckinRow, DoseRow, PatientData, ScoreRow  # noqa: E402
from speciosa.core.analytics.summary import summarise  # noqa: E402

AS_OF = dt.date(2026, 11, 20)
DAYS = 365
ZONES = ("America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Bangkok")


def synthetic_patient(index: int) -> PatientData:
    rng = random.Random(index)
    zone_name = ZONES[index % len(ZONES)]
    zone = zoneinfo.ZoneInfo(zone_name)
    first = AS_OF - dt.timedelta(days=DAYS - 1)
    start_pain, end_pain = rng.uniform(4, 9), rng.uniform(1, 9)
    doses, checkins, scores = [], [], []
    for offset in range(DAYS):
        day = first + dt.timedelta(days=offset)
        for hour in (8, 13, 19):
            grams = rng.choice((1.0, 2.0, 3.0))
            doses.append(DoseRow(dt.datetime.combine(day, dt.time(hour), tzinfo=zone), grams, grams * 13.3, "Red"))
        pain = start_pain + (end_pain - start_pain) * offset / DAYS + rng.gauss(0, 0.7)
        at = dt.datetime.combine(day, dt.time(21), tzinfo=zone)
        checkins.append(CheckinRow(at, pain=round(min(10.0, max(0.0, pain))), function=rng.randint(3, 8),
                                   side_effects={"nausea": rng.randint(0, 1), "constipation": rng.randint(0, 2)}))
        if offset % 7 == 0:
            scores.append(ScoreRow("peg", at, round(min(10.0, max(0.0, pain)), 1)))
    return PatientData(zone_name, tuple(doses), tuple(checkins), tuple(scores))


def _shift(row, field: str):
    """The same row a year earlier (to make a second year of history)."""
    return dataclasses.replace(row, **{field: getattr(row, field) - dt.timedelta(days=DAYS)})


def median_seconds(function, repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    print("$ python benchmarks/bench_cohort.py")
    start = time.perf_counter()
    cohort = [synthetic_patient(index) for index in range(1000)]
    built = time.perf_counter() - start
    rows = sum(len(p.doses) + len(p.checkins) + len(p.scores) for p in cohort)
    print(f"built 1,000 patients x {DAYS} days ({rows:,} rows) in {built:.1f} s (not part of the figures below)")

    print("\nIMMPACT cohort summary, pain (median of 7 runs)")
    timings = {}
    for size in (250, 500, 1000):
        patients = cohort[:size]
        timings[size] = median_seconds(lambda p=patients: cohort_summary(p, as_of=AS_OF))
        print(f"   {size:>5,} patients: {timings[size]:6.3f} s   {timings[size] / size * 1000:6.3f} ms per patient")
    print(f"   500 / 250 = {timings[500] / timings[250]:.2f}x (linear: 2x);  "
          f"1,000 / 250 = {timings[1000] / timings[250]:.2f}x (linear: 4x)")
    print(f"   goal: 1,000 patients in seconds -> {timings[1000]:.2f} s")

    for measure in ("peg", "function"):
        seconds = median_seconds(lambda m=measure: cohort_summary(cohort, as_of=AS_OF, measure=m))
        print(f"   {measure:>8}, 1,000 patients: {seconds:6.3f} s")

    print("\nsummarise() for one patient (series, IMMPACT, dose-response, bands, products, time of day)")
    one_year = synthetic_patient(1)
    two_years = PatientData(one_year.time_zone,
                            one_year.doses + tuple(_shift(d, "taken_at") for d in one_year.doses),
                            one_year.checkins + tuple(_shift(c, "at") for c in one_year.checkins),
                            one_year.scores + tuple(_shift(s, "at") for s in one_year.scores))
    spans = {}
    for label, data, days in (("1 year", one_year, DAYS), ("2 years", two_years, 2 * DAYS)):
        start = AS_OF - dt.timedelta(days=days - 1)
        spans[label] = median_seconds(lambda d=data, s=start: summarise(d, start=s, end=AS_OF))
        print(f"   {label:>8}: {spans[label] * 1000:7.1f} ms")
    print(f"   2 years / 1 year = {spans['2 years'] / spans['1 year']:.2f}x (linear: 2x)")

    summary = cohort_summary(cohort, as_of=AS_OF)
    print("\n1,000-patient result (pain):", ", ".join(f"{k} {v}" for k, v in summary.counts.items()),
          f"| responders {summary.responders.count}/{summary.responders.n} "
          f"({summary.responders.proportion:.1%}, 95% CI {summary.responders.low:.1%} to {summary.responders.high:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
