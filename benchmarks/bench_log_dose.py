"""Logging a dose through the API under concurrent load, beside the framework's floor, on SQLite and PostgreSQL.

For each database: a fresh database, one patient (with a powder and a bearer token) per writer, a real waitress
server process on 127.0.0.1 running the app with one extra view, `bench/floor` (a bare Django view that inserts one
row in a transaction). Then W writer threads send POST /api/v1/doses, and the same against the floor, each bounded
in count and time. Printed: requests per second, p50 and p95 latency, failed requests, and API/floor throughput.

Goals: the API keeps at least half the floor's throughput, and no request fails with 16 concurrent writers on
SQLite (no "database is locked"). Exit status 1 if a goal is missed, 2 if the setup failed.

    python benchmarks/bench_log_dose.py            # 2,000 requests or 20 s per run
    python benchmarks/bench_log_dose.py --quick    # 300 requests or 5 s per run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.load import LoadResult, Request, run_load  # noqa: E402 (needs the repository on the path)

API_GOAL = 0.5
BENCH_DB = "speciosa_bench"


@dataclass(frozen=True)
class Backend:
    name: str
    env: dict[str, str]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run: 300 requests or 5 s per measurement")
    parser.add_argument("--writers", type=int, default=16, help="concurrent writer threads (default 16)")
    parser.add_argument("--requests", type=int, help="requests per measurement (default 2000, quick 300)")
    parser.add_argument("--seconds", type=float, help="time limit per measurement (default 20, quick 5)")
    parser.add_argument("--server-threads", type=int, default=8,
                        help="waitress worker threads (default 8, as `speciosa serve` uses)")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server URL (no database name); the bench creates and drops "
                             f"the database {BENCH_DB}")
    args = parser.parse_args()
    args.requests = args.requests or (300 if args.quick else 2000)
    args.seconds = args.seconds or (5.0 if args.quick else 20.0)
    if args.writers < 1 or args.requests < 1 or args.seconds <= 0 or args.server_threads < 1:
        parser.error("--writers, --requests, --seconds and --server-threads must be positive")
    unknown = set(args.backends.split(",")) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"--backends: unknown {', '.join(sorted(unknown))}")
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def base_env(home: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SPECIOSA_DB")}
    env.update({"SPECIOSA_HOME": home, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "SPECIOSA_DEBUG": "0",
                "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))})
    return env


def postgres_admin(url: str, sql: str) -> str:
    """Runs one statement on the server's maintenance database; returns the first value of a query, else ""."""
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        cursor = connection.execute(sql)
        row = cursor.fetchone() if cursor.description else None
        return str(row[0]) if row else ""


