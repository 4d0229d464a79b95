from __future__ import annotations

from django.db import models

from speciosa.core.units import Basis, Form, ProductFacts
from speciosa.diary.enums import ContentBasis, DoseUnit, ProductForm, VeinColour
from speciosa.diary.models.base import PatientRecord


class Product(PatientRecord):
    """A product a patient keeps: form, strain, vendor and batch, and its alkaloid content with where that comes from.

    Contents are mg per g, or mg per ml for liquid forms (liquid extracts and shots). Left empty, the core uses the
    documented default for the form where one exists and marks every figure computed from it as such.
    """

    name = models.CharField(max_length=120)
    form = models.CharField(max_length=20, choices=ProductForm.choices)
    strain = models.CharField(max_length=80, blank=True)
    vein = models.CharField(max_length=10, choices=VeinColour.choices, blank=True)
    vendor = models.CharField(max_length=120, blank=True)
    batch = models.CharField(max_length=80, blank=True)
    unit_mass_g = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    unit_volume_ml = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    mitragynine_content = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    hydroxymitragynine_content = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    content_basis = models.CharField(max_length=10, choices=ContentBasis.choices, default=ContentBasis.DEFAULT)
    lab_name = models.CharField(max_length=120, blank=True)
    lab_date = models.DateField(null=True, blank=True)
    lab_batch = models.CharField(max_length=80, blank=True)
    favourite = models.BooleanField(default=False)
    usual_amount = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    usual_unit = models.CharField(max_length=10, choices=DoseUnit.choices, blank=True)

    class Meta:
        ordering = ["-favourite", "name"]
        indexes = [models.Index(fields=["patient", "deleted_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def lab_tested(self) -> bool:
        """True only for a complete certificate: a "lab" basis with the laboratory, test date and batch on record.

        The basis alone is a claim anyone can type; what silences PRODUCT_NOT_LAB_TESTED is a certificate one can
        trace. Rows from before the details were required were relabelled "reported" by migration; this check
        holds even if one slipped through.
        """
        return (self.content_basis == ContentBasis.LAB and bool(self.lab_name) and self.lab_date is not None
                and bool(self.lab_batch))

    def facts(self) -> ProductFacts:
        return ProductFacts(
            form=Form(self.form),
            unit_mass_g=_float(self.unit_mass_g),
            mitragynine_content=_float(self.mitragynine_content),
            hydroxymitragynine_content=_float(self.hydroxymitragynine_content),
            content_basis=Basis(self.content_basis),
        )


def _float(value) -> float | None:
    return None if value is None else float(value)
