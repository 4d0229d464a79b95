"""Server time of every patient page, for the demo patient with the most data (goal: 150 ms each).

Uses the demo database in SPECIOSA_HOME (loads the demo there first if it is missing), signs in as the demo patient
with the most doses and check-ins, and times each page through Django's test client (middleware, session, view,
template; no network), as the median of repeated requests after one warm-up. The charts pages are also timed cold:
the first request after the patient's record changed, which draws the charts again (the cache keeps them until the
next change).

    SPECIOSA_HOME=/tmp/demo .venv/bin/python benchmarks/patient_pages.py
    SPECIOSA_HOME=/tmp/demo .venv/bin/python benchmarks/patient_pages.py --repeat 9

Exit status 1 when a page's median misses the goal.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOAL_MS = 150.0
PAGES = (
    ("Today", "/"), ("Alerts", "/safety/alerts/"), ("Timeline", "/timeline/"), ("Log a dose", "/doses/new/"),
    ("Check in", "/checkins/new/"), ("Check-ins", "/checkins/"), ("Products", "/products/"),
    ("Medicines", "/medications/"), ("Labs", "/labs/"), ("Profile", "/profile/"),
    ("Questionnaires", "/questionnaires/"), ("Questionnaire results", "/questionnaires/results/"),
    ("My plan", "/plans/"), ("Sharing", "/clinic/sharing/"), ("Who looked", "/audit/"),
    ("Charts 30 days", "/reports/charts/?days=30"), ("Charts 90 days", "/reports/charts/?days=90"),
    ("Charts 365 days", "/reports/charts/?days=365"), ("Safety checks", "/safety/rules/"),
    ("Privacy", "/accounts/privacy/"), ("Offline page", "/offline/"),
)


def timed(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from speciosa.accounts.models import User
    from speciosa.demo import load_demo
    from speciosa.lib.signals import patient_record_changed

    setup_test_environment()  # the test client's ALLOWED_HOSTS; nothing else changes
    call_command("migrate", verbosity=0, interactive=False)
    if not User.objects.filter(role="patient").exists():
        print("Loading the demo (once) ...", flush=True)
        load_demo()
    patient = _busiest()
    client = Client()
    client.force_login(patient)
    print(f"Patient {patient.username}: the demo patient with the most doses and check-ins; "
          f"median of {args.repeat} requests after a warm-up (ms), goal {GOAL_MS:.0f} ms")
    missed = []
    for label, url in PAGES:
        status = timed(client, url)[1]
        samples = [timed(client, url)[0] for _ in range(args.repeat)]
        median = statistics.median(samples)
        flag = "" if median <= GOAL_MS else "  <- over the goal"
        if median > GOAL_MS:
            missed.append(label)
        print(f"  {label:<24} {url:<28} {status}  median {median:6.1f}  max {max(samples):6.1f}{flag}")
    print("Charts drawn again after a change to the record (cold cache):")
    for days in (30, 90, 365):
        url = f"/reports/charts/?days={days}"
        colds = []
        for _ in range(3):
            patient_record_changed.send(sender=User, patient=patient, kind="bench")
            colds.append(timed(client, url)[0])
        print(f"  Charts {days} days cold        median {statistics.median(colds):6.1f}")
    if missed:
        print(f"Over {GOAL_MS:.0f} ms: {', '.join(missed)}")
        return 1
    return 0


def _busiest():
    from speciosa.accounts.models import User
    from speciosa.diary.models import Checkin, Dose

    def records(user: User) -> int:
        return Dose.objects.of(user).count() + Checkin.objects.of(user).count()

    return max(User.objects.filter(role="patient"), key=records)


if __name__ == "__main__":
    sys.exit(main())
