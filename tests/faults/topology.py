"""The deployment topology, started for real on 127.0.0.1: app servers, PostgreSQL, Redis, queue workers, and load.

Used by the fault tests (tests/faults/) and by benchmarks/topology.py. Everything here starts child processes in
their own process groups and ends them (``Process.stop``, or ``Process.kill`` for a crash), and sends traffic to
127.0.0.1 only.

- ``production_env``: the environment of a deployment (speciosa.settings_production with its required variables,
  behind a proxy that says the request came over HTTPS: ``PROXY_HEADERS``), on a database and optionally Redis.
- ``fresh_database``: a new PostgreSQL database on a running server, dropped at the end.
- ``ThrowawayPostgres``: a PostgreSQL cluster of our own (initdb into a temporary folder, on a port of ours) that a
  test may stop and start without touching the shared server.
- ``seed``: migrations, then patients with a powder and an API token each (in a child process: Django reads its
  settings once per process).
- ``start_gunicorn`` (N worker processes), ``start_serve`` (``speciosa serve``: waitress, the embedded default),
  ``start_queue`` (``speciosa worker`` twice and ``speciosa scheduler``, when this build has them).
- ``DoseStream``: writer threads logging doses through the API, remembering every write that was acknowledged (201).

Run as ``python -m tests.faults.topology seed N`` (from the repository root, with the topology's environment) it
seeds and prints the people as JSON.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Ports of this harness: 8200-8289 for servers (split between pytest-xdist workers), 8290 for a throwaway cluster.
PORTS = range(8200, 8290)
THROWAWAY_POSTGRES_PORT = 8290
READY_PATH = "/accounts/login/"  # a page without the database (the OpenAPI document takes seconds to build)
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}  # what the proxy adds (deploy/)
SHARED_POSTGRES = os.environ.get("SPECIOSA_FAULTS_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SPECIOSA_FAULTS_REDIS", "redis://127.0.0.1:6379/2")


@dataclass(frozen=True)
class Person:
    """A seeded patient: their id, their powder's id and a bearer token."""

    patient: int
    product: int
    token: str


def free_port() -> int:
    """A port of PORTS that nothing listens on; each pytest-xdist worker draws from its own slice."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    slices = 4
    offset = (int(worker) % slices if worker.isdigit() else 0) * (len(PORTS) // slices)
    for port in [*PORTS[offset:], *PORTS[:offset]]:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port from {PORTS.start} to {PORTS.stop - 1}")


def production_env(home: Path, database_url: str | None, *, redis_url: str | None = None) -> dict[str, str]:
    """The environment of a deployment (settings_production) or, with ``database_url`` None, of the embedded
    default (speciosa.settings, SQLite in ``home``)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SPECIOSA_", "DJANGO_")) and key != "DATABASE_URL"}
    env.update({"SPECIOSA_HOME": str(home), "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1",
                "DJANGO_SETTINGS_MODULE": "speciosa.settings"})
    if database_url is None:
        return env
    env.update({
        "DJANGO_SETTINGS_MODULE": "speciosa.settings_production",
        "DATABASE_URL": database_url,
        "SPECIOSA_SECRET_KEY": secrets.token_urlsafe(50),
        "SPECIOSA_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SPECIOSA_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "SPECIOSA_BEHIND_PROXY": "1",
        "SPECIOSA_PROXY_COUNT": "1",
    })
    if redis_url:
        env["SPECIOSA_REDIS_URL"] = redis_url
    return env


def postgres_admin(server_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True, connect_timeout=5) as connection:
        connection.execute(statement)


@contextmanager
def fresh_database(server_url: str, name: str) -> Iterator[str]:
    """A new, empty PostgreSQL database ``name`` on ``server_url`` (dropped first if left over); yields its URL."""
    postgres_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    postgres_admin(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url}/{name}"
    finally:
        postgres_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_bin(program: str) -> str:
    """A PostgreSQL server program (initdb, pg_ctl): Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin."""
    found = shutil.which(program)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{program}"),
                        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0)
    if not candidates:
        raise FileNotFoundError(f"{program} not found (install Debian's postgresql package)")
    return str(candidates[-1])


