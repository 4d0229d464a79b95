"""PostgreSQL restarted under load: the app answers 503 (never 500) while it is down, and recovers by itself.

A cluster of our own (tests/faults/topology.ThrowawayPostgres on 127.0.0.1:8290), never the shared server: gunicorn
with 2 workers on it, a stream of dose writes through the API, then a fast shutdown of PostgreSQL (what a restart by
the service manager does), a few seconds down, and a start. The same gunicorn processes must answer 201 again.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from contextlib import ExitStack

import pytest

from .conftest import need
from .topology import (
    DoseStream,
    ThrowawayPostgres,
    free_port,
    get,
    postgres_admin,
    postgres_bin,
    production_env,
    seed,
    start_gunicorn,
    stored_dose_ids,
)

pytestmark = pytest.mark.faults
DOWN_SECONDS = 3


def can_run_a_cluster() -> str:
    try:
        postgres_bin("initdb")
    except FileNotFoundError as error:
        return str(error)
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: PostgreSQL refuses to run as root"
    return ""


def test_the_app_answers_503_while_postgresql_is_down_and_recovers_without_a_restart(tmp_path):
    problem = can_run_a_cluster()
    need(not problem, problem)
    with ExitStack() as stack:
        cluster = stack.enter_context(ThrowawayPostgres())
        postgres_admin(cluster.url, "CREATE DATABASE speciosa")
        env = production_env(tmp_path, f"{cluster.url}/speciosa")
        people = seed(env, 2)
        port = free_port()
        server = start_gunicorn(env, port, 2, tmp_path / "gunicorn.log")
        stack.callback(server.stop)
        workers = server.children()
        stream = DoseStream(port, people, pause=0.02).start()
        stack.callback(stream.stop)
        assert stream.wait_for(201, 20, since=0.0, seconds=30) is not None, server.tail()
        before_page = get(port, "/", {"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"})

        cluster.stop()
        down_at = time.monotonic()
        time.sleep(DOWN_SECONDS)
        page = get(port, "/", {"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"})
        starting_at = time.monotonic()
        cluster.start()
        up_at = time.monotonic()
        recovered_at = stream.wait_for(201, 10, since=up_at, seconds=30)
        time.sleep(1.0)
        stream.stop()

        # Sent after PostgreSQL had stopped and answered before it started: the whole request saw no database.
        during = Counter(answer.status for answer in stream.answers
                         if answer.sent_at >= down_at and answer.at < starting_at)
        outage = [answer for answer in stream.answers if answer.status == 503]
        after = stream.statuses(since=up_at + 0.5, sent=True)
        assert stream.statuses()[500] == 0
        assert set(during) == {503}, during
        assert {(answer.content_type, answer.retry_after) for answer in outage} == {("application/json", "10")}
        assert (before_page[0], page[0], page[1]["content-type"], page[1]["retry-after"]) == (
            302, 503, "text/html; charset=utf-8", "10")
        assert b"Back in a moment" in page[2]
        assert recovered_at is not None, server.tail()
        assert set(after) == {201}, after
        assert server.alive() and server.children() == workers  # recovered without restarting a process
        assert sorted(set(stream.acknowledged) - stored_dose_ids(f"{cluster.url}/speciosa")) == []
        status, _, body = get(port, "/api/v1/doses?page_size=1", {"Authorization": f"Bearer {people[0].token}"})
        assert (status, json.loads(body)["count"] > 0) == (200, True)
