"""How long the FHIR export and import take for a patient with two years of data (issue 16).

One stored patient with two years of daily data, seeded as in bench_report.py (3 doses and a check-in a day, a weekly
PEG and a monthly PHQ-4, monthly liver tests, six medicines), plus a plan and a share. Times, as CPU seconds of this
process (median of 3):
  1. the export: building the Bundle, and checking it against the fhir.resources R4B models (fhir_bundle(check=True)
     does both; check=False times the building alone);
  2. the import of that Bundle into a fresh patient: the preview (every write rolled back), the commit, and a second
     commit of the same Bundle (everything recognised as a duplicate).

Goal: export and import each under 2 s.

    python benchmarks/bench_fhir_interop.py
"""

from __future__ import annotations

import json
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


def timed(function):  # type: ignore[no-untyped-def]
    start = time.process_time()
    result = function()
    return result, time.process_time() - start


def main() -> int:
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from benchmarks.bench_report import seed
    from speciosa.clinic.access import open_record
    from speciosa.clinic.testing import share
    from speciosa.diary.models import LabResult, Medication
    from speciosa.interop.fhir.export import fhir_bundle
    from speciosa.interop.fhir.importer import commit_import, preview_import
    from speciosa.plans.domain import publish_plan
    from speciosa.testing import make_clinician, make_patient, make_powder

    print("$ python benchmarks/bench_fhir_interop.py")
    patient = make_patient("bench-fhir")
    product = make_powder(patient)
    end = timezone.now().astimezone(patient.profile.zone).date() - dt.timedelta(days=1)
    _, seconds = timed(lambda: seed(patient, product, end=end))
    clinician = make_clinician("bench-clinician")
    share(patient, clinician, can_edit_plan=True)
    publish_plan(patient, by=clinician, max_daily_leaf_g=8, non_drug_care=[{"kind": "exercise", "goal": "walk"}])
    opened = open_record(patient, patient.pk, None, action=None)
    fhir_bundle(opened)  # warm up: imports, the models' first validation
    print(f"Seeded 2 years for one patient in {seconds:.1f} s; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores.\n")

    builds = [timed(lambda: fhir_bundle(opened, check=False))[1] for _ in range(3)]
    exports = []
    for _ in range(3):
        bundle, spent = timed(lambda: fhir_bundle(opened))
        exports.append(spent)
    text = json.dumps(bundle, ensure_ascii=False)
    kinds: dict[str, int] = {}
    for entry in bundle["entry"]:
        kinds[entry["resource"]["resourceType"]] = kinds.get(entry["resource"]["resourceType"], 0) + 1
    print(f"Bundle: {len(bundle['entry']):,} resources, {len(text) / 1024 / 1024:.1f} MiB of JSON; "
          + ", ".join(f"{count:,} {kind}" for kind, count in sorted(kinds.items())))
    export = statistics.median(exports)
    print(f"Export: {export:.2f} s (building {statistics.median(builds):.2f} s, the fhir.resources check the rest)")

    previews, commits, repeats = [], [], []
    for number in range(3):
        fresh = make_patient(f"bench-import-{number}")
        report, spent = timed(lambda fresh=fresh: preview_import(fresh, text, by=fresh))
        previews.append(spent)
        stored, spent = timed(lambda fresh=fresh: commit_import(fresh, text, by=fresh))
        commits.append(spent)
        again, spent = timed(lambda fresh=fresh: commit_import(fresh, text, by=fresh))
        repeats.append(spent)
        assert again.count("new") == 0, again.to_dict()["counts"]
    labs, medicines = LabResult.objects.of(fresh).count(), Medication.objects.of(fresh).count()
    print(f"Import of that Bundle into a fresh patient ({labs} labs and {medicines} medicines stored, "
          f"{stored.count('skipped'):,} entries skipped): preview {statistics.median(previews):.2f} s, "
          f"commit {statistics.median(commits):.2f} s, the same again (all duplicates) "
          f"{statistics.median(repeats):.2f} s")
    worst = max(export, statistics.median(commits), statistics.median(previews))
    print(f"\nGoal: export and import each under {GOAL_SECONDS:.0f} s: slowest {worst:.2f} s, "
          f"{'met' if worst < GOAL_SECONDS else 'NOT met'}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
