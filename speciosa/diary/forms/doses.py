from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.core.units import Form, units_for
from speciosa.diary.enums import DoseReason, DoseUnit
from speciosa.diary.models import Dose, Product
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
        super().__init__(data, initial=self._initial(products))
        product = self.fields["product"]
        assert isinstance(product, forms.ModelChoiceField)
        product.queryset = products
        if dose is not None:
            del self.fields["client_id"]  # a change is not a new record

    def _initial(self, products) -> dict[str, Any]:
        dose = self.dose
        if dose is not None:
            return {"product": dose.product_id, "amount": plain_number(dose.amount), "unit": dose.unit,
                    "taken_at": dose.taken_at, "reason": dose.reason, "note": dose.note}
        first = products.first()
        initial: dict[str, Any] = {"taken_at": timezone.now(), "client_id": uuid.uuid4()}
        if first is not None:
            initial.update(product=first.pk, unit=first.usual_unit or units_for(Form(first.form))[0].value)
            if first.usual_amount is not None:
                initial["amount"] = plain_number(first.usual_amount)
        return initial

    def domain_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values["amount"] = float(values["amount"])
        if self.dose is not None and values["product"].pk == self.dose.product_id:
            del values["product"]  # unchanged: the domain need not re-check a product that may be off the shelf
        return values
