from __future__ import annotations

from django.conf import settings
from django.db import models

from speciosa.accounts.models import User


class LiveQuerySet(models.QuerySet):
    def live(self) -> LiveQuerySet:
        return self.filter(deleted_at__isnull=True)

    def of(self, patient: User) -> LiveQuerySet:
        return self.filter(patient=patient, deleted_at__isnull=True)


class PatientRecord(models.Model):
    """A row of a patient's record. Deleting keeps the row (marked) so that its history stays readable."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        abstract = True
