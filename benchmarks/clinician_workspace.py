"""The clinician's workspace with 1,000 patients who share, each with a year of data, on PostgreSQL: the panel (its
page and its JSON, in the default order, sorted by "new since my review", and filtered to urgent or being checked)
and one patient's summary (the patient page's Overview and the API's summary).

The data are bench_panel's (1,000 patients, a year of doses twice a day and daily check-ins, stored alerts of every
severity, plans for half), plus a liver panel every 90 days for each patient, with the evidence of a liver alert on
every seventh, so that the panel's clinical lines and the summary's liver figures have something to read.

Measured through Django's test client (middleware, the two-factor session, the view, the template, the audit
entries), as the median of repeated requests after a warm-up. Goals: each at most 150 ms, and the same number of
queries for the clinician with 1,000 patients as for one with 10 (panel) and for a patient with a year of data as for
one with a week (summary). Exit status 1 if a goal is missed, 2 if PostgreSQL cannot be reached.

    python benchmarks/clinician_workspace.py                                # PostgreSQL on 127.0.0.1
    python benchmarks/clinician_workspace.py --patients 200 --days 90       # a quick run
    python benchmarks/clinician_workspace.py --backends sqlite              # the embedded database instead
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.bench_panel import postgres_admin  # noqa: E402
from benchmarks.bench_panel import run_backend as run_panel_backend  # noqa: E402
from benchmarks.bench_panel import seed as seed_panel  # noqa: E402

BENCH_DB = "speciosa_bench_workspace"
GOAL_MS = 150.0
REPEAT = 11
LIVER = {"x_uln": {"ALT": 7.42, "AST": 6.35, "ALP": 1.67, "TBIL": 2.58}, "pattern": "mixed"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_server = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0] or "postgres://postgres@127.0.0.1:5432"
    parser.add_argument("--postgres", default=default_server)
    parser.add_argument("--backends", default="postgres", help="comma-separated: postgres, sqlite")
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def seed(patients: int, days: int) -> dict:
    import datetime as dt

    from django.utils import timezone

    from speciosa.accounts.models import User
    from speciosa.diary.models import LabResult
    from speciosa.safety.models import StoredAlert

    seeded = seed_panel(patients, days)
    now = timezone.now()
    users = list(User.objects.filter(username__startswith="patient").order_by("pk"))
    labs = [LabResult(patient=user, code=code, value=value * (3 if n % 7 == 0 and age == 0 else 1), unit=unit,
                      uln=uln, collected_at=now - dt.timedelta(days=age + 1))
            for n, user in enumerate(users) for age in range(0, days, 90)
            for code, value, unit, uln in (("ALT", 30.0, "U/L", 40.0), ("AST", 28.0, "U/L", 40.0),
                                           ("ALP", 90.0, "U/L", 120.0), ("TBIL", 0.8, "mg/dL", 1.2))]
    LabResult.objects.bulk_create(labs, batch_size=5000)
    StoredAlert.objects.filter(code="LIVER_INJURY").update(evidence=LIVER)
    # A patient with a week of data, for the summary's query count.
    newcomer = users[-2]  # even: it has a plan, as users[0] does (bench_panel plans every other patient)
    from speciosa.diary.models import Checkin, Dose
    Dose.objects.filter(patient=newcomer, taken_at__lt=now - dt.timedelta(days=7)).delete()
    Checkin.objects.filter(patient=newcomer, at__lt=now - dt.timedelta(days=7)).delete()
    return {**seeded, "labs": len(labs), "full": users[0].pk, "newcomer": newcomer.pk}


def worker(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from speciosa.accounts.models import User
    from speciosa.accounts.tokens import issue_token
    from speciosa.testing import verified_login

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    seeded = seed(args.patients, args.days)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    clients, headers = {}, {}
    for key in ("clinician", "small"):
        user = User.objects.get(pk=seeded[key])
        clients[key] = verified_login(Client(), user)
        headers[key] = {"Authorization": f"Bearer {issue_token(user, label='bench')}"}

    def once(key: str, url: str) -> tuple[float, int]:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = clients[key].get(url, headers=headers[key] if url.startswith("/api/") else None)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return elapsed * 1000, len(captured.captured_queries)

    def measure(url: str, compare: str | None, compare_key: str = "clinician") -> dict:
        once("clinician", url)
        runs = [once("clinician", url) for _ in range(REPEAT)]
        other = None
        if compare is not None:
            once(compare_key, compare)
            other = once(compare_key, compare)[1]
        return {"url": url, "median_ms": statistics.median(ms for ms, _ in runs),
                "max_ms": max(ms for ms, _ in runs), "queries": runs[-1][1], "compare_queries": other}

    full, newcomer = seeded["full"], seeded["newcomer"]
    results = {
        "panel, first page": measure("/clinic/", "/clinic/", "small"),
        "panel, sorted by new": measure("/clinic/?sort=new", "/clinic/?sort=new", "small"),
        "panel, urgent or being checked": measure("/clinic/?urgent=on", "/clinic/?urgent=on", "small"),
        "panel JSON": measure("/api/v1/clinic/patients", "/api/v1/clinic/patients", "small"),
        "patient page (summary + Overview)": measure(f"/clinic/patients/{full}/",
                                                     f"/clinic/patients/{newcomer}/"),
        "summary JSON": measure(f"/api/v1/clinic/patients/{full}/summary",
                                f"/api/v1/clinic/patients/{newcomer}/summary"),
    }
    return {"seeded": seeded, "seed_seconds": seconds, "results": results}


def main() -> int:
    args = parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    print("$ cd " + shlex.quote(str(REPO)) + " && " + shlex.join([sys.executable, *sys.argv]))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    verdicts: list[tuple[str, bool]] = []
    for name in args.backends.split(","):
        if name == "postgres":
            try:
                print("PostgreSQL: " + postgres_admin(args.postgres, "SELECT version()").split(" on ")[0])
            except Exception as error:  # any driver or connection error: no PostgreSQL here
                print(f"  ! postgres: cannot reach {args.postgres}: {error}")
                return 2
        report = run_panel_backend(name, args, script=Path(__file__).resolve(), database=BENCH_DB)
        seeded = report["seeded"]
        print(f"\n{name}: {args.patients} patients sharing, {seeded['doses']:,} doses, {seeded['checkins']:,} "
              f"check-ins, {seeded['labs']:,} lab results, {seeded['alerts']:,} stored alerts "
              f"(seeded in {report['seed_seconds']:.0f} s)")
        header = (f"  {'request':<36} {'median ms':>10} {'max ms':>8} {'queries':>8} "
                  f"{'queries, 10 patients / a week':>30}")
        print(header)
        print("  " + "-" * (len(header) - 2))
        for label, result in report["results"].items():
            print(f"  {label:<36} {result['median_ms']:>10.1f} {result['max_ms']:>8.1f} {result['queries']:>8} "
                  f"{result['compare_queries']!s:>30}")
            verdicts.append((f"{name} {label}: {result['median_ms']:.0f} ms (goal <= {GOAL_MS:.0f} ms)",
                             result["median_ms"] <= GOAL_MS))
            verdicts.append((f"{name} {label}: {result['queries']} queries, {result['compare_queries']} for the "
                             f"smaller case (goal: equal)", result["queries"] == result["compare_queries"]))
    print()
    for text, met in verdicts:
        print(f"[{'met' if met else 'MISSED'}] {text}")
    return 0 if all(met for _, met in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
