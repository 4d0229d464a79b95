"""Shared test fixtures: factories and the three personas every access test uses.

alice is the patient whose data is under test; bob is a clinician (sharing arrives with the supervision work, so for
now he must see nothing of alice); charlie is another patient with data of his own that must never leak to alice,
nor alice's to him.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from speciosa.accounts.domain import create_user, issue_token, update_profile
from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.diary.domain import create_product, record_checkin, record_dose, record_lab, record_medication
from speciosa.diary.models import Product

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Argon2 is slow on purpose (about 0.4 s a hash); tests create users constantly and protect nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    role = Role.PATIENT


def make_patient(username: str, **profile) -> User:  # type: ignore[no-untyped-def]
    user = create_user(username, password=PASSWORD, role=Role.PATIENT, email=f"{username}@example.org",
                       check_password=False)
    update_profile(user, **{"time_zone": "America/New_York", "jurisdiction": "US-FL", **profile})
    return user


def make_powder(patient: User, **values) -> Product:  # type: ignore[no-untyped-def]
    fields = {"name": "Red vein powder", "form": "powder", "strain": "Red Bali", "vein": "red",
              "mitragynine_content": 15.0, "hydroxymitragynine_content": 0.1, "content_basis": "lab",
              "lab_name": "Example Labs", "favourite": True, "usual_amount": 3, "usual_unit": "g", **values}
    return create_product(patient, by=patient, **fields)


@dataclass
class Persona:
    user: User
    client: Client
    token: str

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Personas:
    alice: Persona
    bob: Persona
    charlie: Persona
    alice_product: Product
    charlie_product: Product


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


def signed_in(user: User) -> Persona:
    """``user`` with a signed-in client (a clinician's with the second factor given) and a bearer token."""
    client = Client()
    if user.is_patient:
        client.force_login(user)
    else:
        verified_login(client, user)  # before the token: a clinician's token needs an authenticator older than it
    return Persona(user=user, client=client, token=issue_token(user, label="test"))


@pytest.fixture
def personas(db) -> Personas:  # type: ignore[no-untyped-def]
    alice = make_patient("alice")
    charlie = make_patient("charlie", jurisdiction="GB", time_zone="Europe/London")
    bob = make_clinician("bob", email="")
    alice_product = make_powder(alice)
    charlie_product = make_powder(charlie, name="Charlie's green", vein="green")
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    for patient, product in ((alice, alice_product), (charlie, charlie_product)):
        record_dose(patient, product=product, amount=2.5, unit="g", taken_at=an_hour_ago, reason="pain", by=patient)
        record_checkin(patient, by=patient, at=an_hour_ago, pain_now=5, mood=6, side_effects={"nausea": 1},
                       note=f"{patient.username}'s private note")
        record_medication(patient, by=patient, name="Gabapentin", rxnorm="25480", dose_text="300 mg at night")
        record_lab(patient, by=patient, code="ALT", value=35, unit="U/L", uln=40, collected_at=an_hour_ago)
    return Personas(alice=signed_in(alice), bob=signed_in(bob), charlie=signed_in(charlie),
                    alice_product=alice_product, charlie_product=charlie_product)
