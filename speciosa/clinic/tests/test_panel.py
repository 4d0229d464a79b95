"""The clinician's panel: who is on it, its order (open urgent, then warnings, then latest activity), search,
filters, pages, scopes, the bounded re-check of changed records, and a query count that does not grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.accounts.models import User
from speciosa.clinic.domain import revoke_share
from speciosa.clinic.testing import share
from speciosa.clinic.tests.panel_data import give_plan, sharing_patient, stored_alert
from speciosa.core.plan_days import in_force
from speciosa.diary.domain import record_lab
from speciosa.diary.models import Dose
from speciosa.plans.models import PlanVersion
from speciosa.plans.queries import plan_in_force
from speciosa.safety.models import EvaluationState, StoredAlert
from speciosa.testing import make_powder

pytestmark = pytest.mark.django_db

HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


def panel_names(client: Client, **query: object) -> list[str]:
    response = client.get(reverse("clinic:panel"), query)
    assert response.status_code == 200
    return [row.patient.username for row in response.context["rows"]]


def test_open_urgent_alerts_come_first_then_warnings_then_the_latest_activity(cast):
    dave = cast.dave.user
    quiet = sharing_patient(dave, "quiet")
    recent = sharing_patient(dave, "recent", dosed_ago=HOUR)
    older = sharing_patient(dave, "older", checked_in_ago=3 * DAY)
    warned = sharing_patient(dave, "warned", dosed_ago=10 * DAY)
    urgent = sharing_patient(dave, "urgent", dosed_ago=20 * DAY)
    handled = sharing_patient(dave, "handled", dosed_ago=2 * HOUR)
    stored_alert(warned, "warning")
    stored_alert(urgent, "urgent")
    stored_alert(urgent, "info")
    stored_alert(handled, "urgent", "acknowledged")
    stored_alert(quiet, "urgent", "resolved")
    assert panel_names(cast.dave.client) == [urgent.username, warned.username, recent.username, handled.username,
                                               older.username, quiet.username]


def test_the_panel_shows_only_patients_with_an_active_share(cast):
    assert panel_names(cast.bob.client) == ["alice"]
    assert panel_names(cast.dave.client) == []
    assert panel_names(cast.erin.client) == []
    revoke_share(cast.bob_share, by=cast.alice.user)
    assert panel_names(cast.bob.client) == []


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_patients_cannot_open_the_panel(cast, who):
    assert cast.everyone()[who].client.get(reverse("clinic:panel")).status_code == 403


def test_search_matches_username_and_name(cast):
    sharing_patient(cast.bob.user, "zed")
    named = sharing_patient(cast.bob.user, "p17")
    named.first_name, named.last_name = "Ruth", "Okafor"
    named.save()
    assert panel_names(cast.bob.client, q="ZE") == ["zed"]
    assert panel_names(cast.bob.client, q="okaf") == ["p17"]
    assert panel_names(cast.bob.client, q="nobody") == []


def test_filters_narrow_to_urgent_warning_or_inactive_patients(cast):
    dave = cast.dave.user
    stored_alert(sharing_patient(dave, "urgent", dosed_ago=HOUR), "urgent", "acknowledged")
    stored_alert(sharing_patient(dave, "warned", dosed_ago=HOUR), "warning")
    sharing_patient(dave, "idle", dosed_ago=8 * DAY, checked_in_ago=9 * DAY)
    sharing_patient(dave, "never")
    assert panel_names(cast.dave.client, urgent="on") == ["urgent"]
    assert panel_names(cast.dave.client, warning="on") == ["warned"]
    assert panel_names(cast.dave.client, inactive="on") == ["idle", "never"]
    assert panel_names(cast.dave.client, urgent="on", warning="on") == []


def test_the_panel_pages_by_twenty_five(cast):
    for number in range(29):
        sharing_patient(cast.bob.user, f"p{number:02}")
    first = panel_names(cast.bob.client)
    second = panel_names(cast.bob.client, page=2)
    assert (len(first), len(second)) == (25, 5)
    assert set(first) | set(second) == {"alice", *(f"p{n:02}" for n in range(29))}
    assertContains(cast.bob.client.get(reverse("clinic:panel"), {"page": 2}), "Page 2 of 2")


def test_activity_shows_only_what_the_share_opens(cast):
    sharing_patient(cast.bob.user, "painonly", scopes=("checkins",), dosed_ago=HOUR)
    response = cast.bob.client.get(reverse("clinic:panel"), {"q": "painonly"})
    row = response.context["rows"][0]
    assert (row.patient.last_dose, row.patient.last_activity, row.adherence) == (None, None, None)
    assertContains(response, "doses not shared")


def test_without_a_plan_adherence_reads_no_plan(cast):
    response = cast.bob.client.get(reverse("clinic:panel"))
    assertContains(response, "no plan")


def test_adherence_counts_the_days_over_the_plan_in_force_on_each_day(cast):
    dave = cast.dave.user
    patient = sharing_patient(dave, "planned", time_zone="UTC")
    today = timezone.now().date()
    give_plan(patient, version=1, max_daily_leaf_g=8, max_doses_per_day=2, effective_from=today - dt.timedelta(days=40))
    give_plan(patient, version=2, max_daily_leaf_g=4, effective_from=today - dt.timedelta(days=5))
    product = make_powder(patient)
    noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    for days_ago, grams in ((1, 5), (3, 3.5), (3, 0.25), (10, 6), (12, 9), (30, 20)):  # 5 > 4; 6 < 8; 9 > 8
        Dose.objects.create(patient=patient, product=product, amount=grams, unit="g",
                            taken_at=noon - dt.timedelta(days=days_ago), leaf_equivalent_g=grams,
                            mitragynine_mg=grams * 15, hydroxymitragynine_mg=0, mitragynine_basis="lab",
                            hydroxymitragynine_basis="lab")
    for _ in range(3):  # three doses on day 20: more than version 1 allows
        Dose.objects.create(patient=patient, product=product, amount=1, unit="g",
                            taken_at=noon - dt.timedelta(days=20), leaf_equivalent_g=1, mitragynine_mg=15,
                            hydroxymitragynine_mg=0, mitragynine_basis="lab", hydroxymitragynine_basis="lab")
    [row] = cast.dave.client.get(reverse("clinic:panel"), {"q": "planned"}).context["rows"]
    assert row.adherence.to_dict() == {"has_plan": True, "days_over": 3, "days_counted": 28, "window_days": 28}
    for days_ago in range(28):
        day = today - dt.timedelta(days=days_ago)
        assert in_force(list(PlanVersion.objects.filter(patient=patient)), day) == plan_in_force(patient, on=day)


def test_patients_being_checked_say_so_sort_with_the_urgent_ones_and_reading_evaluates_nobody(cast):
    calm = [sharing_patient(cast.dave.user, f"p{number}", dosed_ago=HOUR / 2) for number in range(3)]
    waiting = [sharing_patient(cast.dave.user, f"w{number}", dosed_ago=DAY * 3) for number in range(2)]
    EvaluationState.objects.filter(patient__in=calm).update(pending_since=None)
    EvaluationState.objects.filter(patient__in=waiting).update(pending_since=timezone.now())
    response = cast.dave.client.get(reverse("clinic:panel"))
    assertContains(response, "Being checked", count=2)
    names = panel_names(cast.dave.client)
    assert set(names[:2]) == {"w0", "w1"}  # with the urgent ones, before the more recently active calm patients
    # Reading evaluates nobody: the queue's worker does (here, nothing was enqueued for the hand-set marks).
    assert EvaluationState.objects.filter(patient__in=waiting, pending_since__isnull=False).count() == 2
    urgent_only = panel_names(cast.dave.client, urgent="1")
    assert {"w0", "w1"} <= set(urgent_only) and not {"p0", "p1", "p2"} & set(urgent_only)


def test_a_write_enqueues_the_evaluation_that_brings_a_new_urgent_alert_to_the_top(
        cast, django_capture_on_commit_callbacks):
    for number in range(3):
        sharing_patient(cast.dave.user, f"p{number}", dosed_ago=HOUR / 2)
    charlie = cast.charlie.user
    share(charlie, cast.dave.user)
    with django_capture_on_commit_callbacks(execute=True):  # the commit runs the task (immediate mode in tests)
        for code, value, uln in (("ALT", 987.5, 41), ("ALP", 97, 121)):  # hepatocellular liver injury
            record_lab(charlie, by=charlie, code=code, value=value, unit="U/L", uln=uln,
                       collected_at=timezone.now() - HOUR)
    assert StoredAlert.objects.filter(patient=charlie, code="LIVER_INJURY", severity="urgent").exists()
    assert not EvaluationState.objects.filter(patient=charlie, pending_since__isnull=False).exists()
    assert panel_names(cast.dave.client)[0] == "charlie"


def queries_for_panel(client: Client, **query: object) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("clinic:panel"), query)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_patients(clinician: User, start: int, stop: int) -> None:
    for number in range(start, stop):
        patient = sharing_patient(clinician, f"p{number:03}", dosed_ago=number * HOUR, checked_in_ago=DAY)
        if number % 3 == 0:
            stored_alert(patient, "urgent")
        if number % 4 == 0:
            stored_alert(patient, "warning", "acknowledged")
        if number % 2 == 0:
            give_plan(patient)


def test_the_query_count_is_the_same_for_10_and_for_200_patients(cast):
    dave = cast.dave
    add_patients(dave.user, 0, 10)
    dave.client.get(reverse("clinic:panel"))  # the session's first request stores what the sign-in middleware notes
    few = {"plain": queries_for_panel(dave.client), "filtered": queries_for_panel(dave.client, q="p0", urgent="on"),
           "page 2": queries_for_panel(dave.client, page=2)}
    add_patients(dave.user, 10, 200)
    many = {"plain": queries_for_panel(dave.client), "filtered": queries_for_panel(dave.client, q="p0", urgent="on"),
            "page 2": queries_for_panel(dave.client, page=2)}
    assert many == few


def test_the_panel_never_names_a_patient_who_did_not_share(cast):
    page = cast.bob.client.get(reverse("clinic:panel"))
    assertContains(page, "alice")
    assertNotContains(page, "charlie")
