"""The alerts API: alice sees and acknowledges her own alerts; charlie, bob and strangers get nothing of hers."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.http import HttpResponse
from django.test import Client

from speciosa.core.evidence_library import for_rule
from speciosa.core.safety.registry import get_rule
from speciosa.core.snapshot import SCHEMA, parse_snapshot
from speciosa.diary.domain import create_product, delete_lab, record_dose
from speciosa.safety.domain import evaluate_if_pending
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import leaks, open_liver_injury, the_alt_of
from speciosa.testing import Cast, committed

pytestmark = pytest.mark.django_db

NOON_IN_NEW_YORK = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        yield


@pytest.fixture
def liver_alert(cast: Cast) -> StoredAlert:
    return open_liver_injury(cast.alice.user)


def codes(response: HttpResponse) -> list[tuple[str, str, str]]:
    assert response.status_code == 200, response.content
    return [(item["code"], item["severity"], item["status"]) for item in response.json()["items"]]


def post_json(client: Client, url: str, body: dict, **extra: Any) -> HttpResponse:
    return client.post(url, body, content_type="application/json", **extra)


def test_alice_lists_her_current_alerts_most_severe_first(cast, liver_alert):
    alice = cast.alice.user
    untested = create_product(alice, by=alice, name="Unlabelled green", form="powder")
    record_dose(alice, product=untested, amount=2, unit="g", by=alice)  # its task waits for a commit
    pending = cast.alice.client.get("/api/v1/alerts").json()  # so the last evaluation's alerts, being checked
    assert (pending["evaluation"], [item["code"] for item in pending["items"]]) == (
        "pending", ["INTERACTION_CNS_DEPRESSANT", "LIVER_INJURY"])
    evaluate_if_pending(alice.pk)  # what the write's task runs
    response = cast.alice.client.get("/api/v1/alerts")
    assert response.json()["evaluation"] == "current"
    assert codes(response) == [("INTERACTION_CNS_DEPRESSANT", "urgent", "open"), ("LIVER_INJURY", "urgent", "open"),
                               ("PRODUCT_NOT_LAB_TESTED", "info", "open")]
    assert response.json()["count"] == 3


def test_the_list_item_shows_the_alert_in_plain_words_and_its_times(cast, liver_alert):
    item = next(i for i in cast.alice.client.get("/api/v1/alerts").json()["items"] if i["code"] == "LIVER_INJURY")
    assert item == {
        "id": liver_alert.pk, "code": "LIVER_INJURY", "group": "liver", "severity": "urgent", "status": "open",
        "title": liver_alert.title, "message": liver_alert.message, "action": liver_alert.action,
        "clinical_title": liver_alert.clinical_title, "clinical_message": liver_alert.clinical_message,
        "rule_version": 2,
        "first_seen": "2026-11-20T17:00:00Z", "last_seen": "2026-11-20T17:00:00Z", "resolved_at": None,
        "acknowledged_at": None, "acknowledged_by": None,
    }
    assert item["action"].startswith("Stop taking kratom. Contact your clinician today.")
    assert item["title"] == "Your liver test shows liver damage" and "ALT 24.1x ULN" in item["clinical_message"]


def test_the_detail_carries_the_inputs_sources_rule_and_evidence_entries(cast, liver_alert):
    body = cast.alice.client.get(f"/api/v1/alerts/{liver_alert.pk}").json()
    rule = get_rule("LIVER_INJURY")
    drawn = "2026-11-20T16:50:00+00:00"
    assert body["evidence"] == {
        "criteria": ["ALT >= 5x ULN"], "r_ratio": 30.04, "pattern": "hepatocellular", "r_kind": "R",
        "r_drawn_at": drawn, "alp_origin": None, "x_uln": {"ALP": 0.8, "ALT": 24.09}, "age_days": {"ALP": 0, "ALT": 0},
        "labs": [{"code": "ALT", "value": 987.5, "unit": "U/L", "uln": 41.0, "x_uln": 24.09, "collected_at": drawn},
                 {"code": "ALP", "value": 97.0, "unit": "U/L", "uln": 121.0, "x_uln": 0.8, "collected_at": drawn}],
    }
    assert body["sources"] == [source.to_dict() for source in rule.sources]
    assert body["rule"] == {
        "code": "LIVER_INJURY", "version": rule.version, "title": rule.title, "plain_title": rule.plain_title,
        "plain_summary": rule.plain_summary, "family": "liver",
        "severities": ["urgent"], "evidence_level": "guideline",
        "evidence_level_text": "A clinical guideline or an agency's published standard",
        "what_it_checks": rule.section("What it checks"), "why": rule.section("Why"),
        "known_limits": rule.section("Known limits"), "sources": [source.to_dict() for source in rule.sources],
        "evidence_entries": ["liver-at-higher-doses"],
    }
    entry = for_rule("LIVER_INJURY")[0].to_dict()
    assert body["evidence_entries"] == [{key: entry[key] for key in
                                         ("id", "claim", "verdict", "grade", "summary", "plain", "sources")}]


def test_alice_acknowledges_an_alert_with_a_note_and_it_stays_current(cast, liver_alert):
    url = f"/api/v1/alerts/{liver_alert.pk}/acknowledge"
    response = post_json(Client(), url, {"note": "Seeing Dr Lee this afternoon"}, headers=cast.alice.bearer())
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["acknowledged_by"], body["acknowledged_at"]) == (
        "acknowledged", "alice", "2026-11-20T17:00:00Z")
    entries = cast.alice.client.get(f"/api/v1/alerts/{liver_alert.pk}/entries").json()
    assert [(e["kind"], e["role"], e["author"], e["text"], e["hidden"]) for e in entries] == [
        ("acknowledged", "patient", "alice", "Seeing Dr Lee this afternoon", False)]
    assert codes(cast.alice.client.get("/api/v1/alerts?status=acknowledged")) == [
        ("LIVER_INJURY", "urgent", "acknowledged")]
    assert ("LIVER_INJURY", "urgent", "acknowledged") in codes(cast.alice.client.get("/api/v1/alerts"))


def test_acknowledging_through_the_session_needs_the_csrf_token(cast, liver_alert):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice.user)
    client.get("/")  # the page sets the csrftoken cookie
    url = f"/api/v1/alerts/{liver_alert.pk}/acknowledge"
    refused = post_json(client, url, {"note": "forged"})
    assert (refused.status_code, [item["field"] for item in refused.json()["detail"]]) == (403, ["X-CSRFToken"])
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN
    accepted = post_json(client, url, {"note": ""}, headers={"X-CSRFToken": client.cookies["csrftoken"].value})
    assert (accepted.status_code, accepted.json()["status"]) == (200, "acknowledged")


@pytest.mark.parametrize(("note", "message"), [
    ("called\x00the clinic", "contains a NUL character, which cannot be stored"),
    ("x" * 4001, "String should have at most 4000 characters"),
])
def test_a_bad_note_is_refused_naming_the_note_and_nothing_changes(cast, liver_alert, note, message):
    response = post_json(cast.alice.client, f"/api/v1/alerts/{liver_alert.pk}/acknowledge", {"note": note})
    assert (response.status_code, response.json()) == (422, {"detail": [{"field": "note", "message": message}]})
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN


def test_a_note_that_is_not_text_or_an_unknown_field_is_refused(cast, liver_alert):
    url = f"/api/v1/alerts/{liver_alert.pk}/acknowledge"
    not_text = post_json(cast.alice.client, url, {"note": 5})
    unknown = post_json(cast.alice.client, url, {"note": "", "status": "resolved"})
    assert [(r.status_code, [i["field"] for i in r.json()["detail"]]) for r in (not_text, unknown)] == [
        (422, ["note"]), (422, ["status"])]


def test_a_resolved_alert_is_listed_as_resolved_and_can_no_longer_be_acknowledged(cast, liver_alert):
    alice = cast.alice.user
    with committed():
        delete_lab(the_alt_of(alice), by=alice)
    client = cast.alice.client
    assert codes(client.get("/api/v1/alerts?status=resolved")) == [("LIVER_INJURY", "urgent", "resolved")]
    assert codes(client.get("/api/v1/alerts")) == [("INTERACTION_CNS_DEPRESSANT", "urgent", "open")]
    assert codes(client.get("/api/v1/alerts?status=all")) == [("INTERACTION_CNS_DEPRESSANT", "urgent", "open"),
                                                              ("LIVER_INJURY", "urgent", "resolved")]
    detail = client.get(f"/api/v1/alerts/{liver_alert.pk}").json()
    assert (detail["status"], detail["resolved_at"]) == ("resolved", "2026-11-20T17:00:00Z")
    late = post_json(client, f"/api/v1/alerts/{liver_alert.pk}/acknowledge", {"note": "too late"})
    assert (late.status_code, late.json()) == (
        422, {"detail": [{"field": "status", "message": "this alert is already resolved"}]})


def test_an_unknown_status_filter_is_refused_naming_status(cast):
    response = cast.alice.client.get("/api/v1/alerts?status=closed")
    assert (response.status_code, [item["field"] for item in response.json()["detail"]]) == (422, ["status"])


def test_charlie_finds_none_of_alices_alerts_and_cannot_acknowledge_them(cast, liver_alert):
    client = cast.charlie.client
    url = f"/api/v1/alerts/{liver_alert.pk}"
    responses = [client.get(url), post_json(client, f"{url}/acknowledge", {"note": "not mine"})]
    assert [(r.status_code, [item["field"] for item in r.json()["detail"]]) for r in responses] == [
        (404, ["id"]), (404, ["id"])]
    assert [leaks(r.content.decode()) for r in responses] == [[], []]
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN


def test_charlies_lists_hold_only_his_own_alerts(cast, liver_alert):
    client = cast.charlie.client
    for status in ("current", "all", "open"):
        response = client.get(f"/api/v1/alerts?status={status}")
        assert codes(response) == [("INTERACTION_CNS_DEPRESSANT", "urgent", "open"),
                                   ("PRODUCT_ILLEGAL", "warning", "open")]
        assert set(item["id"] for item in response.json()["items"]).isdisjoint({liver_alert.pk})
        assert leaks(response.content.decode()) == []
    assert leaks(client.get("/api/v1/me/snapshot").content.decode()) == []


def test_the_markers_would_show_a_leak(cast, liver_alert):
    # The same requests by alice carry her figures, so their absence from charlie's answers means something.
    assert leaks(cast.alice.client.get(f"/api/v1/alerts/{liver_alert.pk}").content.decode()) != []
    assert leaks(cast.alice.client.get("/api/v1/me/snapshot").content.decode()) != []


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/v1/alerts"), ("get", "/api/v1/alerts/{id}"), ("post", "/api/v1/alerts/{id}/acknowledge"),
    ("get", "/api/v1/me/snapshot"),
])
def test_a_clinician_without_a_share_is_refused_and_strangers_must_sign_in(cast, liver_alert, method, path):
    url = path.format(id=liver_alert.pk)
    body = {"data": {"note": "x"}, "content_type": "application/json"} if method == "post" else {}
    dave = getattr(Client(), method)(url, headers=cast.dave.bearer(), **body)
    anonymous = getattr(Client(), method)(url, **body)
    assert [(r.status_code, [item["field"] for item in r.json()["detail"]]) for r in (dave, anonymous)] == [
        (403, ["role"]), (401, ["authorization"])]
    assert leaks(dave.content.decode()) == []
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN


def test_the_snapshot_is_alices_whole_record_in_the_public_format(cast, liver_alert):
    response = Client().get("/api/v1/me/snapshot", headers=cast.alice.bearer())
    body = response.json()
    assert (response.status_code, body["schema"], body["as_of"]) == (200, SCHEMA, "2026-11-20T17:00:00+00:00")
    assert [(lab["code"], lab["value"]) for lab in body["labs"]] == [("ALT", 35.0), ("ALP", 97.0), ("ALT", 987.5)]
    assert [(m["name"], m["rxnorm"]) for m in body["medications"]] == [("Gabapentin", "25480")]
    assert len(parse_snapshot(body).doses) == 1
