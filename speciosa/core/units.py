"""Product forms, dose units, and the normalisation of a logged dose.

Every dose limit in Speciosa is in *leaf-equivalent grams*, so that a capsule, a spoon of powder and a shot of extract
can be compared with one plan. Leaf forms count the grams of leaf taken; extracts count their mitragynine divided by a
cited reference leaf content; concentrated 7-OH products claim no leaf equivalent (their potency is not comparable) and
are counted in mg of 7-OH. Every figure says whether it rests on a lab certificate, the label or a documented default.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from speciosa.core import reference
from speciosa.core.errors import InputError


class Form(StrEnum):
    POWDER = "powder"
    CAPSULE = "capsule"
    TABLET = "tablet"
    TEA = "tea"
    LIQUID_EXTRACT = "liquid_extract"
    POWDER_EXTRACT = "powder_extract"
    SHOT = "shot"
    SEVEN_OH = "7oh_product"


class Unit(StrEnum):
    G = "g"
    MG = "mg"
    CAPSULE = "capsule"
    TABLET = "tablet"
    ML = "ml"


class Basis(StrEnum):
    """Where an alkaloid content comes from, strongest first."""

    LAB = "lab"  # a certificate of analysis: laboratory, test date and batch all on record
    REPORTED = "reported"  # a lab figure the patient reports without the certificate's details
    LABEL = "label"
    DEFAULT = "default"


LEAF_FORMS = frozenset({Form.POWDER, Form.CAPSULE, Form.TABLET, Form.TEA})
EXTRACT_FORMS = frozenset({Form.LIQUID_EXTRACT, Form.POWDER_EXTRACT, Form.SHOT})
# Liquids carry their alkaloid content per ml; every other form per g.
LIQUID_FORMS = frozenset({Form.LIQUID_EXTRACT, Form.SHOT})
COUNTED_UNITS = frozenset({Unit.CAPSULE, Unit.TABLET})

UNITS_BY_FORM: dict[Form, tuple[Unit, ...]] = {
    Form.POWDER: (Unit.G, Unit.MG),
    Form.CAPSULE: (Unit.CAPSULE, Unit.G, Unit.MG),
    Form.TABLET: (Unit.TABLET, Unit.G, Unit.MG),
    Form.TEA: (Unit.G, Unit.MG),  # grams of leaf brewed
    Form.LIQUID_EXTRACT: (Unit.ML,),
    Form.SHOT: (Unit.ML,),
    Form.POWDER_EXTRACT: (Unit.G, Unit.MG),
    Form.SEVEN_OH: (Unit.TABLET, Unit.G, Unit.MG, Unit.ML),
}

# What one dose can plausibly be; beyond this a unit was almost certainly mistaken (500 g, not 5 g).
MAX_DOSE_MASS_G = 100.0
MAX_DOSE_VOLUME_ML = 500.0
MAX_DOSE_COUNT = 100.0


@dataclass(frozen=True, slots=True)
class ProductFacts:
    """What normalisation needs to know about a product; contents are mg per g, or per ml for liquid forms."""

    form: Form
    unit_mass_g: float | None = None
    mitragynine_content: float | None = None
    hydroxymitragynine_content: float | None = None
    content_basis: Basis = Basis.LAB


@dataclass(frozen=True, slots=True)
class NormalisedDose:
    leaf_equivalent_g: float | None
    mitragynine_mg: float
    hydroxymitragynine_mg: float
    mitragynine_basis: Basis
    hydroxymitragynine_basis: Basis
    is_7oh_product: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def units_for(form: Form) -> tuple[Unit, ...]:
    return UNITS_BY_FORM[form]


def reference_leaf_mitragynine_mg_per_g() -> float:
    return float(reference.load("product_defaults")["reference_leaf"]["mitragynine_mg_per_g"])


def default_content(form: Form) -> tuple[float, float] | None:
    """(mitragynine, 7-OH) mg per g documented for a form, or None where no published default exists (extracts)."""
    forms = reference.load("product_defaults")["forms"]
    row = forms["leaf"] if form in LEAF_FORMS else forms.get(form.value)
    if row is None:
        return None
    return float(row["mitragynine_mg_per_g"]), float(row["hydroxymitragynine_mg_per_g"])


def content_unit(form: Form) -> str:
    return "mg/ml" if form in LIQUID_FORMS else "mg/g"


def check_number(value: Any, field: str, *, minimum: float | None = None, maximum: float | None = None,
                 exclusive_minimum: bool = False) -> float:
    """A finite number within bounds; booleans are not numbers (JSON ``true`` is not 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(field, f"expected a number, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise InputError(field, "must be a finite number")
    if minimum is not None and (number <= minimum if exclusive_minimum else number < minimum):
        raise InputError(field, f"must be {'greater than' if exclusive_minimum else 'at least'} {minimum:g}")
    if maximum is not None and number > maximum:
        raise InputError(field, f"must be at most {maximum:g}")
    return number


def normalise_dose(product: ProductFacts, amount: float, unit: Unit | str) -> NormalisedDose:
    """Leaf-equivalent grams and alkaloid mg for ``amount`` ``unit`` of ``product``.

    Raises InputError naming ``amount``, ``unit`` or the product field that is missing.
    """
    amount = check_number(amount, "amount", minimum=0, exclusive_minimum=True)
    try:
        unit = Unit(unit)
    except ValueError:
        raise InputError("unit", f"unknown unit {unit!r}; expected one of {', '.join(u.value for u in Unit)}") from None
    allowed = UNITS_BY_FORM[product.form]
    if unit not in allowed:
        raise InputError("unit", f"{unit.value!r} does not fit form {product.form.value!r} "
                                 f"(use {', '.join(u.value for u in allowed)})")

    quantity = _quantity(product, amount, unit)  # grams, or ml for liquids
    mitragynine, hydroxy, mit_basis, oh_basis = _contents(product)
    mitragynine_mg = quantity * mitragynine
    hydroxy_mg = quantity * hydroxy

    if product.form in LEAF_FORMS:
        leaf_equivalent: float | None = quantity
    elif product.form in EXTRACT_FORMS:
        leaf_equivalent = mitragynine_mg / reference_leaf_mitragynine_mg_per_g()
    else:
        leaf_equivalent = None
    return NormalisedDose(
        leaf_equivalent_g=None if leaf_equivalent is None else round(leaf_equivalent, 4),
        mitragynine_mg=round(mitragynine_mg, 4),
        hydroxymitragynine_mg=round(hydroxy_mg, 4),
        mitragynine_basis=mit_basis,
        hydroxymitragynine_basis=oh_basis,
        is_7oh_product=product.form is Form.SEVEN_OH,
    )


def _quantity(product: ProductFacts, amount: float, unit: Unit) -> float:
    if unit in COUNTED_UNITS:
        if amount > MAX_DOSE_COUNT:
            raise InputError("amount", f"{amount:g} {unit.value}s is more than one dose can plausibly be "
                                       f"(at most {MAX_DOSE_COUNT:g}); check the amount")
        if product.unit_mass_g is None:
            raise InputError("product.unit_mass_g", f"the product's grams per {unit.value} are needed "
                                                    f"to log {unit.value}s")
        grams = amount * product.unit_mass_g
    elif unit is Unit.ML:
        if amount > MAX_DOSE_VOLUME_ML:
            raise InputError("amount", f"{amount:g} ml is more than one dose can plausibly be "
                                       f"(at most {MAX_DOSE_VOLUME_ML:g} ml); check the amount")
        return amount
    else:
        grams = amount / 1000 if unit is Unit.MG else amount
    if grams > MAX_DOSE_MASS_G:
        raise InputError("amount", f"{grams:g} g is more than one dose can plausibly be "
                                   f"(at most {MAX_DOSE_MASS_G:g} g); check the amount and unit")
    return grams


def _contents(product: ProductFacts) -> tuple[float, float, Basis, Basis]:
    defaults = default_content(product.form)
    if product.mitragynine_content is not None:
        mitragynine, mit_basis = product.mitragynine_content, product.content_basis
    elif defaults is not None:
        mitragynine, mit_basis = defaults[0], Basis.DEFAULT
    else:
        raise InputError("product.mitragynine_content",
                         f"a {product.form.value} has no published default content; "
                         "enter the mitragynine content from its lab certificate or label")
    if product.hydroxymitragynine_content is not None:
        hydroxy, oh_basis = product.hydroxymitragynine_content, product.content_basis
    elif defaults is not None:
        hydroxy, oh_basis = defaults[1], Basis.DEFAULT
    else:
        # An extract's 7-OH, unlabelled, is taken at the leaf's ratio to mitragynine (an estimate, marked default).
        leaf = default_content(Form.POWDER)
        assert leaf is not None
        hydroxy, oh_basis = mitragynine * leaf[1] / leaf[0], Basis.DEFAULT
    return mitragynine, hydroxy, mit_basis, oh_basis
