from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from speciosa.core.codes import LAB_UNITS
from speciosa.diary.enums import LabCode
from speciosa.diary.models import LabResult
from speciosa.diary.templatetags.diary_format import plain_number
from speciosa.lib.forms import CalendarDateTimeField, DateTimeLocalInput, DecimalInput, DomainForm

_UNITS = list(dict.fromkeys(unit for units in LAB_UNITS.values() for unit in units))


class LabForm(DomainForm):
    """A liver test result with the upper limit of normal printed beside it, so it can be read as ×ULN."""

    code = forms.ChoiceField(label="Test", choices=LabCode.choices)
    value = forms.DecimalField(label="Result", widget=DecimalInput())
    unit = forms.ChoiceField(choices=[("", "The usual unit for this test"), *((u, u) for u in _UNITS)],
                             required=False)
    uln = forms.DecimalField(label="Upper limit of normal", required=False, widget=DecimalInput(),
                             help_text="Printed beside the result on the lab report (not needed for INR).")
    collected_at = CalendarDateTimeField(label="When the blood was taken", widget=DateTimeLocalInput())

    @staticmethod
    def initial_for(lab: LabResult | None) -> dict[str, Any]:
        if lab is None:
            return {"collected_at": timezone.now()}
        return {"code": lab.code, "value": plain_number(lab.value), "unit": lab.unit,
                "uln": plain_number(lab.uln), "collected_at": lab.collected_at}
