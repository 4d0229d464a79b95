"""Stores the synthetic demo: a clinician and the cast of patients with their simulated diaries.

Users go through the accounts domain and products through the diary domain (few rows, fully validated). The
thousands of doses, check-ins and labs are simulated in plain Python, normalised by the core, and bulk-inserted with
their revision entries, inside one transaction: a demo is loaded whole or not at all. Each patient's change is then
announced once (patient_record_changed), so the safety engine evaluates the full history.
"""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from speciosa.accounts.domain import create_user
from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.accounts.twofactor import manual_key
from speciosa.clinic.access import patients_shared_with
from speciosa.core.errors import InputError
from speciosa.demo.cast import cast
from speciosa.demo.history import History, simulate
from speciosa.demo.names import CLINICIAN_NAME, demo_name
from speciosa.demo.specs import PatientSpec
from speciosa.demo.story import ready_clinician, tell
from speciosa.diary.domain import create_product, record_medication
from speciosa.diary.domain.history import as_record
from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Checkin, Dose, LabResult, Product, Revision
from speciosa.instruments.demo import demo_responses, demo_schedule
from speciosa.instruments.models import Schedule
from speciosa.lib.signals import patient_record_changed

DEMO_PASSWORD = "kratom-demo-2026"
CLINICIAN = "clinician"
BATCH_SIZE = 2000
MAX_PATIENTS = 99

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    story: str
    name: str = ""


@dataclass(frozen=True)
class DemoSummary:
    """What a load added (all zero when the demo was already there) and who can sign in."""

    already_loaded: bool
    patients_created: int
    products: int
    doses: int
    checkins: int
    medications: int
    labs: int
    seconds: float
    logins: tuple[DemoLogin, ...]
    authenticator_key: str = ""  # the clinician's two-factor key (base32), for an authenticator app
    shared: int = 0  # patients sharing with the clinician


def load_demo(*, patients: int = 25, seed: int = 2026, min_days: int = 180, max_days: int = 540,
              progress: Progress | None = None) -> DemoSummary:
    """Loads the demo unless it is already there: users that exist are left alone, so a second run adds nothing.

    ``progress(done, total, label)`` is called after each person. Side effects: creates users `clinician` and
    `patient01`..`patientNN` (password DEMO_PASSWORD) with their products, medicines, doses, check-ins and labs;
    the clinician's authenticator (its key from the seed); and, for a new demo, the clinic's story (shares,
    plans, evaluated and acknowledged alerts, notes, one revoked share: speciosa.demo.story).
    Raises InputError naming the option that is out of range.
    """
    _check_options(patients, seed, min_days, max_days)
    started = time.perf_counter()
    specs = cast(patients, seed)
    logins = (DemoLogin(CLINICIAN, Role.CLINICIAN.value, "Clinician", " ".join(CLINICIAN_NAME)),
              *(DemoLogin(spec.username, Role.PATIENT.value, spec.story,
                          " ".join(demo_name(spec.number, spec.profile.get("sex")))) for spec in specs))
    existing = set(User.objects.filter(username__in=[login.username for login in logins])
                   .values_list("username", flat=True))
    counts = dict.fromkeys(("patients", "products", "doses", "checkins", "medications", "labs"), 0)
    total = len(logins)
    with transaction.atomic():
        if CLINICIAN not in existing:
            doctor = create_user(CLINICIAN, password=DEMO_PASSWORD, role=Role.CLINICIAN, email="clinician@example.org")
            doctor.first_name, doctor.last_name = CLINICIAN_NAME  # reports and notes say who wrote them
            doctor.save(update_fields=["first_name", "last_name"])
        clinician = User.objects.get(username=CLINICIAN)
        _report(progress, 1, total, CLINICIAN)
        now = timezone.now()
        for done, spec in enumerate(specs, start=2):
            if spec.username not in existing:
                history = simulate(spec, seed=seed, min_days=min_days, max_days=max_days,
                                   today=now.astimezone(_zone(spec)).date())
                for name, added in _store_patient(spec, history).items():
                    counts[name] += added
                counts["patients"] += 1
            _report(progress, done, total, spec.username)
        if counts["patients"] == len(specs) and CLINICIAN not in existing:  # a new demo: the clinic's story too
            story = tell(clinician, list(User.objects.filter(username__in=[spec.username for spec in specs])
                                         .order_by("username")), seed=seed)
            shared = story.shared
        else:
            shared = patients_shared_with(clinician).count()
        key = ready_clinician(clinician, seed=seed)
    return DemoSummary(
        already_loaded=not (set(login.username for login in logins) - existing),
        patients_created=counts["patients"], products=counts["products"], doses=counts["doses"],
        checkins=counts["checkins"], medications=counts["medications"], labs=counts["labs"],
        seconds=round(time.perf_counter() - started, 2), logins=logins, authenticator_key=manual_key(key),
        shared=shared,
    )


