from __future__ import annotations

from typing import Any

from django import forms

from speciosa.diary.domain.medications import MEDICATION_FIELDS
from speciosa.diary.models import Medication
from speciosa.lib.forms import CalendarDateField, DateInput, DomainForm


class MedicationForm(DomainForm):
    name = forms.CharField(max_length=120, help_text="As on the box or prescription, such as Oxycodone HCl.")
    rxnorm = forms.CharField(label="RxNorm code", required=False, max_length=16,
                             help_text="Optional: digits only, such as 7804 for oxycodone. It helps match "
                                       "interactions exactly.")
    dose_text = forms.CharField(label="How you take it", required=False, max_length=200)
    start = CalendarDateField(label="Started", required=False, widget=DateInput())
    stop = CalendarDateField(label="Stopped", required=False, widget=DateInput())

    @staticmethod
    def initial_for(medication: Medication) -> dict[str, Any]:
        return {name: getattr(medication, name) for name in MEDICATION_FIELDS}
