"""Importing a 10,000-row CSV from another tracker: the preview, the commit, and importing the same file again.

Two files of 10,000 data rows each, written the way the apps export them:
  - a Kratom Tracker export (one dose per row, five strains, five doses a day for 2,000 days), and
  - a Bearable export (mood, energy, sleep quality and a symptom at three parts of each day: 834 days, about 2,500
    check-ins).
Each is previewed (nothing stored), committed into a fresh patient (one transaction, with revisions), and committed
again (every row recognised as already in the diary, nothing added). Times are wall-clock seconds on this machine.

Goal: the commit of each 10,000-row file in under 10 s. Exit status 1 if a goal is missed. The process's CPU time is
printed beside the wall clock: on a machine shared with other work the wall clock also counts the wait for a core.

    python benchmarks/csv_import.py                  # SQLite in a temporary SPECIOSA_HOME
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/speciosa_bench_import python benchmarks/csv_import.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("SPECIOSA_HOME", tempfile.mkdtemp(prefix="speciosa-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")

ROWS = 10_000
GOAL_SECONDS = 10.0
STRAINS = ("Maeng Da", "Red Bali", "Green Malay", "White Borneo", "Yellow Vietnam")


def kratom_tracker_file(end: dt.date) -> str:
    lines = ["\ufeffdate,time,iso_timestamp,strain_code,strain_name,amount_g,notes"]
    days = ROWS // 5
    for offset in range(days):
        day = end - dt.timedelta(days=days - offset)
        for slot, hour in enumerate((7, 10, 13, 16, 20)):
            strain = STRAINS[(offset + slot) % len(STRAINS)]
            grams = 1.5 + ((offset * 5 + slot) % 7) * 0.25
            lines.append(f"{day},{hour:02d}:00,{day}T{hour:02d}:00:00.000,{strain[:2].upper()},{strain},{grams},"
                         f"{'with food' if slot == 0 else ''}")
    return "\r\n".join(lines) + "\r\n"


def bearable_file(end: dt.date) -> str:
    lines = ["date,date formatted,weekday,time of day,category,rating/amount,detail,notes"]
    count, offset = 0, 0
    days = ROWS // 12 + 1
    while count < ROWS:
        day = end - dt.timedelta(days=days - offset)
        for part in ("am", "mid", "pm"):
            for category, rating, detail in (("Mood", 1 + (offset % 10), ""), ("Energy", 1 + (offset % 5), ""),
                                             ("Sleep quality", 1 + (offset % 5), ""),
                                             ("Symptom", offset % 4, f"Nausea ({('None', 'Mild', 'Moderate', 'Severe')[offset % 4]})")):
                if count == ROWS:
                    break
                lines.append(f'"{day:%d} {day:%b %Y}",{day},{day:%A},{part},{category},{rating},"{detail}",')
                count += 1
        offset += 1
    return "\n".join(lines) + "\n"


CPU_SECONDS: list[float] = []


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Wall-clock seconds (the goal), and the process's CPU seconds kept aside: on a shared machine the wall clock
    includes waiting for a core, the CPU time does not."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    CPU_SECONDS.append(time.process_time() - cpu)
    return time.perf_counter() - start, result


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from speciosa.diary.models import Checkin, Dose, Revision
    from speciosa.interop.trackers.importer import commit_import, plan_import
    from speciosa.testing import make_patient

    engine = connection.vendor
    print(f"load average before: {', '.join(f'{load:.1f}' for load in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"$ python benchmarks/csv_import.py   (database: {engine}, {settings.DATABASES['default']['NAME']})")
    end = timezone.now().date()
    failed = False
    for name, preset, content in (("Kratom Tracker", "kratom-tracker", kratom_tracker_file(end)),
                                  ("Bearable", "bearable", bearable_file(end))):
        patient = make_patient(f"bench-{preset}-{time.time_ns()}")
        rows = content.count("\n") - 1
        preview_s, plan = timed(lambda: plan_import(patient, content, preset_id=preset))  # noqa: B023
        commit_s, done = timed(lambda: commit_import(patient, content, by=patient, preset_id=preset))  # noqa: B023
        again_s, again = timed(lambda: commit_import(patient, content, by=patient, preset_id=preset))  # noqa: B023
        stored = (Dose.objects.filter(patient=patient).count(), Checkin.objects.filter(patient=patient).count(),
                  Revision.objects.filter(patient=patient).count())
        print(f"{name}: {rows:,} rows ({len(content.encode()) / 1024:,.0f} KiB) -> {len(done.doses):,} doses, "
              f"{len(done.checkins):,} check-ins, {len(done.skipped):,} rows left out")
        preview_cpu, commit_cpu, again_cpu = CPU_SECONDS[-3:]
        print(f"  preview {preview_s:6.2f} s   commit {commit_s:6.2f} s ({rows / commit_s:,.0f} rows/s)   "
              f"same file again {again_s:6.2f} s ({len(again.records)} added, {again.duplicates:,} recognised)")
        print(f"  CPU time of this process: preview {preview_cpu:.2f} s, commit {commit_cpu:.2f} s, again "
              f"{again_cpu:.2f} s (SQLite works inside this process and is counted; PostgreSQL's server is not)")
        print(f"  stored: {stored[0]:,} doses, {stored[1]:,} check-ins, {stored[2]:,} revisions (incl. products)")
        if len(plan.records) != len(done.records) or again.records:
            print("  FAILED: the preview and the commit disagree, or the second import added rows")
            failed = True
        if commit_s > GOAL_SECONDS:
            print(f"  MISSED: the commit took longer than {GOAL_SECONDS:g} s")
            failed = True
    print("Goal: commit of a 10,000-row file < 10 s:", "missed" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
