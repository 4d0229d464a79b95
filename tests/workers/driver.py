"""A second process's hands on the site a worker test runs (python -m tests.workers.driver COMMAND): it sets up the
people, holds a lock, and reports the state, through the same environment as the site's processes.

    seed          a clinician and a patient who shares with them (+ tokens); prints JSON
    hold SECONDS  locks the patient's evaluation row (as an evaluation would), so a worker blocks mid-evaluation
    state ID      the patient's pending mark, urgent alerts and sent e-mails, as JSON
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")
    import django

    django.setup()
    command = argv[0]
    if command == "seed":
        print(json.dumps(seed(int(argv[1]) if len(argv) > 1 else 1)))
    elif command == "hold":
        hold(int(argv[1]), float(argv[2]))
    elif command == "state":
        print(json.dumps(state([int(pk) for pk in argv[1:]])))
    else:
        raise SystemExit(f"unknown command {command!r}")


def seed(patients: int) -> dict[str, object]:
    from speciosa.accounts.domain import create_user
    from speciosa.accounts.enums import Role
    from speciosa.accounts.tokens import issue_token
    from speciosa.clinic.testing import share
    from speciosa.safety.tasks import sweep
    from speciosa.testing import enrol_authenticator

    clinician = create_user("dr-queue", password="queue-test-password", role=Role.CLINICIAN,
                            email="dr-queue@example.org", check_password=False)
    enrol_authenticator(clinician)  # a clinician's token needs a second factor behind it
    people = []
    for number in range(patients):
        patient = create_user(f"patient{number:03}", password="queue-test-password", role=Role.PATIENT,
                              email=f"patient{number:03}@example.org", check_password=False)
        share(patient, clinician)
        people.append({"id": patient.pk, "token": issue_token(patient)})
    sweep()  # every new patient evaluated once: the start is "nothing pending"
    return {"clinician": clinician.pk, "clinician_token": issue_token(clinician), "patients": people}


def hold(patient_id: int, seconds: float) -> None:
    from django.db import transaction

    from speciosa.safety.models import EvaluationState

    with transaction.atomic():
        EvaluationState.objects.select_for_update().get(patient_id=patient_id)
        print("held", flush=True)
        time.sleep(seconds)


def state(patient_ids: list[int]) -> dict[str, object]:
    from speciosa.clinic.models import AlertNotification
    from speciosa.safety.models import EvaluationState, StoredAlert

    return {
        "pending": sorted(EvaluationState.objects.filter(patient_id__in=patient_ids, pending_since__isnull=False)
                          .values_list("patient_id", flat=True)),
        "urgent": sorted(StoredAlert.objects.filter(patient_id__in=patient_ids, severity="urgent")
                         .values_list("code", flat=True)),
        "sent": AlertNotification.objects.filter(alert__patient_id__in=patient_ids, sent_at__isnull=False).count(),
        "notifications": AlertNotification.objects.filter(alert__patient_id__in=patient_ids).count(),
    }


if __name__ == "__main__":
    main(sys.argv[1:])
