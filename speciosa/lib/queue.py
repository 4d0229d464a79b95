"""The task queue's configuration: Huey, on a SQLite file in SPECIOSA_HOME by default, on Redis when configured.

One code path for both settings (docs/architecture.md, "The task queue"): tasks are declared with
``huey.contrib.djhuey.db_task`` / ``db_periodic_task`` in each app's ``tasks`` module, and only the storage differs.

- Embedded default: ``SqliteHuey`` on ``$SPECIOSA_HOME/queue.sqlite3``; `speciosa serve` and `speciosa demo` run the
  consumer (workers and the periodic scheduler) as threads of their own process, so nothing else has to run.
- A deployment: ``RedisHuey`` on ``SPECIOSA_REDIS_URL``; any number of `speciosa worker` processes on any machine,
  and exactly one `speciosa scheduler` (the only process that enqueues periodic tasks).
- Tests: ``immediate`` mode (``SPECIOSA_TASKS_IMMEDIATE``), in which an enqueued task runs at once in the caller, in
  memory; the worker tests switch it off and use a real Redis or a SQLite file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from huey import SqliteHuey
from huey.storage import SqliteStorage

from speciosa.lib.home import private_database

QUEUE_NAME = "speciosa"
REDIS_CONNECT_TIMEOUT = 2.0  # seconds: a broker that does not answer must not hold a write's request for long


def huey_config(*, home: Path, redis_url: str, immediate: bool, name: str = QUEUE_NAME) -> dict[str, Any]:
    """The ``HUEY`` setting read by huey.contrib.djhuey: Redis when ``redis_url`` is set, else a SQLite file."""
    if redis_url:
        return {"huey_class": "huey.RedisHuey", "name": name, "url": with_timeouts(redis_url),
                "immediate": immediate, "utc": True}
    # Created owner-only (0600) before SQLite opens it, like the database: its tasks name patients by id.
    return {"huey_class": "speciosa.lib.queue.EmbeddedHuey", "name": name, "filename": private_database(str(home / "queue.sqlite3")),
            "immediate": immediate, "utc": True, "timeout": 30}


class EmbeddedStorage(SqliteStorage):
    """Huey's SQLite storage with ``synchronous=NORMAL``, as the embedded database itself runs (speciosa.settings).

    Huey's own choice is FULL: an fsync on every enqueue, taken under the storage's one lock, so concurrent writes
    queued behind each other's disk flush (a quarter of the dose write's time in bench_log_dose.py). In WAL mode
    NORMAL still survives a crash of the process; only a power cut can lose the last few enqueues, and nothing
    depends on a task arriving: the pending mark in the database is the source of truth and the minute sweep
    evaluates whatever a lost task would have (docs/architecture.md, "The task queue").
    """

    def _create_connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection = super()._create_connection()
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection


class EmbeddedHuey(SqliteHuey):
    """The embedded default's queue: a SQLite file (EmbeddedStorage)."""

    storage_class = EmbeddedStorage


def with_timeouts(url: str) -> str:
    """The Redis URL with connect and read timeouts (redis-py reads them from the query string) unless it has its
    own: without them a broker that is down but not refusing would hold the request that enqueues."""
    options = {"socket_connect_timeout": REDIS_CONNECT_TIMEOUT, "socket_timeout": 10, "health_check_interval": 30}
    missing = [f"{name}={value}" for name, value in options.items() if f"{name}=" not in url]
    if not missing:
        return url
    return url + ("&" if "?" in url else "?") + "&".join(missing)


def describe(config: dict[str, Any]) -> str:
    """Where the queue lives, for a start-up line (never the Redis password)."""
    if config["huey_class"] == "huey.RedisHuey":
        url = str(config["url"]).partition("?")[0]
        scheme, _, rest = url.partition("://")
        return f"Redis at {scheme}://{rest.rpartition('@')[2]}"
    return f"the SQLite file {config['filename']}"
