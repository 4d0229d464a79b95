from __future__ import annotations

from django.db import models

from speciosa.core.units import NormalisedDose
from speciosa.diary.enums import ContentBasis, DoseReason, DoseUnit
from speciosa.diary.models.base import PatientRecord
from speciosa.diary.models.products import Product


class Dose(PatientRecord):
    """One dose as the patient logged it, with the core's normalisation stored beside it for fast totals."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="doses")
    amount = models.DecimalField(max_digits=9, decimal_places=3)
    unit = models.CharField(max_length=10, choices=DoseUnit.choices)
    taken_at = models.DateTimeField()
    reason = models.CharField(max_length=12, choices=DoseReason.choices, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    # The id the phone gave this record: a retry (an offline queue sending again) finds it instead of adding another.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    # Normalised by speciosa.core.units at write time; recomputed whenever the dose or its product changes.
    leaf_equivalent_g = models.FloatField(null=True, blank=True)
    mitragynine_mg = models.FloatField()
    hydroxymitragynine_mg = models.FloatField()
    mitragynine_basis = models.CharField(max_length=10, choices=ContentBasis.choices)
    hydroxymitragynine_basis = models.CharField(max_length=10, choices=ContentBasis.choices)

    # The fields apply() sets: what to save when only the normalisation changed (its product was edited).
    NORMALISED_FIELDS = ("leaf_equivalent_g", "mitragynine_mg", "hydroxymitragynine_mg", "mitragynine_basis",
                         "hydroxymitragynine_basis")

    class Meta:
        ordering = ["-taken_at"]
        constraints = [models.UniqueConstraint(fields=["patient", "client_id"], name="dose_client_id_once")]
        indexes = [models.Index(fields=["patient", "taken_at"])]

    def __str__(self) -> str:
        return f"{self.amount:g} {self.unit} of {self.product} at {self.taken_at:%Y-%m-%d %H:%M}"

    def apply(self, normalised: NormalisedDose) -> None:
        """Stores the core's normalisation beside the amount the patient logged (the caller saves)."""
        self.leaf_equivalent_g = normalised.leaf_equivalent_g
        self.mitragynine_mg = normalised.mitragynine_mg
        self.hydroxymitragynine_mg = normalised.hydroxymitragynine_mg
        self.mitragynine_basis = normalised.mitragynine_basis.value
        self.hydroxymitragynine_basis = normalised.hydroxymitragynine_basis.value