def _check_options(patients: int, seed: int, min_days: int, max_days: int) -> None:
    for field, value in (("patients", patients), ("seed", seed), ("min_days", min_days), ("max_days", max_days)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(field, "expected a whole number")
    if not 1 <= patients <= MAX_PATIENTS:
        raise InputError("patients", f"must be from 1 to {MAX_PATIENTS}")
    if not 14 <= min_days <= 3650:
        raise InputError("min_days", "must be from 14 to 3650 days")
    if not min_days <= max_days <= 3650:
        raise InputError("max_days", f"must be from min_days ({min_days}) to 3650 days")


def _report(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None:
        progress(done, total, label)


def _zone(spec: PatientSpec) -> dt.tzinfo:
    return zoneinfo.ZoneInfo(spec.profile["time_zone"])


def _store_patient(spec: PatientSpec, history: History) -> dict[str, int]:
    patient = create_user(spec.username, password=DEMO_PASSWORD, role=Role.PATIENT,
                          email=f"{spec.username}@example.org", **spec.profile)
    patient.first_name, patient.last_name = demo_name(spec.number, spec.profile.get("sex"))
    patient.save(update_fields=["first_name", "last_name"])
    lab_date = history.first_day - dt.timedelta(days=20)
    products: dict[str, Product] = {}
    for product in spec.products:
        values = dict(product.values)
        if values.get("content_basis") == "lab":
            values["lab_date"] = lab_date
        products[product.key] = create_product(patient, by=patient, **values)
    for medication in history.medications:
        record_medication(patient, by=patient, name=medication.name, rxnorm=medication.rxnorm,
                          dose_text=medication.dose_text, start=medication.start, stop=medication.stop)
    doses = []
    for event in history.doses:
        dose = Dose(patient=patient, product=products[event.product_key], amount=event.amount, unit=event.unit,
                    taken_at=event.taken_at, reason=event.reason, note=event.note)
        dose.apply(event.normalised)
        doses.append(dose)
    checkins = [Checkin(patient=patient, at=event.at, side_effects=event.side_effects, withdrawal=event.withdrawal,
                        note=event.note, **event.ratings) for event in history.checkins]
    labs = [LabResult(patient=patient, code=event.code, value=event.value, unit=event.unit, uln=event.uln,
                      collected_at=event.collected_at) for event in history.labs]
    for rows in (doses, checkins, labs):
        _bulk_create_with_revisions(patient, rows)
    # Weekly PEG and two-weekly PHQ-4 answers that follow the check-ins (the instruments app derives them).
    _bulk_create_with_revisions(patient, demo_responses(patient, history.checkins, number=spec.number))
    Schedule.objects.bulk_create(demo_schedule(patient))
    # The bulk rows bypassed the domain's per-record announcement: announce the change once, so that listeners
    # (the safety engine) see the whole history, as after any other write.
    patient_record_changed.send(sender=Dose, patient=patient, kind="dose")
    return {"products": len(products), "medications": len(history.medications), "doses": len(doses),
            "checkins": len(checkins), "labs": len(labs)}


def _bulk_create_with_revisions(patient: User, rows: list) -> None:
    """Inserts the rows and one 'created' revision for each, as the domain's single writes would have."""
    if not rows:
        return
    model = type(rows[0])
    created = model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    Revision.objects.bulk_create(_revisions(patient, created), batch_size=BATCH_SIZE)


def _revisions(patient: User, created: Iterable) -> list[Revision]:
    revisions = []
    for record in created:
        revisions.append(Revision(patient=patient, record_type=record._meta.model_name, record_id=record.pk,
                                  action=RevisionAction.CREATE, changed_by=patient, before=None,
                                  after=as_record(record)))
    return revisions
