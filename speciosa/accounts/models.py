from __future__ import annotations

import hashlib
import zoneinfo
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from speciosa.accounts.enums import Role, Sex


class User(AbstractUser):
    """A person who signs in. The role decides which rooms they enter; sharing decides which patients they see."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new password (changed, reset, or set by an administrator) ends every bearer token of this person:
        whoever holds a stolen one loses it with the old password. ``set_password`` leaves the new raw password
        in ``_password`` until the next save; rehashing the same password on sign-in clears it first."""
        password_changed = getattr(self, "_password", None) is not None  # AbstractBaseUser keeps it there
        super().save(*args, **kwargs)
        if password_changed and self.pk is not None:
            ApiToken.objects.filter(user=self).delete()

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT


class PatientProfile(models.Model):
    """What the safety engine and the pages need to know about a patient; every field may be left blank."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    sex = models.CharField(max_length=16, choices=Sex.choices, blank=True)
    weight_kg = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(20), MaxValueValidator(400)],
    )
    pregnant = models.BooleanField(default=False)
    breastfeeding = models.BooleanField(default=False)
    time_zone = models.CharField(max_length=64, default="UTC")
    jurisdiction = models.CharField(
        max_length=40, blank=True, help_text="ISO 3166-2 code (US-FL), a country (GB), or a city or county (US-CA-SAN_DIEGO)"
    )
    conditions = models.JSONField(default=list, blank=True)
    comorbidities = models.JSONField(default=list, blank=True)
    goals = models.TextField(blank=True, max_length=4000)
    # Opt-in: an e-mail (plain words, no health details) when one of the patient's own alerts becomes urgent.
    urgent_alert_emails = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.user.username}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or "UTC")


class ApiToken(models.Model):
    """A bearer token for API clients (see speciosa.accounts.tokens). Only its SHA-256 is stored, so a copied
    database gives no usable token; it stops working at ``expires_at``, which each use slides forward."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"token {self.label or self.pk} of {self.user.username}"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()
