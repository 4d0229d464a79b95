"""Shared test fixtures: people and their records, sign-in helpers and the one cast of people every test draws on.

The cast (fixture ``cast``; ``build_cast`` when a test needs fay to hold other scopes):

  alice    a patient: the record under test
  bob      a clinician alice shares every part of her record with, who may also edit her plan (no e-mail address)
  charlie  another patient, with a record of his own that must never reach alice, nor hers him
  dave     a clinician alice never shared with: the stranger who must see nothing
  erin     a clinician alice shared with and then revoked
  fay      a clinician alice shares part of her record with (diary and check-ins unless told otherwise; no plan)
  rita     a researcher
  adam     an administrator

Each has a signed-in test client (clinicians and the administrator with their second factor given) and a bearer
token. alice and charlie each have a product, a dose, a check-in, a medicine and a lab result, so a test that
expects nothing to leak has something that could. Shares are made and revoked through the clinic's own verbs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from speciosa.accounts.domain import create_user, update_profile
from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.accounts.tokens import issue_token
from speciosa.accounts.twofactor import required_for as needs_second_factor
from speciosa.clinic.domain import revoke_share
from speciosa.clinic.enums import Scope
from speciosa.clinic.models import Share
from speciosa.clinic.testing import share
from speciosa.diary.domain import create_product, record_checkin, record_dose, record_lab, record_medication
from speciosa.diary.models import Product

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """The rate-limit counters live in the cache, which outlives a test's database: each test starts uncounted."""
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _live_server_sends_at_once() -> None:
    """The live server (Django's development server) writes a response's headers and its body in two small sends;
    with Nagle's algorithm the body then waits for the client's delayed ACK, about 40 ms on Linux loopback, on every
    response. The schema fuzzer's thousands of requests spent three quarters of their time in that wait."""
    from django.core.servers.basehttp import WSGIRequestHandler

    WSGIRequestHandler.disable_nagle_algorithm = True  # socketserver's switch: TCP_NODELAY on each connection


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    """Argon2 is slow on purpose (about 0.4 s a hash); tests create users constantly and protect nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_audit_log_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that commit (live server, transactional_db) end with Django's flush, which on SQLite is a DELETE per
    table; the audit log's trigger refuses that (migration 0003). So the log is emptied first, the documented way:
    the retention purge's permit, with a cutoff after every entry. Set up after the database, so torn down before."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    from speciosa.audit.models import AuditEntry
    from speciosa.audit.permits import purging

    with purging(timezone.now() + dt.timedelta(days=36500)), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table}")  # noqa: S608 (a model's table name)


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_at_once() -> None:
    """Background tasks run at once, in memory, where they are enqueued (after the write's commit), so the suite
    stays deterministic; tests/workers/ and tests/faults/ run real workers against Redis and a SQLite queue."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@contextmanager
def committed() -> Iterator[None]:
    """Runs, at the end of the block, what its writes left for after their commit, as a real commit would: the
    alert evaluation each write enqueues (tasks run at once in tests, SPECIOSA_TASKS_IMMEDIATE), then the e-mails
    it enqueues. A test's transaction never commits, so without this the alerts stay "being checked"."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def make_patient(username: str, **profile: object) -> User:
    user = create_user(username, password=PASSWORD, role=Role.PATIENT, email=f"{username}@example.org",
                       check_password=False)
    with committed():
        update_profile(user, **{"time_zone": "America/New_York", "jurisdiction": "US-FL", **profile})
    return user


def make_powder(patient: User, **values: Any) -> Product:
    fields: dict[str, Any] = {"name": "Red vein powder", "form": "powder", "strain": "Red Bali", "vein": "red",
              "mitragynine_content": 15.0, "hydroxymitragynine_content": 0.1, "content_basis": "lab",
              "lab_name": "Example Labs", "lab_date": dt.date(2025, 6, 2), "lab_batch": "EL-2025-0602",
              "favourite": True, "usual_amount": 3, "usual_unit": "g", **values}
    return create_product(patient, by=patient, **fields)


def enrol_authenticator(user: User) -> TOTPDevice:
    """A confirmed authenticator app for ``user`` (as if they had set up two-factor); see ``current_code``."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The 6-digit code the authenticator shows now."""
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def verified_login(client: Client, user: User) -> Client:
    """Signs ``client`` in as ``user`` with the second factor given, as after the two-factor page.

    Clinicians and administrators must give it before any page or session API call; use this in their tests.
    """
    device = enrol_authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def make_clinician(username: str, *, email: str | None = None) -> User:
    """A clinician; ``email`` defaults to username@example.org (pass "" for one without an address)."""
    return create_user(username, password=PASSWORD, role=Role.CLINICIAN,
                       email=f"{username}@example.org" if email is None else email, check_password=False)


def make_staff(username: str, role: Role) -> User:
    """A researcher or administrator account."""
    return create_user(username, password=PASSWORD, role=role, email=f"{username}@example.org", check_password=False)


@dataclass(frozen=True)
class Persona:
    user: User
    client: Client
    token: str

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def signed_in(user: User) -> Persona:
    """``user`` with a signed-in client (with the second factor given, for the roles that need it) and a token."""
    client = Client()
    if needs_second_factor(user):
        verified_login(client, user)  # before the token: a clinician's token needs an authenticator older than it
    else:
        client.force_login(user)
    return Persona(user=user, client=client, token=issue_token(user, label="test"))


PARTIAL_SCOPES = (Scope.DIARY, Scope.CHECKINS)


@dataclass(frozen=True)
class Cast:
    """The people of every test (see the module docstring), with alice's shares and the records that could leak."""

    alice: Persona
    bob: Persona
    charlie: Persona
    dave: Persona
    erin: Persona
    fay: Persona
    rita: Persona
    adam: Persona
    alice_product: Product
    charlie_product: Product
    bob_share: Share
    erin_share: Share
    fay_share: Share

    def everyone(self) -> dict[str, Persona]:
        """Each persona by first name, for tests parametrised over who asks."""
        return {name: getattr(self, name) for name in ("alice", "bob", "charlie", "dave", "erin", "fay", "rita", "adam")}


def _diary_of(patient: User, product: Product) -> None:
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    record_dose(patient, product=product, amount=2.5, unit="g", taken_at=an_hour_ago, reason="pain", by=patient)
    record_checkin(patient, by=patient, at=an_hour_ago, pain_now=5, mood=6, side_effects={"nausea": 1},
                   note=f"{patient.username}'s private note")
    record_medication(patient, by=patient, name="Gabapentin", rxnorm="25480", dose_text="300 mg at night")
    record_lab(patient, by=patient, code="ALT", value=35, unit="U/L", uln=40, collected_at=an_hour_ago)


def build_cast(*, partial_scopes: Sequence[str] = PARTIAL_SCOPES) -> Cast:
    """The cast, with fay given ``partial_scopes`` of alice's record (the authorization matrix varies them)."""
    alice = make_patient("alice")
    charlie = make_patient("charlie", jurisdiction="GB", time_zone="Europe/London")
    bob = make_clinician("bob", email="")
    dave, erin, fay = make_clinician("dave"), make_clinician("erin"), make_clinician("fay")
    alice_product = make_powder(alice)
    charlie_product = make_powder(charlie, name="Charlie's green", vein="green")
    with committed():  # the diaries' evaluation tasks run, as after a real commit
        _diary_of(alice, alice_product)
        _diary_of(charlie, charlie_product)
    bob_share = share(alice, bob, can_edit_plan=True)
    fay_share = share(alice, fay, scopes=partial_scopes)
    erin_share = revoke_share(share(alice, erin), by=alice)
    return Cast(alice=signed_in(alice), bob=signed_in(bob), charlie=signed_in(charlie), dave=signed_in(dave),
                erin=signed_in(erin), fay=signed_in(fay), rita=signed_in(make_staff("rita", Role.RESEARCHER)),
                adam=signed_in(make_staff("adam", Role.ADMIN)), alice_product=alice_product,
                charlie_product=charlie_product, bob_share=bob_share, erin_share=erin_share, fay_share=fay_share)


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()
