"""A patient who turned on the urgent-alert e-mail on their profile page gets one plain e-mail per urgent alert:
nothing of the alert, their labs or their doses in it, and never a second one for the same alert."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from speciosa.clinic.models import AlertNotification
from speciosa.diary.domain import record_dose
from speciosa.diary.tests.test_pages_profile import PROFILE
from speciosa.safety.domain import reevaluate
from speciosa.safety.models import StoredAlert
from speciosa.safety.notifications import PATIENT_SUBJECT, send_alert_email
from speciosa.safety.tasks import sweep
from speciosa.safety.tests.liver_state import MARKERS, open_liver_injury
from speciosa.testing import committed, make_patient, make_powder, signed_in

pytestmark = pytest.mark.django_db


def alice_urgent(alice):
    return StoredAlert.objects.filter(patient=alice, severity="urgent").values_list("pk", flat=True)


def _to_alice():
    return [message for message in mail.outbox if message.to == ["alice@example.org"]]


def test_one_plain_email_per_urgent_alert_with_nothing_of_the_record_in_it():
    alice = make_patient("alice")
    not_pregnant = {name: value for name, value in PROFILE.items() if name != "pregnant"}  # one urgent alert only
    page = signed_in(alice).client.post(reverse("diary:profile"), {**not_pregnant, "urgent_alert_emails": "on"})
    assert page.status_code == 302
    with committed():
        record_dose(alice, product=make_powder(alice, name="Maeng Da capsules"), amount=7.25, unit="g",
                    taken_at=timezone.now() - dt.timedelta(hours=5), by=alice)
    alert = open_liver_injury(alice)
    reevaluate(alice)  # still firing: not new, so no second e-mail
    assert send_alert_email(alert.pk, alice.pk) is False  # a retried task finds it sent
    with committed():
        sweep(now=timezone.now() + dt.timedelta(hours=1))  # nothing left unsent for the sweep either
    own = _to_alice()
    assert list(alice_urgent(alice)) == [alert.pk]
    assert [(message.subject, message.to) for message in own] == [(PATIENT_SUBJECT, ["alice@example.org"])]
    text = f"{own[0].subject}\n{own[0].body}"
    withheld = [alert.title, alert.clinical_title, alert.message, *MARKERS, "ALT", "7.25", alice.username]
    words = ["liver", "maeng da", "capsule", "mitragynine", "gram"]
    assert [word for word in withheld if word and word in text] + [w for w in words if w in text.lower()] == []
    assert "http://127.0.0.1:8000" + reverse("diary:today") in own[0].body
    assert list(AlertNotification.objects.filter(alert=alert, clinician=alice).values_list("email", flat=True)) == [
        "alice@example.org"]
