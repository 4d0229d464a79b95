from __future__ import annotations

from django.conf import settings
from django.db import models

from speciosa.safety.enums import AlertSeverity, AlertStatus


class StoredAlert(models.Model):
    """An alert as the patient and clinicians see it over time: first and last seen, and its status.

    One row per rule code while the condition holds; when a re-evaluation no longer finds it, the row is resolved.
    If the condition returns later, a new row opens, so the history of each episode stays readable.
    """

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    severity = models.CharField(max_length=10, choices=AlertSeverity.choices)
    title = models.CharField(max_length=200)
    message = models.TextField()
    action = models.TextField()
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
    note = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["status", "-last_seen"]
        indexes = [models.Index(fields=["patient", "status"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.status})"

    @property
    def severity_rank(self) -> int:
        return {"info": 0, "warning": 1, "urgent": 2}[self.severity]
