import datetime as dt

import pytest
from django.utils import timezone

from speciosa.diary.domain import delete_lab, record_dose, record_lab
from speciosa.safety.domain import acknowledge_alert, reevaluate
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import EvaluationState, StoredAlert
from speciosa.safety.queries import current_alerts, evaluation_pending
from speciosa.safety.snapshots import build_snapshot, snapshot_data
from speciosa.testing import committed, make_patient, make_powder

pytestmark = pytest.mark.django_db


def liver_injury_draw(patient, at):
    record_lab(patient, by=patient, code="ALT", value=400, unit="U/L", uln=40, collected_at=at)
    return record_lab(patient, by=patient, code="ALP", value=120, unit="U/L", uln=120, collected_at=at)


def test_a_write_marks_the_patient_and_its_task_evaluates_after_the_commit(django_capture_on_commit_callbacks):
    alice = make_patient("alice")
    with django_capture_on_commit_callbacks() as enqueued:
        record_dose(alice, product=make_powder(alice), amount=3, unit="g",
                    taken_at=timezone.now() - dt.timedelta(days=2), by=alice)
        liver_injury_draw(alice, timezone.now() - dt.timedelta(hours=3))
        assert EvaluationState.objects.get(patient=alice).pending_since is not None
    assert enqueued  # the evaluation waits for the commit
    assert not StoredAlert.objects.filter(patient=alice).exists()  # the write itself only marked the patient
    assert [alert.code for alert in current_alerts(alice)] == [] and evaluation_pending(alice)  # reading: no check
    for callback in enqueued:
        callback()  # the commit: the task runs (at once in tests)
    assert "LIVER_INJURY" in [alert.code for alert in current_alerts(alice)]
    assert EvaluationState.objects.get(patient=alice).pending_since is None and not evaluation_pending(alice)
    stored = StoredAlert.objects.get(patient=alice, code="LIVER_INJURY")
    assert (stored.severity, stored.status) == ("urgent", "open")
    assert stored.evidence["pattern"] == "hepatocellular"
    assert stored.sources


def test_an_alert_resolves_once_its_condition_no_longer_holds_and_keeps_its_acknowledgement_until_then():
    alice = make_patient("alice")
    with committed():
        alp = liver_injury_draw(alice, timezone.now() - dt.timedelta(hours=3))
    alert = current_alerts(alice).get(code="LIVER_INJURY")
    acknowledge_alert(alert, by=alice, note="Seeing my doctor today")
    reevaluate(alice)
    assert StoredAlert.objects.get(pk=alert.pk).status == AlertStatus.ACKNOWLEDGED
    with committed():
        for lab in alice_labs(alice):
            delete_lab(lab, by=alice)
    assert alp is not None
    assert current_alerts(alice).filter(code="LIVER_INJURY").count() == 0
    resolved = StoredAlert.objects.get(pk=alert.pk)
    assert resolved.status == AlertStatus.RESOLVED
    assert list(resolved.entries.values_list("kind", "text")) == [("acknowledged", "Seeing my doctor today")]
    assert resolved.resolved_at is not None


def alice_labs(patient):
    from speciosa.diary.models import LabResult

    return list(LabResult.objects.of(patient))


def test_the_snapshot_of_a_stored_patient_parses_and_carries_their_record():
    alice = make_patient("alice", pregnant=True, conditions=["fibromyalgia"], comorbidities=["seizure_disorder"])
    record_dose(alice, product=make_powder(alice), amount=3, unit="g", by=alice)
    data = snapshot_data(alice)
    assert data["patient"]["conditions"] == ["fibromyalgia", "seizure_disorder"]
    snapshot = build_snapshot(alice)
    assert (len(snapshot.doses), snapshot.doses[0].normalised.leaf_equivalent_g, snapshot.patient.pregnant) == (
        1, 3.0, True)


def test_evaluation_reads_a_bounded_window_of_a_long_history(django_assert_max_num_queries):
    alice = make_patient("alice")
    product = make_powder(alice)
    from speciosa.diary.models import Dose

    start = timezone.now() - dt.timedelta(days=900)
    Dose.objects.bulk_create([
        Dose(patient=alice, product=product, amount=3, unit="g", taken_at=start + dt.timedelta(days=day),
             leaf_equivalent_g=3, mitragynine_mg=45, hydroxymitragynine_mg=0.3, mitragynine_basis="lab",
             hydroxymitragynine_basis="lab")
        for day in range(900)
    ])
    as_of = start + dt.timedelta(days=900)
    data = snapshot_data(alice, as_of=as_of)
    assert len(data["doses"]) == 120 + 14  # the last 120 days and the first 14 days of use
    assert len(snapshot_data(alice, as_of=as_of, full=True)["doses"]) == 900
    with django_assert_max_num_queries(10):
        snapshot_data(alice)
