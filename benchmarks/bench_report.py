"""How long the clinician's visit report takes, step by step, and how its cost grows with the period it covers.

One stored patient with two years of daily data (3 doses and a check-in a day, a weekly PEG and a monthly PHQ-4,
monthly liver tests, six medicines), seeded with bulk_create. The report is built for the last 6 months and for the
whole 2 years, timing apart:
  1. reading the record (report_data: a fixed few queries),
  2. analytics (summarise: series, IMMPACT change, dose-response, side effects by band, ...),
  3. charts (drawing the figures and rendering them to PNG),
  4. the PDF (fpdf2 layout, fonts, images).

Goal: the whole report in under 2 s on this machine, a wait a clinician does not notice between clicking the button
and the PDF opening; and 2 years / 6 months <= 4x (the data grow 4x; charts and PDF stay the same size, so the
total should grow far less than the data).

    python benchmarks/bench_report.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("SPECIOSA_HOME", tempfile.mkdtemp(prefix="speciosa-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")

GOAL_SECONDS = 2.0
GROWTH_GOAL = 4.0
YEARS = 2


def seed(patient, product, *, end: dt.date) -> None:  # type: ignore[no-untyped-def]
    from speciosa.diary.models import Checkin, Dose, LabResult, Medication
    from speciosa.instruments.models import Response
    from speciosa.safety.domain import reevaluate

    days = YEARS * 365
    first = end - dt.timedelta(days=days - 1)
    doses, checkins, labs, scores = [], [], [], []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        grams = 3.0 + (offset % 4) * 0.5
        for hour in (-4, 1, 7):
            doses.append(Dose(patient=patient, product=product, amount=grams, unit="g",
                              taken_at=noon + dt.timedelta(hours=hour), leaf_equivalent_g=grams,
                              mitragynine_mg=grams * 15, hydroxymitragynine_mg=grams * 0.1, mitragynine_basis="lab",
                              hydroxymitragynine_basis="lab"))
        checkins.append(Checkin(patient=patient, at=noon + dt.timedelta(hours=9), pain_avg_24h=7 - offset * 3 // days,
                                mood=5 + offset % 3, function=5, side_effects={"nausea": int(offset % 5 == 0),
                                                                               "constipation": int(offset % 7 == 0)}))
        if offset % 7 == 0:
            scores.append(Response(patient=patient, instrument="peg", version="1", at=noon, answers=[6, 5, 5],
                                   score=max(0.0, 6.0 - offset / days * 2), band=""))
        if offset % 30 == 0:
            scores.append(Response(patient=patient, instrument="phq4", version="1", at=noon, answers=[1, 1, 1, 1],
                                   score=4, band="mild"))
            for code, value, uln in (("ALT", 30 + offset % 9, 40), ("AST", 28, 40), ("ALP", 90, 120),
                                     ("TBIL", 0.8, 1.2), ("GGT", 40, 60)):
                labs.append(LabResult(patient=patient, code=code, value=value, unit="U/L", uln=uln,
                                      collected_at=noon - dt.timedelta(hours=3)))
    Dose.objects.bulk_create(doses, batch_size=2000)
    Checkin.objects.bulk_create(checkins, batch_size=2000)
    LabResult.objects.bulk_create(labs, batch_size=2000)
    Response.objects.bulk_create(scores, batch_size=2000)
    Medication.objects.bulk_create([Medication(patient=patient, name=name) for name in (
        "Gabapentin", "Simvastatin", "Sertraline", "Ibuprofen", "Omeprazole", "Codeine")])
    reevaluate(patient)  # alerts stored once, as after any write; the report only reads them


def timed(function):  # type: ignore[no-untyped-def]
    """(result, seconds). Seconds of this process's CPU time: the report runs on one thread, so on an idle machine
    this is the wall-clock wait, and unlike wall-clock time it does not count other processes sharing the cores."""
    start = time.process_time()
    result = function()
    return result, time.process_time() - start


def one_report(patient, *, start: dt.date, end: dt.date, now: dt.datetime) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from speciosa.core.charts import PRINT
    from speciosa.reports.access import Visible
    from speciosa.reports.figures import charts_of
    from speciosa.reports.queries import report_data
    from speciosa.reports.visit import chart_images, render_visit_report

    report, load = timed(lambda: report_data(patient, start=start, end=end, visible=Visible.everything(),
                                             include_notes=True))
    _, analytics = timed(lambda: report.outcomes)

    def draw():  # type: ignore[no-untyped-def]
        charts = charts_of(report, layout=PRINT)
        return charts, chart_images(charts)

    wall = time.perf_counter()
    (charts, images), chart_time = timed(draw)
    built, pdf = timed(lambda: render_visit_report(report, charts, generated_at=now, images=images))
    assert 2 <= built.pages <= 4, built.pages
    return {"load": load, "analytics": analytics, "charts": chart_time, "pdf": pdf,
            "total": load + analytics + chart_time + pdf, "pages": built.pages, "bytes": len(built.pdf),
            "wall_charts_pdf": time.perf_counter() - wall}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from speciosa.testing import make_patient, make_powder

    print("$ python benchmarks/bench_report.py")
    patient = make_patient("bench-report")
    product = make_powder(patient)
    now = timezone.now()
    end = now.astimezone(patient.profile.zone).date() - dt.timedelta(days=1)
    _, seconds = timed(lambda: seed(patient, product, end=end))
    print(f"Seeded {YEARS} years for one patient ({YEARS * 365 * 3:,} doses, {YEARS * 365:,} check-ins) "
          f"in {seconds:.1f} s\n")
    one_report(patient, start=end - dt.timedelta(days=30), end=end, now=now)  # warm up: imports, fonts

    rows = {}
    for label, days in (("6 months", 182), ("2 years", YEARS * 365)):
        start = end - dt.timedelta(days=days - 1)
        rows[label] = median_of([one_report(patient, start=start, end=end, now=now) for _ in range(5)])
    print("CPU seconds of this process per step (median of 5); wall-clock time is shown for the last two steps, "
          f"which also counts other processes on this machine (load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores).\n")
    print(f"{'period':>9} {'load':>8} {'analytics':>10} {'charts':>8} {'pdf':>8} {'total':>8}  pages  size   wall(charts+pdf)")
    for label, row in rows.items():
        print(f"{label:>9} {row['load'] * 1000:6.0f}ms {row['analytics'] * 1000:8.0f}ms {row['charts'] * 1000:6.0f}ms "
              f"{row['pdf'] * 1000:6.0f}ms {row['total'] * 1000:6.0f}ms  {row['pages']:5.0f}  "
              f"{row['bytes'] / 1024:.0f} KiB  {row['wall_charts_pdf'] * 1000:6.0f}ms")
    growth = rows["2 years"]["total"] / rows["6 months"]["total"]
    data_growth = {key: rows["2 years"][key] / rows["6 months"][key] for key in ("load", "analytics")}
    total = rows["2 years"]["total"]
    print(f"\nGoal: the 2-year report in under {GOAL_SECONDS:.0f} s (a wait a clinician does not notice): "
          f"{total:.2f} s, {'met' if total < GOAL_SECONDS else 'NOT met'}.")
    print(f"Growth, 2 years / 6 months (4x the data): total {growth:.2f}x (goal <= {GROWTH_GOAL:.0f}x, "
          f"{'met' if growth <= GROWTH_GOAL else 'NOT met'}); reading {data_growth['load']:.2f}x, "
          f"analytics {data_growth['analytics']:.2f}x (linear would be 4x).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
