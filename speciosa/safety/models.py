from __future__ import annotations

from django.conf import settings
from django.db import models

from speciosa.safety.enums import AlertSeverity, AlertStatus, EntryKind, EntryRole


class StoredAlert(models.Model):
    """An alert as the patient and clinicians see it over time: first and last seen, and its status.

    One row per rule code while the condition holds; when a re-evaluation no longer finds it, the row is resolved.
    If the condition returns later, a new row opens, so the history of each episode stays readable.

    Two voices (speciosa.core.safety.alert): ``title``, ``message`` and ``action`` are the patient's plain first
    layer; ``clinical_title`` and ``clinical_message`` the clinician's. Patient channels show the plain layer with
    the clinical message behind it ("for your clinician"); every channel that shows the alert to someone else draws
    it through speciosa.safety.disclosure, which gives the clinical voice. Rows stored before the two voices have
    empty clinical fields until the next evaluation, and fall back to the plain ones.
    """

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    severity = models.CharField(max_length=10, choices=AlertSeverity.choices)
    title = models.CharField(max_length=200)
    message = models.TextField()
    action = models.TextField()
    clinical_title = models.CharField(max_length=200, blank=True, default="")
    clinical_message = models.TextField(blank=True, default="")
    evidence = models.JSONField(default=dict)
    sources = models.JSONField(default=list)
    rule_version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=14, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-last_seen"]
        indexes = [models.Index(fields=["patient", "status"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.status})"

    @property
    def severity_rank(self) -> int:
        return {"info": 0, "warning": 1, "urgent": 2}[self.severity]


class AlertEntry(models.Model):
    """One entry of an alert's conversation: an acknowledgement, a resolution or a comment, with its author and time.

    Append-only: the app creates entries and never changes or deletes one, so what someone wrote stays theirs and
    a later entry (anyone's) cannot replace it. ``acknowledged_by`` / ``acknowledged_at`` / ``status`` on the alert
    stay the alert's state; these rows are what each person said. Who may read which entry is
    speciosa.safety.disclosure's to decide (``entries_as_shown``).
    """

    MAX_LENGTH = 4000

    alert = models.ForeignKey(StoredAlert, on_delete=models.CASCADE, related_name="entries")
    # The patient the alert is about, so the patient's archive and erasure find their conversations with the rest.
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # A closed clinician account leaves its entries in the patient's record, unsigned (as clinical notes do).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=10, choices=EntryRole.choices)
    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    text = models.TextField(blank=True, max_length=MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["alert", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} on alert {self.alert_id} by {self.author_id} ({self.role})"


class EvaluationState(models.Model):
    """Whether a patient's alerts await re-evaluation after a change to their record.

    A write only marks the patient (one small upsert, speciosa.safety.domain.mark_pending) and enqueues the
    evaluation after it commits; a worker runs the rules within seconds, and the minute sweep catches a task that
    was lost. Until then readers show the patient as "being checked", never as a confident "none open". The row is
    also the per-patient lock that keeps two concurrent evaluations from opening the same alert twice.
    """

    patient = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                   related_name="+")
    pending_since = models.DateTimeField(null=True, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"evaluation state of patient {self.patient_id}"
