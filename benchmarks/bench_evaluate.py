"""How the safety engine's cost grows with a patient's history, and what it adds to logging a dose.

1. The core alone: every rule over a snapshot holding 30 days, 1 year and 5 years of daily data (3 doses and a
   check-in a day, monthly labs, six medicines). Goal: 5 years ≤ 2× the 30-day time (rules read bounded windows).
2. Through the database: reevaluate() for a stored patient with 30 days and with 5 years of history (the snapshot
   builder reads a bounded window). Goal: ≤ 2×.
3. The write path: record_dose() with and without the safety hook. A write only marks the patient for
   re-evaluation; the rules run before the alerts are next read (section 2 is that cost). Goal stated in issue 4:
   evaluation adds ≤ 20% to the write.

    python benchmarks/bench_evaluate.py
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

AS_OF = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def synthetic_snapshot(days: int) -> dict:
    doses, checkins, labs = [], [], []
    for day in range(days):
        moment = AS_OF - dt.timedelta(days=days - day)
        for hour in (8, 13, 19):
            doses.append({"taken_at": (moment.replace(hour=hour)).isoformat(), "product": "p1", "amount": 3,
                          "unit": "g"})
        checkins.append({"at": moment.replace(hour=21).isoformat(), "pain": 5 + (day % 3),
                         "symptoms": {"nausea": day % 2}, "withdrawal": {}})
        if day % 30 == 0:
            for code, value, uln in (("ALT", 35, 40), ("AST", 30, 40), ("ALP", 90, 120), ("TBIL", 0.8, 1.2)):
                labs.append({"collected_at": moment.replace(hour=9).isoformat(), "code": code, "value": value,
                             "unit": "U/L", "uln": uln})
    return {
        "schema": "speciosa.snapshot/1", "as_of": AS_OF.isoformat(),
        "patient": {"birth_year": 1975, "jurisdiction": "US-FL", "time_zone": "America/New_York",
                    "conditions": ["fibromyalgia"]},
        "products": [{"id": "p1", "name": "Red", "form": "powder", "mitragynine_mg_per_g": 15,
                      "hydroxymitragynine_mg_per_g": 0.1, "lab_tested": True}],
        "doses": doses, "checkins": checkins, "labs": labs, "questionnaires": [],
        "medications": [{"name": n} for n in ("gabapentin", "simvastatin", "sertraline", "ibuprofen",
                                               "omeprazole", "codeine")],
        "plan": {"max_daily_leaf_g": 8, "max_doses_per_day": 3, "lab_interval_days": 90},
    }


def best_of(function, repeat: int = 7, number: int = 20) -> float:
    """Median seconds per call over ``repeat`` runs of ``number`` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        runs.append((time.perf_counter() - start) / number)
    return statistics.median(runs)


def main() -> int:
    from speciosa.core.safety.registry import evaluate
    from speciosa.core.snapshot import parse_snapshot

    print("$ python benchmarks/bench_evaluate.py")
    print("\n1. Core: every rule over a parsed snapshot")
    core = {}
    for label, days in (("30 days", 30), ("1 year", 365), ("5 years", 5 * 365)):
        snapshot = parse_snapshot(synthetic_snapshot(days))
        core[label] = best_of(lambda s=snapshot: evaluate(s))
        print(f"   {label:>8}: {len(snapshot.doses):>5} doses  {core[label] * 1000:7.2f} ms")
    core_ratio = core["5 years"] / core["30 days"]
    print(f"   5 years / 30 days = {core_ratio:.2f}x (goal <= 2x)")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from speciosa.diary.domain import record_dose
    from speciosa.diary.models import Checkin, Dose
    from speciosa.lib.signals import patient_record_changed
    from speciosa.safety.domain import reevaluate
    from speciosa.safety.receivers import reevaluate_on_change
    from speciosa.testing import make_patient, make_powder

    print("\n2. Database: reevaluate() for a stored patient")
    stored = {}
    now = dt.datetime.now(dt.UTC)
    for label, days in (("30 days", 30), ("5 years", 5 * 365)):
        patient = make_patient(f"bench{days}")
        product = make_powder(patient)
        Dose.objects.bulk_create([
            Dose(patient=patient, product=product, amount=3, unit="g",
                 taken_at=now - dt.timedelta(days=days - day, hours=hour), leaf_equivalent_g=3, mitragynine_mg=45,
                 hydroxymitragynine_mg=0.3, mitragynine_basis="lab", hydroxymitragynine_basis="lab")
            for day in range(days) for hour in (2, 7, 12)], batch_size=2000)
        Checkin.objects.bulk_create([
            Checkin(patient=patient, at=now - dt.timedelta(days=days - day), pain_now=5, side_effects={})
            for day in range(days)], batch_size=2000)
        stored[label] = best_of(lambda p=patient: reevaluate(p), repeat=5, number=10)
        print(f"   {label:>8}: {days * 3:>5} doses  {stored[label] * 1000:7.2f} ms")
    stored_ratio = stored["5 years"] / stored["30 days"]
    print(f"   5 years / 30 days = {stored_ratio:.2f}x (goal <= 2x)")

    print("\n3. Write path: record_dose() with and without the safety hook (patient with 30 days of history)")
    patient = make_patient("writer")
    product = make_powder(patient)
    for day in range(30):
        record_dose(patient, product=product, amount=3, unit="g", taken_at=now - dt.timedelta(days=day), by=patient)
    with_eval = best_of(lambda: record_dose(patient, product=product, amount=1, unit="g", by=patient), number=10)
    patient_record_changed.disconnect(reevaluate_on_change, dispatch_uid="speciosa.safety.reevaluate")
    without = best_of(lambda: record_dose(patient, product=product, amount=1, unit="g", by=patient), number=10)
    added = with_eval / without - 1
    print(f"   without the hook: {without * 1000:6.2f} ms   with: {with_eval * 1000:6.2f} ms   "
          f"the hook adds {added:.0%} (goal <= 20%); the evaluation itself runs at the next read (section 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
