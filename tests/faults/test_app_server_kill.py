"""kill -9 of the app server during a stream of dose writes: every write that got a 201 is in the database after a
restart. On SQLite behind `speciosa serve` (waitress, WAL) and on PostgreSQL behind gunicorn (2 workers).

The kill is of the process group (the server and anything it started), mid-stream: some requests are cut off
unanswered, and those may or may not have been stored; the ones answered 201 must all be there.
"""

from __future__ import annotations

import os
import time
from contextlib import ExitStack

import pytest

from .topology import (
    DoseStream,
    free_port,
    fresh_database,
    production_env,
    seed,
    start_gunicorn,
    start_serve,
    stored_dose_ids,
)

pytestmark = pytest.mark.faults


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_kill_9_of_the_app_server_mid_stream_loses_no_acknowledged_write(database, tmp_path, request):
    with ExitStack() as stack:
        home = tmp_path / "home"
        home.mkdir()
        if database == "sqlite":
            env = production_env(home, None)
            stored_in = home / "speciosa.sqlite3"

            def start_server(port: int, log: str):
                return start_serve(env, port, tmp_path / log)
        else:
            server_url = request.getfixturevalue("shared_postgres")
            stored_in = stack.enter_context(fresh_database(server_url, f"speciosa_fault_kill_{os.getpid()}"))
            env = production_env(home, stored_in)

            def start_server(port: int, log: str):
                return start_gunicorn(env, port, 2, tmp_path / log)

        people = seed(env, 2)
        port = free_port()
        server = start_server(port, "server.log")
        stack.callback(server.stop)
        stream = DoseStream(port, people, per_person=2).start()
        stack.callback(stream.stop)

        assert stream.wait_for(201, 40, since=0.0, seconds=60) is not None, server.tail()
        server.kill()
        killed_at = time.monotonic()
        time.sleep(0.5)
        stream.stop()
        acknowledged = set(stream.acknowledged)
        cut_off = stream.statuses(since=killed_at)[None]

        restarted = start_server(port, "restarted.log")
        stack.callback(restarted.stop)
        after = DoseStream(port, people[:1]).start()
        stack.callback(after.stop)
        assert after.wait_for(201, 3, since=0.0, seconds=30) is not None, restarted.tail()
        after.stop()

        stored = stored_dose_ids(stored_in)
        assert len(acknowledged) >= 40
        assert cut_off > 0  # the stream was still writing when the server died
        assert sorted(acknowledged - stored) == []  # 0 acknowledged writes lost
        assert set(after.acknowledged) <= stored
