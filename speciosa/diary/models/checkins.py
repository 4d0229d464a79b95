from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from speciosa.diary.models.base import PatientRecord

_0_10 = [MinValueValidator(0), MaxValueValidator(10)]


class Checkin(PatientRecord):
    """How the patient is: ratings 0-10 (0 = none or worst, as labelled on the form) and graded symptoms 0-3."""

    at = models.DateTimeField()
    pain_now = models.PositiveSmallIntegerField(null=True, blank=True, validators=_0_10)
    pain_avg_24h = models.PositiveSmallIntegerField(null=True, blank=True, validators=_0_10)
    mood = models.PositiveSmallIntegerField(null=True, blank=True, validators=_0_10)
    energy = models.PositiveSmallIntegerField(null=True, blank=True, validators=_0_10)
    sleep_quality = models.PositiveSmallIntegerField(null=True, blank=True, validators=_0_10)
    function = models.PositiveSmallIntegerField(null=True, blank=True, validators=_0_10)
    side_effects = models.JSONField(default=dict, blank=True)  # {"nausea": 1, ...}, grades 0-3
    withdrawal = models.JSONField(default=dict, blank=True)  # {"craving": 2, ...}, grades 0-3
    note = models.TextField(blank=True, max_length=4000)
    # The id the phone gave this record: a retry (an offline queue sending again) finds it instead of adding another.
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["patient", "client_id"], name="checkin_client_id_once")]
        indexes = [models.Index(fields=["patient", "at"])]

    def __str__(self) -> str:
        return f"check-in at {self.at:%Y-%m-%d %H:%M}"
