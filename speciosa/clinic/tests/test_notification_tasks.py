"""The urgent-alert e-mails as tasks: a warning that becomes urgent counts as new, a retried or repeated task sends
nothing more (the claim), and a patient who opted in gets a plain-words e-mail of their own."""

import pytest
from django.core import mail
from django.utils import timezone

from speciosa.clinic.models import AlertNotification
from speciosa.clinic.tests.panel_data import stored_alert
from speciosa.safety.models import StoredAlert
from speciosa.safety.notifications import PATIENT_SUBJECT, claim, send_alert_email
from speciosa.safety.tests.liver_state import MARKERS, open_liver_injury
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob_has_an_address(cast: Cast) -> Cast:
    cast.bob.user.email = "bob@example.org"
    cast.bob.user.save(update_fields=["email"])
    return cast


def test_a_warning_that_becomes_urgent_is_emailed_as_a_new_urgent_alert(bob_has_an_address):
    alice = bob_has_an_address.alice.user
    warning = stored_alert(alice, "warning", code="LIVER_INJURY")
    open_liver_injury(alice)
    escalated = StoredAlert.objects.get(pk=warning.pk)
    assert (escalated.severity, escalated.status) == ("urgent", "open")  # the same alert, now urgent
    assert sorted(AlertNotification.objects.filter(alert=escalated).values_list("email", flat=True)) == [
        "bob@example.org", "fay@example.org"]
    assert sum(1 for message in mail.outbox if message.to in (["bob@example.org"], ["fay@example.org"])) >= 2


def test_a_retried_or_repeated_send_task_sends_nothing_more(bob_has_an_address):
    alice = bob_has_an_address.alice.user
    alert = open_liver_injury(alice)
    sent = len(mail.outbox)
    notification = AlertNotification.objects.filter(alert=alert).first()
    assert notification is not None and notification.sent_at is not None
    assert send_alert_email(alert.pk, notification.clinician_id) is False  # a retry finds it sent
    assert claim(alert.pk, notification.clinician_id, now=timezone.now()) is None  # nobody can claim it again
    assert len(mail.outbox) == sent


def test_a_patient_who_opted_in_gets_a_plain_words_email_with_no_details(cast, db):
    alice = cast.alice.user
    response = cast.alice.client.patch("/api/v1/me/profile", {"urgent_alert_emails": True},
                                       content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["urgent_alert_emails"] is True
    alert = open_liver_injury(alice)
    own = [message for message in mail.outbox if message.to == ["alice@example.org"]]
    assert own and own[0].subject == PATIENT_SUBJECT
    body = own[0].body
    assert "liver" not in body.lower() and alert.title not in body and not [m for m in MARKERS if m in body]
    assert AlertNotification.objects.filter(alert__patient=alice, clinician=alice, sent_at__isnull=False).exists()


def test_without_opting_in_the_patient_gets_no_email(cast, db):
    open_liver_injury(cast.alice.user)
    assert not [message for message in mail.outbox if message.to == ["alice@example.org"]]
