"""Products a patient keeps."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from django.db import transaction

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.core.units import Form, Unit, default_content, normalise_dose, units_for
from speciosa.diary.domain.fields import Numeric, field_names, refuse_unknown
from speciosa.diary.domain.history import as_record, record_revision, soft_delete
from speciosa.diary.enums import ContentBasis, RevisionAction, VeinColour
from speciosa.diary.models import Dose, Product
from speciosa.lib.checks import check_date, check_decimal


class ProductChanges(TypedDict, total=False):
    name: str
    form: str  # a ProductForm value: powder, capsule, tablet, ...
    strain: str | None
    vein: str | None  # a VeinColour value, or empty
    vendor: str | None
    batch: str | None
    unit_mass_g: Numeric | None  # grams of powder per capsule or tablet
    unit_volume_ml: Numeric | None  # millilitres per bottle or shot
    mitragynine_content: Numeric | None  # mg per g, or per ml for liquid forms
    hydroxymitragynine_content: Numeric | None
    content_basis: str | None  # a ContentBasis value: what the contents rest on
    lab_name: str | None
    lab_date: dt.date | None
    lab_batch: str | None
    favourite: bool
    usual_amount: Numeric | None  # the one-tap dose: both amount and unit, or neither
    usual_unit: str | None


PRODUCT_FIELDS = field_names(ProductChanges)


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
    if basis == ContentBasis.LAB:
        # "Lab tested" silences PRODUCT_NOT_LAB_TESTED, so it must name a certificate one can trace: its laboratory,
        # test date and batch. A lab figure without them is still worth keeping, under the "reported" basis.
        for field, what in (("lab_name", "laboratory's name"), ("lab_date", "test date"), ("lab_batch", "batch")):
            if not out[field]:
                raise InputError(field, f"a lab-tested content needs the {what} (from the certificate); "
                                        "without the certificate, choose the self-reported lab result basis")
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
def create_product(patient: User, *, by: User, name: str, form: str, strain: str = "", vein: str = "",
                   vendor: str = "", batch: str = "", unit_mass_g: Numeric | None = None,
                   unit_volume_ml: Numeric | None = None, mitragynine_content: Numeric | None = None,
                   hydroxymitragynine_content: Numeric | None = None, content_basis: str = "", lab_name: str = "",
                   lab_date: dt.date | None = None, lab_batch: str = "", favourite: bool = False,
                   usual_amount: Numeric | None = None, usual_unit: str = "") -> Product:
    """Adds a product to the patient's shelf. Side effects: one revision entry.

    Contents left out fall back on the form's documented default where one exists; contents given without a basis
    count as the label's. Raises InputError naming the field for any bad input; nothing is stored then.
    """
    values = {
        "name": name, "form": form, "strain": strain, "vein": vein, "vendor": vendor, "batch": batch,
        "unit_mass_g": unit_mass_g, "unit_volume_ml": unit_volume_ml, "mitragynine_content": mitragynine_content,
        "hydroxymitragynine_content": hydroxymitragynine_content, "content_basis": content_basis,
        "lab_name": lab_name, "lab_date": lab_date, "lab_batch": lab_batch, "favourite": favourite,
        "usual_amount": usual_amount, "usual_unit": usual_unit,
    }
    product = Product.objects.create(patient=patient, **_clean(values))
    record_revision(product, action=RevisionAction.CREATE, by=by, before=None)
    return product


@transaction.atomic
def update_product(product: Product, *, by: User, **changes: Unpack[ProductChanges]) -> Product:
    """Changes a product. Side effects: re-normalises every live dose of it; one revision entry.

    Raises InputError if a logged dose would no longer fit the product (say, a new form without its unit).
    """
    refuse_unknown(changes, PRODUCT_FIELDS)
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
        dose.apply(normalised)
        dose.save(update_fields=[*Dose.NORMALISED_FIELDS, "updated_at"])
    record_revision(product, action=RevisionAction.UPDATE, by=by, before=before)
    return product


def delete_product(product: Product, *, by: User) -> None:
    """Removes a product from the shelf; doses already logged keep it. Side effects: one revision entry."""
    soft_delete(product, by=by, also_set={"favourite": False})
