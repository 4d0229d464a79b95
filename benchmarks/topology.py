"""The deployment topology under load: gunicorn with 1, 2 and 4 worker processes on PostgreSQL, with Redis and the
task queue's workers, driven by patients logging doses through the API.

What starts (tests/faults/topology.py, the same harness the fault tests use), all on 127.0.0.1:
- a fresh PostgreSQL database on the server given by --postgres (created, migrated, seeded, dropped at the end);
- the production settings (speciosa.settings_production) behind a proxy (the requests carry X-Forwarded-Proto);
- Redis (--redis, the queue's broker) with 2 x `speciosa worker` and 1 x `speciosa scheduler`, when this build has
  those commands; the output says so when it does not;
- for each process count: gunicorn with that many sync workers, a warm-up, then W writer threads (one patient and
  bearer token each) sending POST /api/v1/doses, bounded in count and time.
Printed: requests per second, p50 and p95 latency and failures for each process count, and the throughput ratio to
one process. The load generator runs on the same machine and takes CPU from the servers (see the load average).

    python benchmarks/topology.py            # 1,500 requests or 20 s per process count
    python benchmarks/topology.py --quick    # 300 requests or 5 s
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.load import LoadResult, Request, run_load  # noqa: E402 (needs the repository on the path)
from tests.faults.topology import (  # noqa: E402
    PROXY_HEADERS,
    REDIS_URL,
    SHARED_POSTGRES,
    free_port,
    fresh_database,
    production_env,
    seed,
    start_gunicorn,
    start_queue,
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run: 300 requests or 5 s per process count")
    parser.add_argument("--processes", default="1,2,4", help="gunicorn worker counts to measure (default 1,2,4)")
    parser.add_argument("--writers", type=int, default=16, help="concurrent writer threads (default 16)")
    parser.add_argument("--requests", type=int, help="requests per measurement (default 1500, quick 300)")
    parser.add_argument("--seconds", type=float, help="time limit per measurement (default 20, quick 5)")
    parser.add_argument("--postgres", default=SHARED_POSTGRES, help="PostgreSQL server URL without a database")
    parser.add_argument("--database", default="speciosa_topology", help="the database created and dropped")
    parser.add_argument("--redis", default=REDIS_URL, help="the queue's Redis (its database is emptied first)")
    args = parser.parse_args()
    args.requests = args.requests or (300 if args.quick else 1500)
    args.seconds = args.seconds or (5.0 if args.quick else 20.0)
    try:
        args.processes = [int(count) for count in args.processes.split(",")]
    except ValueError:
        parser.error(f"--processes: {args.processes!r} is not a comma-separated list of numbers")
    if min(args.processes) < 1 or args.writers < 1 or args.requests < 1 or args.seconds <= 0:
        parser.error("--processes, --writers, --requests and --seconds must be positive")
    return args


def redis_line(url: str) -> str:
    try:
        import redis
    except ImportError:
        return f"redis: the redis package is not installed; {url} unused"
    try:
        client = redis.Redis.from_url(url, socket_timeout=3)
        client.flushdb()  # this benchmark's own database number: leftover tasks would skew the workers' load
        return f"redis: {url} (emptied), server {client.info('server')['redis_version']}"
    except redis.RedisError as error:
        return f"redis: UNREACHABLE at {url} ({error})"


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(f"{url}/postgres", connect_timeout=5) as connection:
        row = connection.execute("SELECT version()").fetchone()
        return str(row[0]).split(" on ")[0] if row else "unknown"


def measure(env: dict[str, str], requests: list[Request], processes: int, args: argparse.Namespace,
            folder: Path) -> LoadResult:
    port = free_port()
    server = start_gunicorn(env, port, processes, folder / f"gunicorn-{processes}.log")
    try:
        warm = run_load("warm-up", port, requests, total=4 * len(requests) + 8 * processes, seconds=60)
        if warm.failed:
            raise RuntimeError(f"warm-up: {warm.failed} failed, e.g. {warm.errors.most_common(1)}\n{server.tail()}")
        return run_load(f"{processes} process{'es' if processes > 1 else ''}", port, requests,
                        total=args.requests, seconds=args.seconds)
    finally:
        server.stop()


def main() -> int:
    args = parse_args()
    print("$ cd " + shlex.quote(str(REPO)) + " && " + shlex.join([sys.executable, *sys.argv]))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {load} (other work on the machine takes CPU from this run)")
    try:
        print(f"PostgreSQL: {postgres_version(args.postgres)} at {args.postgres}, database {args.database}")
    except Exception as error:  # any driver or connection error: nothing to measure against
        print(f"PostgreSQL: unreachable at {args.postgres} ({error})")
        return 2
    print(redis_line(args.redis))
    print(f"load: {args.writers} writer threads (one patient and token each), up to {args.requests} requests or "
          f"{args.seconds:g} s per measurement; gunicorn sync workers on 127.0.0.1")
    folder = Path(tempfile.mkdtemp(prefix="speciosa-topology-"))
    results: list[LoadResult] = []
    queue: list = []
    try:
        with fresh_database(args.postgres, args.database) as url:
            env = production_env(folder, url, redis_url=args.redis)
            people = seed(env, args.writers)
            queue, queue_line = start_queue(env, folder)
            print(queue_line)
            print()
            body = {"amount": 3, "unit": "g"}
            requests = [Request("/api/v1/doses", json.dumps({"product": person.product, **body}).encode(),
                                {"Authorization": f"Bearer {person.token}", **PROXY_HEADERS}) for person in people]
            for processes in args.processes:
                results.append(measure(env, requests, processes, args, folder))
    finally:
        for process in queue:
            process.stop()
        shutil.rmtree(folder, ignore_errors=True)
    base = results[0].per_second if results else 0.0
    header = (f"{'app processes':<14} {'sent':>6} {'failed':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'x vs ' + str(args.processes[0]):>8}")
    print(header)
    print("-" * len(header))
    for processes, result in zip(args.processes, results, strict=True):
        ratio = result.per_second / base if base else 0.0
        print(f"{processes:<14} {result.sent:>6} {result.failed:>6} {result.per_second:>8.1f} "
              f"{result.percentile_ms(0.50):>8.1f} {result.percentile_ms(0.95):>8.1f} {ratio:>8.2f}")
    for result in results:
        for error, count in result.errors.most_common(3):
            print(f"  ! {result.label}: {count} x {error}")
    return 1 if any(result.failed for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
