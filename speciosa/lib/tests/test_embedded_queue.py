"""The embedded default's queue (a SQLite file) syncs to disk as the embedded database does (WAL, NORMAL): not an
fsync per enqueue, since a lost task is found again by the minute sweep (docs/architecture.md, "The task queue")."""

from __future__ import annotations

from huey.utils import load_class

from speciosa.lib.queue import huey_config


def test_the_embedded_queue_is_a_sqlite_file_in_wal_mode_synced_normally(tmp_path):
    config = huey_config(home=tmp_path, redis_url="", immediate=False, name="test-queue")
    huey_class = load_class(config.pop("huey_class"))
    queue = huey_class(**config)
    connection = queue.storage.conn
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL (Huey's own default is FULL, 2)
    queue.storage.enqueue(b"a task")
    assert queue.storage.queue_size() == 1 and queue.storage.dequeue() == b"a task"
    assert (tmp_path / "queue.sqlite3").exists()


def test_a_deployment_queue_is_redis(tmp_path):
    config = huey_config(home=tmp_path, redis_url="redis://127.0.0.1:6379/3", immediate=False)
    assert config["huey_class"] == "huey.RedisHuey" and "socket_timeout=" in config["url"]
