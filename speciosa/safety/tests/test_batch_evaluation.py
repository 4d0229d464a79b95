"""The nightly evaluation reads and stores a whole batch of patients at once: each patient's snapshot in a batch is
the one they get alone, a batch costs the same number of queries for 5 patients as for 50, and the batch opens,
refreshes, escalates and resolves alerts as a single evaluation does."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import PatientProfile, User
from speciosa.clinic.tests.panel_data import give_plan, stored_alert
from speciosa.diary.domain import delete_product, record_checkin, record_dose, record_lab, record_medication
from speciosa.diary.models import Checkin, Dose, Product
from speciosa.instruments.domain import record_response
from speciosa.safety.domain import acknowledge_alert
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import EvaluationState, StoredAlert
from speciosa.safety.signals import alert_opened
from speciosa.safety.snapshots import snapshot_data, snapshots_data
from speciosa.safety.tasks import evaluate_batch_now
from speciosa.testing import make_patient, make_powder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _history(patient: User, product: Product, *, first_day_ago: int) -> None:
    """A dose a day from ``first_day_ago`` days ago to yesterday, and a check-in every tenth day (bulk: no
    evaluation runs, as for data that was already there)."""
    now = timezone.now()
    Dose.objects.bulk_create([
        Dose(patient=patient, product=product, amount=3, unit="g", taken_at=now - day * DAY, leaf_equivalent_g=3,
             mitragynine_mg=45, hydroxymitragynine_mg=0.3, mitragynine_basis="lab", hydroxymitragynine_basis="lab")
        for day in range(1, first_day_ago + 1)])
    Checkin.objects.bulk_create([Checkin(patient=patient, at=now - day * DAY + dt.timedelta(hours=1), pain_now=6)
                                 for day in range(1, first_day_ago + 1, 10)])


def _varied_patients() -> dict[str, User]:
    """Patients whose snapshots differ in every part: none of anything, no profile at all, a long history (its
    baseline outside the recent window), labs, medicines, questionnaires and plans, and another time zone."""
    now = timezone.now()
    bare = make_patient("bare")
    no_profile = User.objects.create(username="noprofile", role=Role.PATIENT)
    long = make_patient("long", conditions=["fibromyalgia"])
    long_powder = make_powder(long)
    _history(long, long_powder, first_day_ago=400)
    gone = make_powder(long, name="Old capsules")
    record_dose(long, product=gone, amount=2, unit="g", taken_at=now - 3 * DAY, by=long)
    delete_product(gone, by=long)  # a deleted product still shows where a dose in the window used it
    clinical = make_patient("clinical", pregnant=True, comorbidities=["seizure_disorder"])
    powder = make_powder(clinical)
    _history(clinical, powder, first_day_ago=50)
    record_lab(clinical, by=clinical, code="ALT", value=80, unit="U/L", uln=40, collected_at=now - 10 * DAY)
    record_lab(clinical, by=clinical, code="AST", value=30, unit="U/L", uln=40, collected_at=now - 900 * DAY)
    record_medication(clinical, by=clinical, name="Sertraline", rxnorm="36437", start=dt.date(2025, 1, 4))
    record_medication(clinical, by=clinical, name="Tramadol", rxnorm="10689")
    record_response(clinical, instrument="dsm5-kud", answers=[1] * 11, at=now - 300 * DAY, by=clinical)
    record_response(clinical, instrument="nrs", answers=[5], at=now - 200 * DAY, by=clinical)
    record_response(clinical, instrument="nrs", answers=[6], at=now - 2 * DAY, by=clinical)
    give_plan(clinical, version=1, effective_from=timezone.localdate() - 300 * DAY, max_daily_leaf_g=8)
    give_plan(clinical, version=2, effective_from=timezone.localdate() - 20 * DAY, max_daily_leaf_g=6)
    tokyo = make_patient("tokyo", time_zone="Asia/Tokyo", jurisdiction="")
    record_dose(tokyo, product=make_powder(tokyo), amount=4, unit="g", taken_at=now - 2 * DAY, by=tokyo)
    give_plan(tokyo, version=1, effective_from=timezone.localdate() - 5 * DAY, max_daily_leaf_g=5)
    record_checkin(tokyo, by=tokyo, at=now - DAY, pain_now=3)
    return {"bare": bare, "no profile": no_profile, "long": long, "clinical": clinical, "tokyo": tokyo}


def _shape(data: dict) -> tuple[int, ...]:
    return tuple(len(data[part]) for part in ("products", "doses", "checkins", "labs", "medications",
                                               "questionnaires", "plans"))


@pytest.mark.parametrize(("full", "shapes"), [
    (False, {"bare": (0, 0, 0, 0, 0, 0, 0), "no profile": (0, 0, 0, 0, 0, 0, 0),
             "long": (2, 119 + 14 + 1, 12 + 1, 0, 0, 0, 0), "clinical": (1, 50, 5, 1, 2, 2, 2),
             "tokyo": (1, 1, 1, 0, 0, 0, 1)}),
    (True, {"bare": (0, 0, 0, 0, 0, 0, 0), "no profile": (0, 0, 0, 0, 0, 0, 0),
            "long": (2, 401, 40, 0, 0, 0, 0), "clinical": (1, 50, 5, 2, 2, 3, 2),
            "tokyo": (1, 1, 1, 0, 0, 0, 1)}),
])
def test_each_patients_snapshot_in_a_batch_is_the_one_they_get_alone(full, shapes):
    patients = _varied_patients()
    as_of = timezone.now()
    batch = snapshots_data([patient.pk for patient in patients.values()], as_of=as_of, full=full)
    alone = {name: snapshot_data(patient, as_of=as_of, full=full) for name, patient in patients.items()}
    assert {name: batch[patient.pk] for name, patient in patients.items()} == alone
    assert {name: _shape(data) for name, data in alone.items()} == shapes
    assert (alone["no profile"]["patient"], alone["tokyo"]["patient"]["time_zone"]) == ({"conditions": []},
                                                                                         "Asia/Tokyo")


def _seeded(count: int, *, prefix: str) -> list[int]:
    """``count`` patients as the nightly benchmark seeds them: a profile, a lab-tested powder, 30 days of doses."""
    now = timezone.now()
    users = User.objects.bulk_create([User(username=f"{prefix}{n}", role=Role.PATIENT) for n in range(count)])
    PatientProfile.objects.bulk_create([PatientProfile(user=user, time_zone="America/New_York",
                                                       jurisdiction="US-FL") for user in users])
    products = Product.objects.bulk_create([
        Product(patient=user, name="Red powder", form="powder", mitragynine_content=15,
                hydroxymitragynine_content=0.1, content_basis="lab") for user in users])
    Dose.objects.bulk_create([
        Dose(patient=product.patient, product=product, amount=3 + (n % 3) * 4, unit="g",
             taken_at=now - dt.timedelta(days=day, hours=hour), leaf_equivalent_g=3 + (n % 3) * 4,
             mitragynine_mg=45, hydroxymitragynine_mg=0.3, mitragynine_basis="lab", hydroxymitragynine_basis="lab")
        for n, product in enumerate(products) for day in range(30) for hour in (2, 10)])
    return [user.pk for user in users]


def _queries(patient_ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert evaluate_batch_now(patient_ids) == len(patient_ids)
    return len(captured.captured_queries)


def _inserts(alerts: int) -> int:
    """INSERT statements for ``alerts`` new rows: Django splits them to stay under SQLite's historical limit of 999
    parameters a statement (one statement on PostgreSQL)."""
    fields = [field for field in StoredAlert._meta.concrete_fields if not field.primary_key]
    return -(-alerts // connection.ops.bulk_batch_size(fields, [None] * alerts))


def test_a_batch_of_50_patients_costs_the_queries_of_a_batch_of_5():
    five, fifty = _seeded(5, prefix="five"), _seeded(50, prefix="fifty")
    first = (_queries(five), _queries(fifty))  # alerts open: one for all, DOSE_HIGH for the 22 g a day third
    opened = (StoredAlert.objects.filter(patient_id__in=five).count(),
              StoredAlert.objects.filter(patient_id__in=fifty).count())
    assert opened == (5 + 1, 50 + 16)
    assert first[1] - first[0] == _inserts(opened[1]) - _inserts(opened[0])
    assert first[0] <= 20
    again = (_queries(five), _queries(fifty))  # the same alerts still firing: nothing to insert
    assert again[0] == again[1] <= first[0]


def test_a_batch_opens_escalates_refreshes_and_resolves_as_single_evaluations_do():
    now = timezone.now()
    opens, escalates, resolves, stays = (make_patient(name) for name in ("opens", "escalates", "resolves", "stays"))
    for patient in (opens, escalates):
        record_lab(patient, by=patient, code="ALT", value=987.5, unit="U/L", uln=41, collected_at=now - DAY)
        record_lab(patient, by=patient, code="ALP", value=97, unit="U/L", uln=121, collected_at=now - DAY)
    warning = stored_alert(escalates, "warning", code="LIVER_INJURY")
    gone = stored_alert(resolves, "urgent", code="LIVER_INJURY")
    record_lab(stays, by=stays, code="ALT", value=987.5, unit="U/L", uln=41, collected_at=now - DAY)
    record_lab(stays, by=stays, code="ALP", value=97, unit="U/L", uln=121, collected_at=now - DAY)
    evaluate_batch_now([stays.pk])
    kept = StoredAlert.objects.get(patient=stays, code="LIVER_INJURY")
    acknowledge_alert(kept, by=stays, note="Seeing my doctor")
    announced = []

    def heard(sender, *, alert, patient, escalated, **kwargs):
        announced.append((patient.username, alert.code, alert.severity, escalated, alert.pk is not None))

    alert_opened.connect(heard)
    try:
        assert evaluate_batch_now([p.pk for p in (opens, escalates, resolves, stays)], as_of=now) == 4
    finally:
        alert_opened.disconnect(heard)
    assert sorted(announced) == [("escalates", "LIVER_INJURY", "urgent", True, True),
                                 ("opens", "LIVER_INJURY", "urgent", False, True)]
    rows = {(a.patient.username, a.code): (a.pk, a.severity, a.status)
            for a in StoredAlert.objects.filter(code="LIVER_INJURY").select_related("patient")}
    assert rows == {("opens", "LIVER_INJURY"): (rows[("opens", "LIVER_INJURY")][0], "urgent", AlertStatus.OPEN),
                    ("escalates", "LIVER_INJURY"): (warning.pk, "urgent", AlertStatus.OPEN),
                    ("resolves", "LIVER_INJURY"): (gone.pk, "urgent", AlertStatus.RESOLVED),
                    ("stays", "LIVER_INJURY"): (kept.pk, "urgent", AlertStatus.ACKNOWLEDGED)}
    escalated = StoredAlert.objects.get(pk=warning.pk)
    assert (escalated.title, escalated.evidence["pattern"], escalated.last_seen) == (
        kept.title, "hepatocellular", now)
    assert StoredAlert.objects.get(pk=gone.pk).resolved_at == now
    assert list(EvaluationState.objects.filter(patient__in=[opens, escalates, resolves, stays])
                .values_list("pending_since", "evaluated_at").distinct()) == [(None, now)]


def test_one_patient_whose_record_cannot_be_read_costs_only_themselves():
    fine, broken = make_patient("fine"), make_patient("broken")
    for patient in (fine, broken):
        record_lab(patient, by=patient, code="ALT", value=987.5, unit="U/L", uln=41, collected_at=timezone.now() - DAY)
        record_lab(patient, by=patient, code="ALP", value=97, unit="U/L", uln=121, collected_at=timezone.now() - DAY)
    Product.objects.filter(pk=make_powder(broken).pk).update(form="gummy")  # a row no form check ever let in
    assert evaluate_batch_now([fine.pk, broken.pk]) == 1
    assert list(StoredAlert.objects.filter(patient__in=[fine, broken]).values_list("patient__username", "code")) == [
        ("fine", "LIVER_INJURY")]
    assert EvaluationState.objects.get(patient=broken).pending_since is not None  # the sweep tries again
