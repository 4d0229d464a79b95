"""The clinician's panel for a clinician with 1,000 patients who share, each with a year of data, on SQLite and
PostgreSQL.

Each backend gets a fresh database (PostgreSQL: the database speciosa_bench_panel, created and dropped here) filled
with bulk inserts: 1,000 patients sharing with one clinician, each with a year of doses (2 a day) and check-ins (1 a
day), stored alerts (open urgent, open and acknowledged warnings, and a history of resolved ones), a treatment plan for
half of them, and a few who stopped recording 10 days ago. A second clinician has 10 of the same patients, to check
that the number of queries does not depend on the size of the panel.

Measured through Django's test client (the full request: middleware, sessions with two-factor, the view, the
template, the audit entries the page writes), as the median of repeated requests after a warm-up:
the first page, a filtered page (search plus "has an urgent alert"), the "nothing in 7 days" filter, a later page,
the panel's JSON, and the first view after 100 patients' records changed (each view re-checks at most 3 of them).

Goals: every page under 300 ms (the time a clinician starts to notice), and the same query count for the clinician
with 1,000 patients as for the one with 10. Exit status 1 if a goal is missed, 2 if no backend could be set up.

    python benchmarks/bench_panel.py                                  # SQLite and PostgreSQL on 127.0.0.1
    python benchmarks/bench_panel.py --postgres postgres://user@host:5432 --backends postgres
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/any python benchmarks/bench_panel.py  # server taken from it
    python benchmarks/bench_panel.py --patients 200 --days 90         # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

BENCH_DB = "speciosa_bench_panel"
GOAL_MS = 300.0
REPEAT = 15


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_server = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0] or "postgres://postgres@127.0.0.1:5432"
    parser.add_argument("--postgres", default=default_server,
                        help=f"PostgreSQL server URL without a database name (default {default_server}); the bench "
                             f"creates and drops the database {BENCH_DB}")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365, help="days of data per patient (default 365)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.patients < 10 or args.days < 30:
        parser.error("--patients must be at least 10 and --days at least 30")
    unknown = set(args.backends.split(",")) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"--backends: unknown {', '.join(sorted(unknown))}")
    return args


# The worker: runs in a child process with the backend's environment (settings are read once per process). ------

def seed(patients: int, days: int) -> dict[str, int]:
    import datetime as dt
    import secrets

    from django.utils import timezone

    from speciosa.accounts.enums import Role
    from speciosa.accounts.models import PatientProfile, User
    from speciosa.clinic.models import Share
    from speciosa.diary.models import Checkin, Dose, Product
    from speciosa.plans.models import Plan, PlanVersion
    from speciosa.safety.models import EvaluationState, StoredAlert

    now = timezone.now()
    zones = ["America/New_York", "Europe/London", "America/Los_Angeles", "Asia/Bangkok"]
    clinician = User.objects.create(username="bench_clinician", role=Role.CLINICIAN, email="clinician@example.org")
    small = User.objects.create(username="bench_small_panel", role=Role.CLINICIAN)
    users = User.objects.bulk_create([
        User(username=f"patient{n:04d}", first_name=f"Given{n % 97}", last_name=f"Family{n}", role=Role.PATIENT,
             password="!") for n in range(patients)])
    PatientProfile.objects.bulk_create([PatientProfile(user=user, time_zone=zones[n % len(zones)],
                                                       jurisdiction="US-FL") for n, user in enumerate(users)])
    products = Product.objects.bulk_create([
        Product(patient=user, name="Red vein powder", form="powder", mitragynine_content=15.0,
                hydroxymitragynine_content=0.1, content_basis="lab") for user in users])

    def share(patient: User, with_clinician: User) -> Share:
        return Share(patient=patient, clinician=with_clinician, scopes=["diary", "checkins", "medical", "notes"],
                     code_digest=secrets.token_hex(32), code_expires_at=now, accepted_at=now - dt.timedelta(days=days))

    Share.objects.bulk_create([share(user, clinician) for user in users] + [share(user, small) for user in users[:10]])
    rows = {"doses": 0, "checkins": 0}
    for n, (user, product) in enumerate(zip(users, products, strict=True)):
        stopped = 10 if n % 13 < 2 else 0  # a few patients stopped recording ten days ago
        daily = range(stopped, days)
        doses = [Dose(patient=user, product=product, amount=grams, unit="g",
                      taken_at=now - dt.timedelta(days=day, hours=hour), leaf_equivalent_g=grams,
                      mitragynine_mg=grams * 15, hydroxymitragynine_mg=grams * 0.1, mitragynine_basis="lab",
                      hydroxymitragynine_basis="lab")
                 for day in daily for hour, grams in ((3, 3.0 + (day + n) % 4), (11, 2.5))]
        checkins = [Checkin(patient=user, at=now - dt.timedelta(days=day, hours=1), pain_now=(day + n) % 11,
                            mood=5, side_effects={}) for day in daily]
        Dose.objects.bulk_create(doses, batch_size=5000)
        Checkin.objects.bulk_create(checkins, batch_size=5000)
        rows["doses"] += len(doses)
        rows["checkins"] += len(checkins)

    def alert(user: User, code: str, severity: str, status: str, age_days: int) -> StoredAlert:
        seen = now - dt.timedelta(days=age_days)
        return StoredAlert(patient=user, code=code, severity=severity, title=code.title(), message="m", action="a",
                           evidence={}, sources=[], status=status, first_seen=seen, last_seen=seen,
                           resolved_at=seen if status == "resolved" else None)

    alerts = []
    for n, user in enumerate(users):
        alerts += [alert(user, f"HISTORY_{k}", "warning", "resolved", 30 + 20 * k) for k in range(6)]
        if n % 7 == 0:
            alerts.append(alert(user, "LIVER_INJURY", "urgent", "open", 1))
        if n % 11 == 0:
            alerts.append(alert(user, "INTERACTION_CNS_DEPRESSANT", "urgent", "acknowledged", 3))
        if n % 5 == 0:
            alerts.append(alert(user, "DOSE_HIGH", "warning", "open", 2))
        if n % 3 == 0:
            alerts.append(alert(user, "PRODUCT_NOT_LAB_TESTED", "info", "open", 5))
    StoredAlert.objects.bulk_create(alerts, batch_size=5000)
    EvaluationState.objects.bulk_create([EvaluationState(patient=user, evaluated_at=now) for user in users])
    plans = Plan.objects.bulk_create([Plan(patient=user) for user in users[::2]])
    PlanVersion.objects.bulk_create([
        PlanVersion(plan=plan, patient_id=plan.patient_id, version=1, max_daily_leaf_g=6, max_doses_per_day=3,
                    effective_from=(now - dt.timedelta(days=days)).date()) for plan in plans])
    return {**rows, "alerts": len(alerts), "plans": len(plans), "clinician": clinician.pk, "small": small.pk}


def worker(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from speciosa.accounts.models import User
    from speciosa.safety.models import EvaluationState
    from speciosa.testing import verified_login

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    seeded = seed(args.patients, args.days)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    clients = {}
    for key in ("clinician", "small"):
        clients[key] = verified_login(Client(), User.objects.get(pk=seeded[key]))

    def once(client: Client, url: str) -> tuple[float, int]:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        return elapsed * 1000, len(captured.captured_queries)

    def measure(url: str) -> dict:
        once(clients["clinician"], url)  # warm-up: templates, URL resolution, the session's first write
        runs = [once(clients["clinician"], url) for _ in range(REPEAT)]
        once(clients["small"], url)
        small_queries = once(clients["small"], url)[1]
        return {"url": url, "median_ms": statistics.median(ms for ms, _ in runs),
                "max_ms": max(ms for ms, _ in runs), "queries": runs[-1][1], "queries_10": small_queries}

    pages = {
        "first page": "/clinic/",
        "search + urgent filter": "/clinic/?q=given&urgent=on",
        "no activity in 7 days": "/clinic/?inactive=on",
        "page 20": "/clinic/?page=20",
        "JSON, first page": "/api/v1/clinic/patients",
    }
    results = {label: measure(url) for label, url in pages.items()}
    patient_ids = list(User.objects.filter(username__startswith="patient").order_by("pk")
                       .values_list("pk", flat=True)[:100])
    from django.utils import timezone

    EvaluationState.objects.filter(patient_id__in=patient_ids).update(pending_since=timezone.now())
    pending_ms, pending_queries = once(clients["clinician"], "/clinic/")
    results["first page, 100 records changed"] = {
        "url": "/clinic/", "median_ms": pending_ms, "max_ms": pending_ms, "queries": pending_queries,
        "queries_10": None}
    return {"seeded": seeded, "seed_seconds": seconds, "results": results}


# The parent: a database per backend, a worker each, the table. ----------------------------------------------------

def postgres_admin(url: str, sql: str) -> str:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        cursor = connection.execute(sql)
        row = cursor.fetchone() if cursor.description else None
        return str(row[0]) if row else ""


def run_backend(name: str, args: argparse.Namespace, *, script: Path | None = None, database: str = BENCH_DB) -> dict:
    """Runs ``script --worker`` (this file by default) in a child process on a fresh home, and on a fresh PostgreSQL
    ``database`` for the postgres backend; returns the JSON the worker printed last. The clinician workspace
    benchmark runs its own worker through this too."""
    script = script or Path(__file__).resolve()
    home = tempfile.mkdtemp(prefix=f"speciosa-bench-{script.stem}-{name}-")
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SPECIOSA_DB")}
    env.update({"SPECIOSA_HOME": home, "DJANGO_SETTINGS_MODULE": "speciosa.settings", "SPECIOSA_DEBUG": "0",
                "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))})
    try:
        if name == "postgres":
            postgres_admin(args.postgres, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            postgres_admin(args.postgres, f"CREATE DATABASE {database}")
            env["DATABASE_URL"] = f"{args.postgres}/{database}"
        done = subprocess.run([sys.executable, str(script), "--worker",
                               "--patients", str(args.patients), "--days", str(args.days)],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if name == "postgres":
            postgres_admin(args.postgres, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    args = parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    print("$ cd " + shlex.quote(str(REPO)) + " && " + shlex.join([sys.executable, *sys.argv]))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}")
    verdicts: list[tuple[str, bool]] = []
    problems: list[str] = []
    for name in args.backends.split(","):
        if name == "postgres":
            try:
                print("PostgreSQL: " + postgres_admin(args.postgres, "SELECT version()").split(" on ")[0])
            except Exception as error:  # any driver or connection error: no PostgreSQL here
                problems.append(f"postgres: skipped, cannot reach {args.postgres}: {error}")
                continue
        try:
            report = run_backend(name, args)
        except Exception as error:  # reported with its cause; the other backend still runs
            problems.append(f"{name}: failed: {error}")
            continue
        seeded = report["seeded"]
        print(f"\n{name}: {args.patients} patients sharing, {seeded['doses']:,} doses, {seeded['checkins']:,} "
              f"check-ins, {seeded['alerts']:,} stored alerts, {seeded['plans']} plans "
              f"(seeded in {report['seed_seconds']:.0f} s)")
        header = f"  {'page':<34} {'median ms':>10} {'max ms':>8} {'queries':>8} {'with 10 patients':>17}"
        print(header)
        print("  " + "-" * (len(header) - 2))
        for label, result in report["results"].items():
            small = "" if result["queries_10"] is None else str(result["queries_10"])
            print(f"  {label:<34} {result['median_ms']:>10.1f} {result['max_ms']:>8.1f} {result['queries']:>8} "
                  f"{small:>17}")
            if result["queries_10"] is not None:
                verdicts.append((f"{name} {label}: {result['median_ms']:.0f} ms (goal < {GOAL_MS:.0f} ms)",
                                 result["median_ms"] < GOAL_MS))
                verdicts.append((f"{name} {label}: {result['queries']} queries with {args.patients} patients, "
                                 f"{result['queries_10']} with 10 (goal: equal)",
                                 result["queries"] == result["queries_10"]))
    print()
    for text, met in verdicts:
        print(f"[{'met' if met else 'MISSED'}] {text}")
    for problem in problems:
        print(f"  ! {problem}")
    if not verdicts:
        return 2
    return 0 if all(met for _, met in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
