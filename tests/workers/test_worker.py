"""Real workers, a real queue: the embedded default (`speciosa serve` runs the workers and the scheduler as threads,
the queue a SQLite file) and a deployment (`speciosa worker` twice and `speciosa scheduler` once, on Redis)."""

from __future__ import annotations

import time

import pytest

from tests.workers.site import Site, free_port, urgent_draw, wait_for, without_ids


def start_site(site: Site) -> None:
    if "SPECIOSA_REDIS_URL" in site.env:
        site.cli("worker", "--workers", "2", log="worker1")
        site.cli("worker", "--workers", "2", log="worker2")
        site.cli("scheduler", log="scheduler")
    site.serve(free_port())


def test_urgent_labs_bring_the_patient_to_the_top_of_the_panel_named_within_5_s_with_nobody_reading(site):
    """The done-when test of issue 12: no re-check on read; the write's task does it."""
    seeded = site.driver("seed", "4")
    start_site(site)
    clinician, patient = seeded["clinician_token"], seeded["patients"][2]
    status, panel = site.get("/api/v1/clinic/patients", token=clinician)
    assert status == 200, panel
    assert [row["evaluation"] for row in panel["items"]] == ["current"] * 4
    assert panel["items"][0]["id"] != patient["id"] or panel["items"][0]["urgent_open"] == 0

    assert urgent_draw(site, patient["token"]) == [201, 201]
    written = time.monotonic()

    def on_top() -> bool:
        status, shown = site.get("/api/v1/clinic/patients", token=clinician)
        first = shown["items"][0] if status == 200 else {}
        return first.get("id") == patient["id"] and first["urgent_open"] > 0 and first["evaluation"] == "current"

    wait_for(on_top, 5, "the patient at the top of the panel with an urgent alert", every=0.05)
    took = time.monotonic() - written
    status, alerts = site.get(f"/api/v1/clinic/patients/{patient['id']}/alerts", token=clinician)
    assert status == 200 and "LIVER_INJURY" in [alert["code"] for alert in alerts]
    assert "drug-induced liver injury" in " ".join(alert["title"] for alert in alerts)
    print(f"write -> on top of the panel: {took:.2f} s")
    # The e-mail to the clinician goes by a task too, within the minute, once.
    wait_for(lambda: len(site.sent_mail()) >= 1, 60, "the clinician's e-mail")
    time.sleep(1)
    mails = site.sent_mail()
    assert len([mail for mail in mails if "dr-queue@example.org" in mail]) == len(
        site.driver("state", str(patient["id"]))["urgent"])
    # No username and no lab value (987.5 U/L) in what the clinician is sent. The Message-ID and Date headers are
    # left out of the search: they are random and clock digits (a run here failed on "<...1987676925603841531@...>").
    said = [without_ids(mail) for mail in mails]
    assert all("patient002" not in text and "987" not in text for text in said)


@pytest.mark.parametrize("site", ["redis-queue"], indirect=True)  # embedded, the server's own workers run at once
def test_a_pending_patient_is_shown_as_being_checked_until_the_worker_gets_there(site):
    seeded = site.driver("seed", "2")
    site.serve(free_port())  # on Redis the server runs no worker: none yet, on purpose
    clinician, patient = seeded["clinician_token"], seeded["patients"][1]
    assert urgent_draw(site, patient["token"]) == [201, 201]
    status, panel = site.get("/api/v1/clinic/patients?urgent=true", token=clinician)
    assert status == 200
    [row] = [row for row in panel["items"] if row["id"] == patient["id"]]
    assert (row["evaluation"], panel["items"][0]["id"]) == ("pending", patient["id"])
    status, mine = site.get("/api/v1/alerts", token=patient["token"])
    assert (status, mine["evaluation"]) == (200, "pending")
    site.cli("worker", "--workers", "1", log="worker")
    wait_for(lambda: site.driver("state", str(patient["id"]))["pending"] == [], 20, "the worker to evaluate")
    status, mine = site.get("/api/v1/alerts", token=patient["token"])
    assert mine["evaluation"] == "current" and "LIVER_INJURY" in [alert["code"] for alert in mine["items"]]
