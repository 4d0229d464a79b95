from __future__ import annotations

from django.db import models

from speciosa.diary.models.base import PatientRecord


class Medication(PatientRecord):
    """Another medicine the patient takes; the safety engine matches it by RxNorm ingredient code, else by name."""

    name = models.CharField(max_length=120)
    rxnorm = models.CharField(max_length=16, blank=True)
    dose_text = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    stop = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