class ThrowawayPostgres:
    """A PostgreSQL cluster of our own in a temporary folder, listening on 127.0.0.1:``port`` (trust, user
    postgres). PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` system user (runuser)."""

    def __init__(self, port: int = THROWAWAY_POSTGRES_PORT) -> None:
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="speciosa-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgres://postgres@{HOST}:{port}"

    def _as_owner(self, command: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return command
        return ["runuser", "-u", "postgres", "--", *command]

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(self._as_owner(command), capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:2])} failed: {done.stderr.strip() or done.stdout.strip()}")

    def __enter__(self) -> ThrowawayPostgres:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run([postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                   "--no-sync"])
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST}"
        self._run([postgres_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                   "-w", "-t", "30", "start"])

    def stop(self) -> None:
        """A fast shutdown (what a service manager's restart does): sessions are ended, committed work is kept."""
        if (self.data / "postmaster.pid").exists():
            self._run([postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop"])


def seed(env: dict[str, str], count: int) -> list[Person]:
    """Migrates the topology's database and adds ``count`` patients (in a child process with ``env``)."""
    done = subprocess.run([sys.executable, "-m", "tests.faults.topology", "seed", str(count)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"seeding failed:\n{done.stderr[-3000:]}")
    return [Person(**person) for person in json.loads(done.stdout.strip().splitlines()[-1])]


def _seed_here(count: int) -> list[dict]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    # These patients never sign in with a password: skip Argon2's deliberate 0.4 s per hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from speciosa.accounts.domain import create_user
    from speciosa.accounts.enums import Role
    from speciosa.accounts.tokens import issue_token
    from speciosa.diary.domain import create_product

    people = []
    for number in range(1, count + 1):
        patient = create_user(f"load{number:03d}", password="not-used-for-signing-in", role=Role.PATIENT,
                              check_password=False, time_zone="America/New_York")
        product = create_product(patient, by=patient, name="Red powder", form="powder", mitragynine_content=15.0,
                                 hydroxymitragynine_content=0.1, content_basis="label", favourite=True,
                                 usual_amount=3, usual_unit="g")
        people.append({"patient": patient.pk, "product": product.pk, "token": issue_token(patient, label="load")})
    return people


@dataclass
class Process:
    """A child process in its own process group (so it and whatever it starts can be ended together)."""

    name: str
    popen: subprocess.Popen
    log: Path

    def alive(self) -> bool:
        return self.popen.poll() is None

    def children(self) -> set[int]:
        """Process ids of its direct children (gunicorn's workers), from /proc."""
        found = set()
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.popen.pid:
                found.add(int(status.parent.name))
        return found

    def kill(self) -> None:
        """kill -9 of the whole group: a crash, with no chance to finish or clean up anything."""
        self._signal_group(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, timeout: float = 15) -> None:
        if self.alive():
            self._signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.popen.wait(timeout=10)
        else:
            self._signal_group(signal.SIGKILL)  # anything it left running in its group

    def _signal_group(self, number: int) -> None:
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, number)

    def tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def start(name: str, command: list[str], env: dict[str, str], log: Path) -> Process:
    # Output goes to a file: an unread pipe fills up and then blocks the server mid-run.
    with open(log, "ab") as output:
        popen = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT,
                                 start_new_session=True)
    return Process(name, popen, log)


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> Process:
    """gunicorn with ``workers`` sync worker processes, as deploy/speciosa-web.service runs it, but preloaded: the
    master imports the application once before it forks, so that on a busy machine (CI, or 2 cores shared) a worker
    still booting is not killed by gunicorn's 30 s timeout, and the workers start at once."""
    server = start("gunicorn", [sys.executable, "-m", "gunicorn", "speciosa.wsgi:application",
                                f"--bind={HOST}:{port}", f"--workers={workers}", "--worker-class=sync", "--preload",
                                "--timeout=30", "--graceful-timeout=10"],
                   env, log)
    return wait_ready(server, port)


def start_serve(env: dict[str, str], port: int, log: Path) -> Process:
    """``speciosa serve`` (waitress), the embedded default."""
    server = start("speciosa serve", [sys.executable, "-m", "speciosa.cli", "serve", "--port", str(port)], env, log)
    return wait_ready(server, port)


def wait_ready(server: Process, port: int, seconds: float = 60) -> Process:
    """Waits until the server answers the sign-in page with 200; stops it and raises if it never does."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if not server.alive():
            raise RuntimeError(f"{server.name} exited with {server.popen.returncode}:\n{server.tail()}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", READY_PATH, headers=PROXY_HEADERS)
            if connection.getresponse().status == 200:
                return server
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{server.name} did not answer on port {port} within {seconds:g} s:\n{server.tail()}")


def queue_commands() -> str | None:
    """None when this build has `speciosa worker` and `speciosa scheduler`; else why not (shown in the output)."""
    done = subprocess.run([sys.executable, "-m", "speciosa.cli", "worker", "--help"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        return ("`python -m speciosa.cli worker --help` failed (exit status "
                f"{done.returncode}): this build has no task queue commands, so no worker and no scheduler run")
    return None


def start_queue(env: dict[str, str], folder: Path, workers: int = 2) -> tuple[list[Process], str]:
    """``workers`` × `speciosa worker` and one `speciosa scheduler`, or none with the reason; returns (processes,
    a line saying what runs)."""
    absent = queue_commands()
    if absent:
        return [], f"queue: ABSENT - {absent}"
    processes = [start(f"worker {number}", [sys.executable, "-m", "speciosa.cli", "worker"], env,
                       folder / f"worker{number}.log") for number in range(1, workers + 1)]
    processes.append(start("scheduler", [sys.executable, "-m", "speciosa.cli", "scheduler"], env,
                           folder / "scheduler.log"))
    time.sleep(1.0)
    dead = [process for process in processes if not process.alive()]
    if dead:
        for process in processes:
            process.stop()
        return [], "queue: FAILED - " + "; ".join(f"{process.name} exited:\n{process.tail(10)}" for process in dead)
    return processes, f"queue: {workers} x `speciosa worker` + 1 x `speciosa scheduler`"


@dataclass
class Answer:
    at: float  # time.monotonic() when the answer came (or the connection failed)
    status: int | None  # None: no answer (connection refused or dropped)
    content_type: str = ""
    retry_after: str = ""
    sent_at: float = 0.0  # time.monotonic() when the request was sent


@dataclass
class DoseStream:
    """Writer threads, ``per_person`` for each seeded patient, logging doses through the API until ``stop``.

    ``acknowledged`` holds the id of every dose the server answered 201 for: the writes that must never be lost.
    """

    port: int
    people: list[Person]
    per_person: int = 1
    pause: float = 0.0
    answers: list[Answer] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> DoseStream:
        for person in self.people:
            for _ in range(self.per_person):
                thread = threading.Thread(target=self._write, args=(person,), daemon=True)
                thread.start()
                self._threads.append(thread)
        return self

    def stop(self) -> DoseStream:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=30)
        return self

    def statuses(self, since: float = 0.0, until: float = float("inf"), *, sent: bool = False) -> Counter:
        """How many answers of each status came from ``since`` to ``until`` (with ``sent``: to the requests sent
        then, which on a slow machine may be answered much later)."""
        with self._lock:
            return Counter(answer.status for answer in self.answers
                           if since <= (answer.sent_at if sent else answer.at) < until)

    def wait_for(self, status: int, count: int = 1, *, since: float, seconds: float) -> float | None:
        """Waits until ``count`` answers with ``status`` arrived after ``since``; returns when the last did."""
        give_up = time.monotonic() + seconds
        while time.monotonic() < give_up:
            with self._lock:
                times = [answer.at for answer in self.answers if answer.at >= since and answer.status == status]
            if len(times) >= count:
                return times[count - 1]
            time.sleep(0.05)
        return None

    def _write(self, person: Person) -> None:
        body = json.dumps({"product": person.product, "amount": 3, "unit": "g"})
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {person.token}", **PROXY_HEADERS}
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        while not self._stopping.is_set():
            answer = Answer(at=0.0, status=None)
            dose_id = None
            sent_at = time.monotonic()
            try:
                connection.request("POST", "/api/v1/doses", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                answer = Answer(0.0, response.status, response.getheader("Content-Type", ""),
                                response.getheader("Retry-After", ""))
                if response.status == 201:
                    dose_id = int(json.loads(payload)["id"])
            except (OSError, http.client.HTTPException):
                connection.close()
            answer.at, answer.sent_at = time.monotonic(), sent_at
            with self._lock:
                self.answers.append(answer)
                if dose_id is not None:
                    self.acknowledged.append(dose_id)
            if answer.status != 201:
                time.sleep(0.05)  # a server that is down answers at once: do not spin
            elif self.pause:
                time.sleep(self.pause)
        connection.close()


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={**PROXY_HEADERS, **(headers or {})})
        response = connection.getresponse()
        return response.status, {key.lower(): value for key, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def stored_dose_ids(database: str | Path) -> set[int]:
    """Ids of the doses in the database: a PostgreSQL URL, or the path of a SQLite file."""
    if isinstance(database, Path):
        import sqlite3

        with sqlite3.connect(database) as connection:
            return {row[0] for row in connection.execute("SELECT id FROM diary_dose")}
    import psycopg

    with psycopg.connect(database, connect_timeout=5) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM diary_dose")}


if __name__ == "__main__":
    if sys.argv[1:2] != ["seed"] or len(sys.argv) != 3:
        sys.exit("usage: python -m tests.faults.topology seed COUNT")
    print(json.dumps(_seed_here(int(sys.argv[2]))))
