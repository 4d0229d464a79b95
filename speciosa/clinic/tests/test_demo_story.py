"""The demo's clinic: the clinician signs in with the printed key, at least 15 patients share with varied scopes,
plans, alerts of every severity (open and acknowledged), notes and one revoked share, the same on every load."""

import base64

import pytest
from django.utils import timezone
from django_otp.oath import totp

from speciosa.accounts.models import User
from speciosa.accounts.twofactor import authenticator_of, verify
from speciosa.clinic.access import patients_shared_with
from speciosa.clinic.models import ClinicalNote, Share
from speciosa.demo import CLINICIAN, load_demo
from speciosa.demo.story import demo_key
from speciosa.plans.models import PlanVersion
from speciosa.safety.models import AlertEntry, StoredAlert

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_clinician_has_patients_to_see_and_signs_in_with_the_printed_key():
    summary = load_demo(patients=20, min_days=30, max_days=40)
    clinician = User.objects.get(username=CLINICIAN)
    device = authenticator_of(clinician)
    assert device is not None and device.key == demo_key(2026)
    printed = summary.authenticator_key.replace(" ", "")
    assert base64.b32decode(printed + "=" * (-len(printed) % 8)).hex() == device.key
    assert verify(clinician, str(totp(device.bin_key)).zfill(6)) is not None

    shares = Share.objects.filter(clinician=clinician)
    active = patients_shared_with(clinician)
    assert (summary.shared, active.count()) == (17, 17)
    assert shares.filter(revoked_at__isnull=False).count() == 1
    assert len({tuple(sorted(share.scopes)) for share in shares}) >= 3
    assert shares.filter(can_edit_plan=True).exists() and shares.filter(can_edit_plan=False).exists()
    alerts = StoredAlert.objects.filter(patient__in=active)
    assert set(alerts.values_list("severity", flat=True)) == {"info", "warning", "urgent"}
    assert set(alerts.values_list("status", flat=True)) >= {"open", "acknowledged"}
    conversations = AlertEntry.objects.filter(alert__in=alerts)
    assert set(conversations.values_list("role", "kind")) == {("clinician", "acknowledged"), ("patient", "comment")}
    reply = conversations.get(role="patient")
    assert conversations.filter(alert=reply.alert, role="clinician", created_at__lte=reply.created_at).exists()
    assert ClinicalNote.objects.filter(author=clinician).count() >= 3
    assert PlanVersion.objects.filter(review_on__lt=timezone.localdate()).exists()  # a review is due

    again = load_demo(patients=20, min_days=30, max_days=40)
    assert (again.already_loaded, again.authenticator_key, again.shared) == (True, summary.authenticator_key, 17)
