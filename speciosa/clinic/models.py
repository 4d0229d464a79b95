from __future__ import annotations

import datetime as dt
import hashlib

from django.db import models
from django.db.models import Q

from speciosa.accounts.models import User
from speciosa.clinic.enums import Scope, ShareStatus


class Share(models.Model):
    """A patient's consent for one clinician to see chosen parts of their record.

    It starts as an invitation (a one-time code, stored only as its digest), becomes active when the clinician
    accepts it, and ends when the patient revokes it or it expires. Rows are never deleted: the history of who could
    see what is part of the record. ``ended_at`` says when the end was recorded (and the people told).
    """

    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="shares_given")
    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="shares_received", null=True,
                                  blank=True)
    scopes = models.JSONField(default=list)  # list of Scope values
    can_edit_plan = models.BooleanField(default=False)
    invited_email = models.EmailField(blank=True)
    code_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    code_expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # When Speciosa recorded the end of an accepted share: the patient's revocation, or the periodic task noticing
    # that expires_at passed (it then logs and tells both sides once). Access never waits for it: status_at decides.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["clinician", "patient"]),
                   models.Index(fields=["ended_at", "expires_at"], name="clinic_share_to_end")]
        constraints = [
            models.CheckConstraint(condition=Q(accepted_at__isnull=True) | Q(clinician__isnull=False),
                                   name="clinic_share_accepted_has_clinician"),
        ]

    def __str__(self) -> str:
        return f"share {self.pk} of {self.patient_id} with {self.clinician_id or self.invited_email or '(invited)'}"

    @staticmethod
    def digest_of(code: str) -> str:
        return hashlib.sha256(code.strip().upper().encode()).hexdigest()

    def status_at(self, now: dt.datetime) -> ShareStatus:
        if self.revoked_at is not None:
            return ShareStatus.REVOKED
        if self.accepted_at is None:
            return ShareStatus.EXPIRED if now >= self.code_expires_at else ShareStatus.INVITED
        if self.expires_at is not None and now >= self.expires_at:
            return ShareStatus.EXPIRED
        return ShareStatus.ACTIVE

    def scope_labels(self) -> list[str]:
        return [Scope(value).label for value in self.scopes if value in Scope.values]


class ClinicalNote(models.Model):
    """A clinician's note on a patient, written while the patient shares with them. Append-only: a correction is a
    new note. Shown to its author (while the share lasts) and to the patient it is about."""

    MAX_LENGTH = 10_000

    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    # A deleted clinician account leaves its notes in the patient's record, unsigned.
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(max_length=MAX_LENGTH)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "author", "created_at"])]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.patient_id} by {self.author_id}"


class AlertNotification(models.Model):
    """That a clinician was e-mailed about a new urgent alert: at most one row, so one e-mail, per alert and
    clinician."""

    alert = models.ForeignKey("safety.StoredAlert", on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the one task that sends it (an atomic UPDATE ... WHERE claimed_at IS NULL), so a retried or repeated
    # task never sends twice; a claim older than CLAIM_EXPIRES (its worker died mid-send) may be taken again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # empty: not sent yet, or the mail server refused it

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "clinician"], name="clinic_one_notification_per_alert")]

    def __str__(self) -> str:
        return f"alert {self.alert_id} notified to {self.clinician_id}"


class NotesRead(models.Model):
    """When the patient last read their clinicians' notes, so Today can point out a note written since."""

    patient = models.OneToOneField(User, on_delete=models.CASCADE, primary_key=True, related_name="+")
    read_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"notes read by {self.patient_id} at {self.read_at:%Y-%m-%d %H:%M}"


class PatientReview(models.Model):
    """When a clinician last opened a patient's page: what appeared since is "new since my last review" on their
    panel. One row per clinician and patient, moved forward on each visit."""

    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    reviewed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clinician", "patient"], name="clinic_one_review_per_pair")]

    def __str__(self) -> str:
        return f"{self.clinician_id} reviewed {self.patient_id} at {self.reviewed_at:%Y-%m-%d %H:%M}"
