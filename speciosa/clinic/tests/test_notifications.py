"""A clinician gets one e-mail per new urgent alert of a patient who shares with them, sent after the evaluation
commits, naming neither the patient nor the figures."""

import datetime as dt
import smtplib
from collections.abc import Sequence

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from speciosa.audit.models import AuditEntry
from speciosa.clinic.models import AlertNotification
from speciosa.clinic.tests.panel_data import stored_alert
from speciosa.diary.domain import record_lab
from speciosa.safety.domain import reevaluate, resolve_alert
from speciosa.safety.models import StoredAlert
from speciosa.safety.signals import alert_opened
from speciosa.safety.tasks import sweep
from speciosa.safety.tests.liver_state import MARKERS, open_liver_injury
from speciosa.testing import Cast

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("no mail server")


@pytest.fixture
def bob_has_an_address(cast: Cast) -> Cast:
    cast.bob.user.email = "bob@example.org"
    cast.bob.user.save(update_fields=["email"])
    return cast


# The cast's interaction alert opened before alice shared with anyone (build_cast): only the draw's alerts are new.
def test_a_new_urgent_alert_emails_each_clinician_who_is_shared_with_once(bob_has_an_address,
                                                                         django_capture_on_commit_callbacks):
    cast = bob_has_an_address
    with django_capture_on_commit_callbacks(execute=True):
        alert = open_liver_injury(cast.alice.user)
    urgent = list(StoredAlert.objects.filter(patient=cast.alice.user, severity="urgent", code__startswith="LIVER").values_list("pk", flat=True))
    assert alert.pk in urgent
    # bob and fay share with alice; erin's share was revoked and dave never had one.
    assert sorted(message.to for message in mail.outbox) == [["bob@example.org"]] * len(urgent) + [
        ["fay@example.org"]] * len(urgent)
    assert sorted(AlertNotification.objects.values_list("alert", "clinician")) == sorted(
        (pk, clinician.pk) for pk in urgent for clinician in (cast.bob.user, cast.fay.user))
    body = mail.outbox[0].body
    assert f"/clinic/patients/{cast.alice.user.pk}/" in body
    assert "alice" not in body.lower() and not [marker for marker in MARKERS if marker in body]
    with django_capture_on_commit_callbacks(execute=True):
        open_liver_injury(cast.alice.user)  # the same condition, re-evaluated: the same alerts
        reevaluate(cast.alice.user)
        alert_opened.send(sender=type(alert), alert=alert, patient=cast.alice.user)  # even a repeated signal
    assert len(mail.outbox) == 2 * len(urgent)


def test_each_urgent_alert_email_sent_is_an_audit_entry_of_the_patient(bob_has_an_address,
                                                                      django_capture_on_commit_callbacks):
    cast = bob_has_an_address
    with django_capture_on_commit_callbacks(execute=True):
        open_liver_injury(cast.alice.user)
    urgent = StoredAlert.objects.filter(patient=cast.alice.user, severity="urgent", code__startswith="LIVER").values_list("pk", flat=True)
    entries = AuditEntry.objects.filter(patient=cast.alice.user, action="export")
    assert len(mail.outbox) == entries.count() == 2 * len(urgent)  # bob's and fay's
    assert {(entry.actor, entry.actor_label) for entry in entries} == {(None, "Speciosa (automatic)")}
    assert sorted(entry.what for entry in entries) == sorted(
        f"e-mail to a clinician you share with: urgent alert {pk}" for pk in urgent for _ in range(2))
    assert not [marker for marker in MARKERS for entry in entries if marker in entry.what]


def test_an_alert_that_opens_again_after_being_resolved_is_a_new_alert(bob_has_an_address,
                                                                      django_capture_on_commit_callbacks):
    cast = bob_has_an_address
    with django_capture_on_commit_callbacks(execute=True):
        alert = open_liver_injury(cast.alice.user)
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        resolve_alert(alert, by=cast.bob.user, note="Reviewed")
        again = open_liver_injury(cast.alice.user)
    assert again.pk != alert.pk
    assert len(mail.outbox) == before + 2  # bob's and fay's
    assert AlertNotification.objects.filter(alert=again).count() == 2


def test_warnings_send_no_email(bob_has_an_address, django_capture_on_commit_callbacks):
    cast = bob_has_an_address
    with django_capture_on_commit_callbacks(execute=True):
        warning = stored_alert(cast.alice.user, "warning")
        alert_opened.send(sender=type(warning), alert=warning, patient=cast.alice.user)
    assert mail.outbox == []


def test_nothing_is_sent_when_the_evaluation_rolls_back(bob_has_an_address, django_capture_on_commit_callbacks):
    cast = bob_has_an_address
    alice = cast.alice.user
    drawn = timezone.now() - dt.timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        record_lab(alice, by=alice, code="ALT", value=987.5, unit="U/L", uln=41, collected_at=drawn)
        record_lab(alice, by=alice, code="ALP", value=97, unit="U/L", uln=121, collected_at=drawn)
        reevaluate(alice)  # evaluated (and its alert opened) inside the transaction that then fails
        assert StoredAlert.objects.filter(patient=alice, severity="urgent").exists()
        raise RuntimeError("the request failed after the evaluation")
    assert (mail.outbox, AlertNotification.objects.count()) == ([], 0)


def test_a_refusing_mail_server_is_logged_not_raised(bob_has_an_address, django_capture_on_commit_callbacks,
                                                     settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        open_liver_injury(bob_has_an_address.alice.user)
    assert AlertNotification.objects.exists()
    assert not AlertNotification.objects.filter(sent_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="export").exists()  # nothing was sent, nothing disclosed
    assert "could not e-mail recipient" in caplog.text
    # The claim was given back, so the minute sweep sends it when the server answers again (and only once).
    assert not AlertNotification.objects.filter(claimed_at__isnull=False).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + dt.timedelta(minutes=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(later).emails == AlertNotification.objects.count() > 0
        sweep(later)
    assert len(mail.outbox) == AlertNotification.objects.filter(sent_at__isnull=False).count() == \
        AlertNotification.objects.count()


def test_a_clinician_without_an_address_gets_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        open_liver_injury(cast.alice.user)  # bob has no address; fay has one
    assert {tuple(message.to) for message in mail.outbox} == {("fay@example.org",)}
    assert not AlertNotification.objects.filter(clinician=cast.bob.user).exists()
