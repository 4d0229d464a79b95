"""The revision trail's rows, and the one name by which a record is found in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from speciosa.diary.enums import RevisionAction


class Revision(models.Model):
    """One change to a diary record: who, when, what it was before and after. Append-only."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    record_type = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=RevisionAction.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.record_type} {self.record_id}"


def record_type_of(record: models.Model) -> str:
    """The ``record_type`` a record's revisions are stored under (its model's name: ``dose``, ``response``).

    Writing and reading the trail both go through this, so they cannot disagree on how a kind of record is named.
    """
    return str(record._meta.model_name)
