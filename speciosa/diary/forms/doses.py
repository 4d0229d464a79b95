from __future__ import annotations

import json
import uuid
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.core.units import Form, units_for
from speciosa.diary.enums import DoseReason, DoseUnit
from speciosa.diary.models import Dose, Product
from speciosa.diary.queries import last_used_product
from speciosa.diary.templatetags.diary_format import plain_number
from speciosa.lib.forms import CalendarDateTimeField, DateTimeLocalInput, DecimalInput, DomainForm


class DoseForm(DomainForm):
    """Log or change a dose. The time is the patient's local time (the page activates their zone)."""

    product = forms.ModelChoiceField(queryset=Product.objects.none(), empty_label=None)
    amount = forms.DecimalField(widget=DecimalInput())
    unit = forms.ChoiceField(choices=DoseUnit.choices)
    taken_at = CalendarDateTimeField(label="Time taken", widget=DateTimeLocalInput())
    reason = forms.ChoiceField(choices=[("", "Not stated"), *DoseReason.choices], required=False)
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    # A new dose's id, chosen when the form is drawn: sending the same form twice (a double tap, a reload, the
    # offline queue) stores one dose.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, patient: User, dose: Dose | None = None) -> None:
        self.dose = dose
        shelf = Q(patient=patient, deleted_at__isnull=True)
        if dose is not None:
            shelf |= Q(pk=dose.product_id)  # a dose keeps its product even after the product left the shelf
        products = Product.objects.filter(shelf)
        self.products = list(products)
        super().__init__(data, initial=self._initial(patient))
        product = self.fields["product"]
        assert isinstance(product, forms.ModelChoiceField)
        product.queryset = products
        if dose is not None:
            del self.fields["client_id"]  # a change is not a new record
        # The page's script reads this to make the unit (and the usual amount) follow the chosen product.
        product.widget.attrs["data-units"] = json.dumps({
            str(each.pk): {"units": [unit.value for unit in units_for(Form(each.form))],
                           "usual_unit": default_unit(each),
                           "usual_amount": plain_number(each.usual_amount) if each.usual_amount is not None else ""}
            for each in self.products}, separators=(",", ":"))

    def _initial(self, patient: User) -> dict[str, Any]:
        dose = self.dose
        if dose is not None:
            return {"product": dose.product_id, "amount": plain_number(dose.amount), "unit": dose.unit,
                    "taken_at": dose.taken_at, "reason": dose.reason, "note": dose.note}
        # The product of the last dose logged; else a favourite; else the first on the shelf.
        chosen = last_used_product(patient)
        if chosen is None or chosen.pk not in {each.pk for each in self.products}:
            chosen = next((each for each in self.products if each.favourite), self.products[0] if self.products else None)
        initial: dict[str, Any] = {"taken_at": timezone.now(), "client_id": uuid.uuid4()}
        if chosen is not None:
            initial.update(product=chosen.pk, unit=default_unit(chosen))
            if chosen.usual_amount is not None:
                initial["amount"] = plain_number(chosen.usual_amount)
        return initial

    def clean(self) -> dict[str, Any]:
        """A unit that does not fit the chosen product (a powder chosen while "capsules" stayed selected, without the
        page's script): the domain refuses it beside the unit, and the form comes back with the product's own unit
        selected, so a second press logs what was meant."""
        cleaned = super().clean() or {}
        product, unit = cleaned.get("product"), cleaned.get("unit")
        if (isinstance(product, Product) and unit and hasattr(self.data, "copy")
                and unit not in [each.value for each in units_for(Form(product.form))]):
            data = self.data.copy()
            data["unit"] = default_unit(product)
            self.data = data
        return cleaned

    def domain_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values["amount"] = float(values["amount"])
        if self.dose is not None and values["product"].pk == self.dose.product_id:
            del values["product"]  # unchanged: the domain need not re-check a product that may be off the shelf
        return values


def default_unit(product: Product) -> str:
    """The unit a dose of ``product`` starts in: its usual unit, else the first that fits its form."""
    fitting = [each.value for each in units_for(Form(product.form))]
    return product.usual_unit if product.usual_unit in fitting else fitting[0]
