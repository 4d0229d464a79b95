"""Prepares a benchmark database: migrations, then one patient per writer with a powder and a bearer token.

Run by bench_log_dose.py in a child process (Django settings are read once per process, and each backend needs its
own): `python -m benchmarks.seed WRITERS` prints a JSON list of {"patient", "product", "token"}.
"""

from __future__ import annotations

import json
import sys


def seed(writers: int) -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from speciosa.accounts.domain import create_user
    from speciosa.accounts.enums import Role
    from speciosa.accounts.tokens import issue_token
    from speciosa.diary.domain import create_product

    people = []
    for number in range(1, writers + 1):
        patient = create_user(f"bench{number:02d}", password="bench-password-unused", role=Role.PATIENT,
                              check_password=False, time_zone="America/New_York")
        product = create_product(patient, by=patient, name="Bench red powder", form="powder",
                                 mitragynine_content=15.0, hydroxymitragynine_content=0.1, content_basis="label",
                                 favourite=True, usual_amount=3, usual_unit="g")
        people.append({"patient": patient.pk, "product": product.pk, "token": issue_token(patient, label="bench")})
    return people


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]))))