def seed(backend: Backend, writers: int) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.seed", str(writers)], cwd=REPO, env=backend.env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"seeding {backend.name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def start_server(backend: Backend, port: int, threads: int) -> subprocess.Popen:
    # The server's log goes to a file: an unread pipe fills up (waitress warns on every queued request) and then
    # blocks the server mid-run.
    log = open(Path(backend.env["SPECIOSA_HOME"]) / "server.log", "w")  # noqa: SIM115 (the child keeps its own copy)
    server = subprocess.Popen(
        [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", f"--threads={threads}",
         "--connection-limit=200", "speciosa.wsgi:application"],
        cwd=REPO, env=backend.env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    give_up = time.monotonic() + 30
    while time.monotonic() < give_up:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited:\n{server_log(backend)}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start listening within 30 s")


def server_log(backend: Backend, lines: int = 20) -> str:
    """The last lines of the server's log, minus waitress's queue-depth notices (expected with more writers than
    threads)."""
    text = (Path(backend.env["SPECIOSA_HOME"]) / "server.log").read_text(encoding="utf-8", errors="replace")
    return "\n".join([line for line in text.splitlines() if "Task queue depth" not in line][-lines:])


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def requests_for(people: list[dict]) -> tuple[list[Request], list[Request]]:
    api = [Request("/api/v1/doses", json.dumps({"product": person["product"], "amount": 3, "unit": "g"}).encode(),
                   {"Authorization": f"Bearer {person['token']}"}) for person in people]
    floor = [Request("/bench/floor", json.dumps({"patient": person["patient"]}).encode(), {}) for person in people]
    return api, floor


def measure(backend: Backend, args: argparse.Namespace) -> list[LoadResult]:
    people = seed(backend, args.writers)
    api, floor = requests_for(people)
    port = free_port()
    server = start_server(backend, port, args.server_threads)
    try:
        # Warm-up: imports, URL resolution and database connections, then the measured runs.
        for label, requests in (("warm-up floor", floor), ("warm-up API", api)):
            warm = run_load(label, port, requests, total=4 * len(requests), seconds=30)
            if warm.failed:
                raise RuntimeError(f"{label}: {warm.failed} failed, e.g. {warm.errors.most_common(1)}")
        results = [
            run_load("floor: insert 1 row", port, floor, total=args.requests, seconds=args.seconds),
            run_load("API: POST /doses", port, api, total=args.requests, seconds=args.seconds),
        ]
    finally:
        stop_server(server)
    return results


def backends(args: argparse.Namespace, homes: list[str]) -> list[Backend | tuple[str, str]]:
    """The backends to run; a backend that cannot be set up is returned as (name, reason) and reported as skipped."""
    chosen: list[Backend | tuple[str, str]] = []
    for name in args.backends.split(","):
        home = tempfile.mkdtemp(prefix=f"speciosa-bench-{name}-")
        homes.append(home)
        env = base_env(home)
        if name == "postgres":
            try:
                postgres_admin(args.postgres, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
                postgres_admin(args.postgres, f"CREATE DATABASE {BENCH_DB}")
            except Exception as error:  # any driver or connection error means: no PostgreSQL here
                chosen.append((name, f"cannot create {BENCH_DB} at {args.postgres}: {error}"))
                continue
            env["DATABASE_URL"] = f"{args.postgres}/{BENCH_DB}"
        chosen.append(Backend(name, env))
    return chosen


def describe(args: argparse.Namespace) -> list[str]:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        f"load: {args.writers} writer threads (keep-alive, one patient and token each), up to {args.requests} "
        f"requests or {args.seconds:g} s per run; waitress with {args.server_threads} threads on 127.0.0.1",
    ]
    if "postgres" in args.backends:
        try:
            lines.append("PostgreSQL: " + postgres_admin(args.postgres, "SELECT version()").split(" on ")[0])
        except Exception as error:  # reported, not fatal: the SQLite figures still stand
            lines.append(f"PostgreSQL: unreachable ({error})")
    return lines


def table(rows: list[tuple[str, LoadResult]]) -> list[str]:
    header = f"{'database':<10} {'endpoint':<22} {'sent':>6} {'failed':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
    lines = [header, "-" * len(header)]
    for name, result in rows:
        lines.append(f"{name:<10} {result.label:<22} {result.sent:>6} {result.failed:>6} {result.per_second:>8.1f} "
                     f"{result.percentile_ms(0.50):>8.1f} {result.percentile_ms(0.95):>8.1f}")
    return lines


def main() -> int:
    args = parse_args()
    print("$ cd " + shlex.quote(str(REPO)) + " && " + shlex.join([sys.executable, *sys.argv]))
    for line in describe(args):
        print(line)
    print()
    homes: list[str] = []
    rows: list[tuple[str, LoadResult]] = []
    verdicts: list[tuple[str, bool]] = []
    problems: list[str] = []
    for backend in backends(args, homes):
        if isinstance(backend, tuple):
            problems.append(f"{backend[0]}: skipped, {backend[1]}")
            continue
        try:
            floor, api = measure(backend, args)
        except Exception as error:  # a failed setup is reported with its cause, then the next backend runs
            problems.append(f"{backend.name}: setup failed: {error}")
            continue
        finally:
            if backend.name == "postgres":
                postgres_admin(args.postgres, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        rows += [(backend.name, floor), (backend.name, api)]
        ratio = api.per_second / floor.per_second if floor.per_second else 0.0
        verdicts.append((f"{backend.name}: API/floor throughput {ratio:.2f} (goal >= {API_GOAL:.2f})",
                         ratio >= API_GOAL))
        for result in (floor, api):
            for error, count in result.errors.most_common(3):
                problems.append(f"{backend.name} {result.label}: {count} x {error}")
        if floor.failed or api.failed:
            problems.append(f"{backend.name} server log, last lines:\n{server_log(backend)}")
        if backend.name == "sqlite":
            verdicts.append((f"sqlite: failed requests with {args.writers} concurrent writers: "
                             f"{floor.failed + api.failed} (goal 0)", floor.failed + api.failed == 0))
    for line in table(rows):
        print(line)
    print()
    for text, met in verdicts:
        print(f"[{'met' if met else 'MISSED'}] {text}")
    for problem in problems:
        print(f"  ! {problem}")
    for home in homes:
        shutil.rmtree(home, ignore_errors=True)
    if problems and not rows:
        return 2
    return 0 if verdicts and all(met for _, met in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
