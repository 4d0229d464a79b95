"""Products a patient keeps."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.core.units import Form, Unit, default_content, normalise_dose, units_for
from speciosa.diary.domain.history import as_record, record_revision
from speciosa.diary.enums import ContentBasis, RevisionAction, VeinColour
from speciosa.diary.models import Dose, Product
from speciosa.lib.checks import check_date, check_decimal

PRODUCT_FIELDS = (
    "name", "form", "strain", "vein", "vendor", "batch", "unit_mass_g", "unit_volume_ml", "mitragynine_content",
    "hydroxymitragynine_content", "content_basis", "lab_name", "lab_date", "lab_batch", "favourite", "usual_amount",
    "usual_unit",
)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Checks a full set of product values; returns them cleaned. Raises InputError naming the field."""
    out: dict[str, Any] = {}
    out["name"] = clean_text(values.get("name"), "name", max_length=120, required=True)
    try:
        form = Form(str(values.get("form")))
    except ValueError:
        raise InputError("form", f"expected one of {', '.join(f.value for f in Form)}") from None
    out["form"] = form.value
    for field, length in (("strain", 80), ("vendor", 120), ("batch", 80), ("lab_name", 120), ("lab_batch", 80)):
        out[field] = clean_text(values.get(field), field, max_length=length)
    vein = values.get("vein") or ""
    if vein not in VeinColour.values:
        raise InputError("vein", f"expected one of {', '.join(v for v in VeinColour.values if v)}")
    out["vein"] = vein
    out["unit_mass_g"] = check_decimal(values.get("unit_mass_g"), "unit_mass_g", minimum=0, maximum=50, places=4,
                                       exclusive_minimum=True, optional=True)
    out["unit_volume_ml"] = check_decimal(values.get("unit_volume_ml"), "unit_volume_ml", minimum=0, maximum=2000,
                                          places=2, exclusive_minimum=True, optional=True)
    for field in ("mitragynine_content", "hydroxymitragynine_content"):
        out[field] = check_decimal(values.get(field), field, minimum=0, maximum=1000, places=4, optional=True)
    basis = values.get("content_basis") or ContentBasis.DEFAULT
    if basis not in ContentBasis.values:
        raise InputError("content_basis", f"expected one of {', '.join(ContentBasis.values)}")
    has_content = out["mitragynine_content"] is not None or out["hydroxymitragynine_content"] is not None
    if has_content and basis == ContentBasis.DEFAULT:
        basis = ContentBasis.LABEL  # a figure the patient typed in comes from somewhere: the label unless a lab
    if not has_content and basis != ContentBasis.DEFAULT:
        raise InputError("mitragynine_content", f"a {basis} basis needs the alkaloid content it states")
    out["content_basis"] = basis
    out["lab_date"] = check_date(values.get("lab_date"), "lab_date", allow_future=False)
    if basis == ContentBasis.LAB and not out["lab_name"]:
        raise InputError("lab_name", "a lab-tested content needs the laboratory's name (from the certificate)")
    if out["mitragynine_content"] is None and default_content(form) is None:
        raise InputError("mitragynine_content", f"a {form.value} has no published default content; "
                                                "enter the mitragynine content from its lab certificate or label")
    if form in (Form.CAPSULE, Form.TABLET) and out["unit_mass_g"] is None:
        raise InputError("unit_mass_g", f"grams of powder per {form.value} are needed")
    favourite = values.get("favourite", False)
    if not isinstance(favourite, bool):
        raise InputError("favourite", "expected true or false")
    out["favourite"] = favourite
    out["usual_amount"] = check_decimal(values.get("usual_amount"), "usual_amount", minimum=0, maximum=100000,
                                        exclusive_minimum=True, optional=True)
    usual_unit = values.get("usual_unit") or ""
    if usual_unit and usual_unit not in [u.value for u in units_for(form)]:
        raise InputError("usual_unit", f"{usual_unit!r} does not fit form {form.value!r} "
                                       f"(use {', '.join(u.value for u in units_for(form))})")
    if (out["usual_amount"] is None) != (not usual_unit):
        raise InputError("usual_amount" if out["usual_amount"] is None else "usual_unit",
                         "a usual dose needs both an amount and a unit")
    out["usual_unit"] = usual_unit
    if usual_unit:
        # The usual dose must itself be a valid dose of this product (so one tap can never log nonsense).
        probe = Product(**out)
        try:
            normalise_dose(probe.facts(), float(out["usual_amount"]), Unit(usual_unit))
        except InputError as error:
            raise InputError("usual_amount", error.message) from None
    return out


@transaction.atomic
def create_product(patient, *, by, **values: Any) -> Product:  # type: ignore[no-untyped-def]
    """Adds a product to the patient's shelf. Side effects: one revision entry."""
    unknown = set(values) - set(PRODUCT_FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "unknown field")
    product = Product.objects.create(patient=patient, **_clean(values))
    record_revision(product, action=RevisionAction.CREATE, by=by, before=None)
    return product


@transaction.atomic
def update_product(product: Product, *, by, **changes: Any) -> Product:  # type: ignore[no-untyped-def]
    """Changes a product. Side effects: re-normalises every live dose of it; one revision entry.

    Raises InputError if a logged dose would no longer fit the product (say, a new form without its unit).
    """
    unknown = set(changes) - set(PRODUCT_FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "unknown field")
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = as_record(product)
    current = {field: getattr(product, field) for field in PRODUCT_FIELDS}
    for key in ("unit_mass_g", "unit_volume_ml", "mitragynine_content", "hydroxymitragynine_content", "usual_amount"):
        if current[key] is not None:
            current[key] = float(current[key])
    cleaned = _clean({**current, **changes})
    for field, value in cleaned.items():
        setattr(product, field, value)
    product.save()
    facts = product.facts()
    for dose in Dose.objects.of(product.patient).filter(product=product):
        try:
            normalised = normalise_dose(facts, float(dose.amount), dose.unit)
        except InputError as error:
            raise InputError(error.field if error.field != "unit" else "form",
                             f"dose of {dose.taken_at:%Y-%m-%d %H:%M} no longer fits: {error.message}") from None
        _apply_normalised(dose, normalised)
        dose.save(update_fields=["leaf_equivalent_g", "mitragynine_mg", "hydroxymitragynine_mg",
                                 "mitragynine_basis", "hydroxymitragynine_basis", "updated_at"])
    record_revision(product, action=RevisionAction.UPDATE, by=by, before=before)
    return product


@transaction.atomic
def delete_product(product: Product, *, by) -> None:  # type: ignore[no-untyped-def]
    """Removes a product from the shelf; doses already logged keep it. Side effects: one revision entry."""
    before = as_record(product)
    product.deleted_at = timezone.now()
    product.favourite = False
    product.save(update_fields=["deleted_at", "favourite", "updated_at"])
    record_revision(product, action=RevisionAction.DELETE, by=by, before=before)


def _apply_normalised(dose: Dose, normalised) -> None:  # type: ignore[no-untyped-def]
    dose.leaf_equivalent_g = normalised.leaf_equivalent_g
    dose.mitragynine_mg = normalised.mitragynine_mg
    dose.hydroxymitragynine_mg = normalised.hydroxymitragynine_mg
    dose.mitragynine_basis = normalised.mitragynine_basis.value
    dose.hydroxymitragynine_basis = normalised.hydroxymitragynine_basis.value
