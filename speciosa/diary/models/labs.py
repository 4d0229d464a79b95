from __future__ import annotations

from django.db import models

from speciosa.diary.enums import LabCode
from speciosa.diary.models.base import PatientRecord


class LabResult(PatientRecord):
    """One liver test result with its own draw's upper limit of normal, so ×ULN never mixes laboratories."""

    code = models.CharField(max_length=8, choices=LabCode.choices)
    value = models.DecimalField(max_digits=10, decimal_places=3)
    unit = models.CharField(max_length=16)
    uln = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    collected_at = models.DateTimeField()

    class Meta:
        ordering = ["-collected_at", "code"]
        indexes = [models.Index(fields=["patient", "collected_at"])]

    def __str__(self) -> str:
        return f"{self.code} {self.value:g} {self.unit}"

    @property
    def times_uln(self) -> float | None:
        return None if not self.uln else float(self.value) / float(self.uln)
