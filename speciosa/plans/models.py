from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from speciosa.core.titration import Titration, leaf_limit_on, parse_titration


class Plan(models.Model):
    """A patient's treatment plan: one per patient; what it says lives in its versions."""

    patient = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"plan of {self.patient_id}"


class ImmutableVersion(Exception):
    """A saved plan version was about to change; a change to a plan is a new version."""


class PlanVersion(models.Model):
    """One version of a plan, as its clinician published it. Never edited once saved: a change is a new version.

    Only ``acknowledged_at`` (the patient read it) is ever written after creation. The version in force on a day is
    the newest one whose ``effective_from`` has come (speciosa.plans.queries.plan_in_force).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    # The patient key on every row, so the table distributes by patient like every other (DESIGN.md, Scale).
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    max_daily_leaf_g = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    max_daily_mitragynine_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    max_doses_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    # {"start_g", "step_g", "interval_days", "ceiling_g", "starts_on" (ISO date)} or null
    titration = models.JSONField(null=True, blank=True)
    lab_interval_days = models.PositiveSmallIntegerField(null=True, blank=True)
    instrument_schedule = models.JSONField(default=dict, blank=True)  # instrument id -> Frequency value
    non_drug_care = models.JSONField(default=list, blank=True)  # [{"kind": CareKind value, "goal": text}]
    review_on = models.DateField(null=True, blank=True)
    effective_from = models.DateField()
    authored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="plans_one_number_per_version")]
        indexes = [models.Index(fields=["patient", "effective_from"])]

    def __str__(self) -> str:
        return f"plan {self.plan_id} version {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and set(kwargs.get("update_fields") or ()) != {"acknowledged_at"}:
            raise ImmutableVersion("a saved plan version cannot change; publish a new version instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableVersion("plan versions are kept as the record of what was agreed")

    @property
    def schedule(self) -> Titration | None:
        """The titration schedule as the core's Titration, or None."""
        return parse_titration(self.titration, "titration")

    def limit_on(self, day: dt.date) -> float | None:
        """The leaf-equivalent limit on ``day`` (grams): the titration step capped by the plan's maximum, else the
        maximum; None when the plan sets no leaf limit. Never above ``max_daily_leaf_g``."""
        maximum = None if self.max_daily_leaf_g is None else float(self.max_daily_leaf_g)
        return leaf_limit_on(day, max_daily_leaf_g=maximum, titration=self.schedule)
