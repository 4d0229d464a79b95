"""The nightly evaluation of every patient (issue 12): 1,000 and 10,000 patients, batched, on a fresh database.

Each patient has a profile, a product and 30 days of two doses a day (bulk-inserted: the seeding is not measured).
Measured: `evaluate_batch_now` over `patient_batches()` (what the nightly task fans out to the workers, and what
`speciosa evaluate --all` runs in one process), seconds (wall clock and CPU) in total and per patient, and the CPU
time per patient as a ratio to the first size: the time should grow linearly (ratio about 1).

    python benchmarks/nightly_sweep.py                    # 1,000 and 10,000 patients on SQLite
    python benchmarks/nightly_sweep.py --sizes 500,2000
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_sweep python benchmarks/nightly_sweep.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def child(size: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from speciosa.accounts.enums import Role
    from speciosa.accounts.models import PatientProfile, User
    from speciosa.diary.models import Dose, Product
    from speciosa.safety.tasks import evaluate_batch_now, patient_batches

    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create([User(username=f"sweep{n:05}", role=Role.PATIENT, password="!")
                                          for n in range(size)], batch_size=1000)
        PatientProfile.objects.bulk_create([PatientProfile(user=user, time_zone="America/New_York",
                                                           jurisdiction="US-FL") for user in users], batch_size=1000)
        products = Product.objects.bulk_create([
            Product(patient=user, name="Red powder", form="powder", mitragynine_content=15,
                    hydroxymitragynine_content=0.1, content_basis="lab") for user in users], batch_size=1000)
        doses = [Dose(patient=product.patient, product=product, amount=3, unit="g",
                      taken_at=now - dt.timedelta(days=day, hours=hour), leaf_equivalent_g=3, mitragynine_mg=45,
                      hydroxymitragynine_mg=0.3, mitragynine_basis="lab", hydroxymitragynine_basis="lab")
                 for product in products for day in range(30) for hour in (2, 10)]
        Dose.objects.bulk_create(doses, batch_size=5000)
    started, cpu_started = time.perf_counter(), time.process_time()
    done = sum(evaluate_batch_now(ids) for ids in patient_batches())
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(json.dumps({"patients": done, "seconds": seconds, "cpu": cpu}))


def fresh_database(url: str) -> str:
    """Drops and creates the PostgreSQL database of ``url`` (each size starts empty, as on SQLite); returns ``url``."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    # CPU seconds beside the wall clock: on a shared machine the wall clock measures the neighbours too, and the
    # per-patient ratio to the first size is what says whether the sweep grows linearly (1.0: exactly).
    print(f"{'patients':>9} {'seconds':>9} {'cpu s':>7} {'ms/patient':>11} {'cpu ms/pt':>10} {'ratio':>6}")
    first: float | None = None
    for size in [int(text) for text in args.sizes.split(",")]:
        env = {**os.environ, "SPECIOSA_HOME": tempfile.mkdtemp(prefix="speciosa-sweep-"),
               "SPECIOSA_TASKS_IMMEDIATE": "1", "PYTHONPATH": str(REPO)}
        if os.environ.get("BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = fresh_database(os.environ["BENCH_DATABASE_URL"])
        done = subprocess.run([sys.executable, __file__, "--child", str(size)], env=env, cwd=REPO,
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-3000:])
            return 2
        result = json.loads(done.stdout.strip().splitlines()[-1])
        per_patient = 1000 * result["seconds"] / result["patients"]
        cpu_per_patient = 1000 * result["cpu"] / result["patients"]
        first = first or cpu_per_patient
        print(f"{result['patients']:>9,} {result['seconds']:>9.1f} {result['cpu']:>7.1f} {per_patient:>11.1f} "
              f"{cpu_per_patient:>10.1f} {cpu_per_patient / first:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
