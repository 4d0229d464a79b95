"""A real Speciosa site in subprocesses for the worker and fault tests: its own SPECIOSA_HOME (an embedded SQLite
database, or its own PostgreSQL database when DATABASE_URL is set), a real queue (a SQLite file, or Redis), real
`speciosa serve`, `speciosa worker` and `speciosa scheduler` processes, e-mails written to files. Every address is
127.0.0.1; every process is stopped when the test ends."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TEST_REDIS_URL = os.environ.get("SPECIOSA_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def free_port(first: int = 8100, last: int = 8189) -> int:
    """A free port in this brief's range (8100-8189; 8190-8199 are for the tests' own Redis servers)."""
    start = first + (os.getpid() * 7) % (last - first)
    for offset in range(last - first):
        port = first + (start - first + offset) % (last - first)
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port")


class Site:
    def __init__(self, home: Path, *, redis_url: str = "", database_url: str = "") -> None:
        self.home = home
        self.mail = home / "mail"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("SPECIOSA_", "DATABASE_URL", "PYTEST", "DJANGO_SETTINGS"))}
        self.env.update({
            "SPECIOSA_HOME": str(home), "SPECIOSA_TASKS_IMMEDIATE": "0", "SPECIOSA_LOG_LEVEL": "WARNING",
            "SPECIOSA_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "SPECIOSA_EMAIL_FILE_PATH": str(self.mail), "PYTHONPATH": str(ROOT),
        })
        if redis_url:
            self.env["SPECIOSA_REDIS_URL"] = redis_url
        if database_url:
            self.env["DATABASE_URL"] = database_url

    # processes -------------------------------------------------------------------------------------------------
    def run(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, timeout=timeout)
        if done.returncode != 0:
            raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stdout.decode()}\n{done.stderr.decode()}")
        return done.stdout.decode()

    def start(self, *args: str, log: str) -> subprocess.Popen[bytes]:
        out = open(self.home / f"{log}.log", "ab")  # noqa: SIM115 - kept open for the process's life
        process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=self.env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def cli(self, *args: str, log: str) -> subprocess.Popen[bytes]:
        return self.start("-m", "speciosa.cli", *args, log=log)

    def migrate(self) -> None:
        self.run("-m", "speciosa.cli", "migrate")

    def driver(self, *args: str) -> Any:
        return json.loads(self.run("-m", "tests.workers.driver", *args))

    def serve(self, port: int) -> subprocess.Popen[bytes]:
        process = self.cli("serve", "--port", str(port), log="serve")
        self.base = f"http://127.0.0.1:{port}"
        wait_for(lambda: self.get("/api/v1/evidence", token="")[0] in {200, 401}, 30, "the server to answer")
        return process

    def stop(self, process: subprocess.Popen[bytes], *, kill: bool = False) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)

    def close(self) -> None:
        for process in reversed(self.processes):
            self.stop(process)

    def log(self, name: str) -> str:
        path = self.home / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # HTTP ------------------------------------------------------------------------------------------------------
    def request(self, method: str, path: str, *, token: str, body: dict[str, Any] | None = None
                ) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (urllib.error.URLError, ConnectionError):
            return 0, None

    def get(self, path: str, *, token: str) -> tuple[int, Any]:
        return self.request("GET", path, token=token)

    def post(self, path: str, body: dict[str, Any], *, token: str) -> tuple[int, Any]:
        return self.request("POST", path, token=token, body=body)

    def sent_mail(self) -> list[str]:
        if not self.mail.exists():
            return []
        return [path.read_text(errors="replace") for path in sorted(self.mail.iterdir())]


def without_ids(mail: str) -> str:
    """A sent message without its Message-ID and Date headers (random and clock digits), for searching its words."""
    return re.sub(r"(?mi)^(message-id|date):.*$", "", mail)


def urgent_draw(site: Site, token: str) -> list[int]:
    """Liver tests that meet the drug-induced liver injury criteria, posted through the API: the statuses."""
    drawn = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 600))
    return [site.post("/api/v1/labs", {"code": code, "value": value, "unit": "U/L", "uln": uln,
                                       "collected_at": drawn}, token=token)[0]
            for code, value, uln in (("ALT", 987.5, 41), ("ALP", 97, 121))]


def wait_for(check: Callable[[], Any], seconds: float, what: str, *, every: float = 0.1) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(every)


def unique_queue_db() -> str:
    return uuid.uuid4().hex[:8]


class OwnRedis:
    """A redis-server of the test's own on 127.0.0.1:PORT (8190-8199), so stopping it leaves the shared one alone."""

    def __init__(self, home: Path, port: int) -> None:
        self.home, self.port = home, port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.home)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for(lambda: redis_answers(self.url), 10, "the test's own Redis")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
