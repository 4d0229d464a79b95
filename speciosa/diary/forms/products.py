from __future__ import annotations

from typing import Any

from django import forms

from speciosa.diary import enums
from speciosa.diary.domain.products import PRODUCT_FIELDS
from speciosa.diary.models import Product
from speciosa.diary.templatetags.diary_format import plain_number
from speciosa.lib.forms import CalendarDateField, DateInput, DecimalInput, DomainForm

_DECIMALS = ("unit_mass_g", "unit_volume_ml", "mitragynine_content", "hydroxymitragynine_content", "usual_amount")


class ProductForm(DomainForm):
    """Every field of a product. Contents left empty fall back to the documented default for the form."""

    name = forms.CharField(max_length=120)
    form = forms.ChoiceField(choices=enums.ProductForm.choices)
    strain = forms.CharField(required=False, max_length=80)
    vein = forms.ChoiceField(label="Vein colour", choices=enums.VeinColour.choices, required=False)
    vendor = forms.CharField(required=False, max_length=120)
    batch = forms.CharField(label="Batch or lot", required=False, max_length=80)
    unit_mass_g = forms.DecimalField(label="Grams per capsule or tablet", required=False, widget=DecimalInput(),
                                     help_text="Needed for capsules and tablets.")
    unit_volume_ml = forms.DecimalField(label="Millilitres per bottle or shot", required=False,
                                        widget=DecimalInput())
    mitragynine_content = forms.DecimalField(
        label="Mitragynine content", required=False, widget=DecimalInput(),
        help_text="mg per g (mg per ml for liquid extracts and shots). Leave empty to use the documented default "
                  "for the form; figures from a default are estimates.")
    hydroxymitragynine_content = forms.DecimalField(
        label="7-hydroxymitragynine (7-OH) content", required=False, widget=DecimalInput(),
        help_text="Same units as the mitragynine content.")
    content_basis = forms.ChoiceField(label="Where the contents come from", choices=enums.ContentBasis.choices,
                                      widget=forms.RadioSelect, initial=enums.ContentBasis.DEFAULT)
    lab_name = forms.CharField(label="Laboratory", required=False, max_length=120,
                               help_text="From the certificate of analysis. A lab certificate basis needs the "
                                         "laboratory, the test date and the batch; without them choose "
                                         "\"Lab result, self-reported\".")
    lab_date = CalendarDateField(label="Date of the lab test", required=False, widget=DateInput())
    lab_batch = forms.CharField(label="Batch on the certificate", required=False, max_length=80)
    favourite = forms.BooleanField(label="Favourite: show a one-tap button on the Today page", required=False)
    usual_amount = forms.DecimalField(label="Usual amount", required=False, widget=DecimalInput())
    usual_unit = forms.ChoiceField(label="Usual unit", choices=[("", "Not set"), *enums.DoseUnit.choices],
                                   required=False)

    @staticmethod
    def initial_for(product: Product) -> dict[str, Any]:
        initial = {name: getattr(product, name) for name in PRODUCT_FIELDS}
        for name in _DECIMALS:
            initial[name] = plain_number(initial[name], 4)
        return initial
