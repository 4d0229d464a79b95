"""Write -> stored alert latency through the task queue, on the embedded default and on Redis (issue 12: p95 < 5 s).

A real site in subprocesses (tests/workers/site.py): `speciosa serve` on 127.0.0.1 with its own worker threads on a
SQLite queue, or `speciosa serve` + two `speciosa worker` processes + `speciosa scheduler` on Redis. N patients
share with one clinician; each round posts liver tests that meet the drug-induced liver injury criteria for one
patient, then polls the stored alerts (a reader that never evaluates) until the urgent alert is there. Printed:
p50, p95 and max seconds from the committed write (its 201) to the stored alert, per queue.

    python benchmarks/alert_latency.py                 # 30 rounds per queue
    python benchmarks/alert_latency.py --rounds 10 --queues sqlite
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.workers.site import TEST_REDIS_URL, Site, free_port, redis_answers, urgent_draw  # noqa: E402

GOAL_P95 = 5.0


def measure(queue: str, rounds: int) -> list[float]:
    home = Path(tempfile.mkdtemp(prefix=f"speciosa-latency-{queue}-"))
    site = Site(home, redis_url=TEST_REDIS_URL if queue == "redis" else "",
                database_url=os.environ.get("BENCH_DATABASE_URL", ""))
    site.env["SPECIOSA_QUEUE_NAME"] = f"speciosa-bench-{uuid.uuid4().hex[:8]}"
    site.migrate()
    seeded = site.driver("seed", str(rounds))
    try:
        if queue == "redis":
            site.cli("worker", "--workers", "2", log="worker1")
            site.cli("worker", "--workers", "2", log="worker2")
            site.cli("scheduler", log="scheduler")
        site.serve(free_port())
        time.sleep(2)  # workers up
        latencies = []
        for patient in seeded["patients"]:
            statuses = urgent_draw(site, patient["token"])
            written = time.monotonic()
            assert statuses == [201, 201], statuses
            while True:
                status, page = site.get("/api/v1/alerts?status=current", token=patient["token"])
                if status == 200 and page["evaluation"] == "current" and any(
                        item["code"] == "LIVER_INJURY" for item in page["items"]):
                    break
                if time.monotonic() - written > 60:
                    raise RuntimeError(f"no alert after 60 s ({queue})")
                time.sleep(0.02)
            latencies.append(time.monotonic() - written)
        return latencies
    finally:
        site.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--queues", default="sqlite,redis")
    args = parser.parse_args()
    failed = False
    print(f"{'queue':<8} {'rounds':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}  goal p95 < {GOAL_P95:.0f} s")
    for queue in args.queues.split(","):
        if queue == "redis" and not redis_answers(TEST_REDIS_URL):
            print(f"{queue:<8} skipped: no Redis at {TEST_REDIS_URL} (set SPECIOSA_TEST_REDIS_URL)")
            continue
        values = sorted(measure(queue, args.rounds))
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(f"{queue:<8} {len(values):>6} {statistics.median(values):>7.2f} {p95:>7.2f} {values[-1]:>7.2f}  "
              f"{'ok' if p95 < GOAL_P95 else 'MISSED'}")
        failed |= p95 >= GOAL_P95
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
