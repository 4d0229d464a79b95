"""Page forms: a questionnaire (one radio group per item), the patient's own schedule, and reminder settings."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from speciosa.core.instruments import Instrument, all_instruments
from speciosa.instruments.enums import Frequency
from speciosa.lib.forms import DomainForm

_ITEM = re.compile(r"^answers\[(\d+)\]$")


class QuestionnaireForm(DomainForm):
    """One required radio group per item, named ``item_<n>``; the core's ``answers[n]`` error lands on it."""

    def __init__(self, data: Any = None, *, instrument: Instrument) -> None:
        super().__init__(data)
        self.instrument = instrument
        wide = max(len(item.options) for item in instrument.items) > 5
        for index, item in enumerate(instrument.items):
            self.fields[f"item_{index}"] = forms.TypedChoiceField(
                label=f"{index + 1}. {item.text}", choices=[(o.value, o.label) for o in item.options], coerce=int,
                widget=forms.RadioSelect, error_messages={"required": "Please choose an answer."})
        self.scale = wide  # 0-10 scales show as a row of numbers

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item_{index}"] for index in range(len(self.instrument.items))]

    def domain_values(self) -> dict[str, Any]:
        return {"instrument": self.instrument.id, "answers": self.answers()}

    def field_for(self, path: str) -> str | None:
        match = _ITEM.match(path)
        if match and f"item_{match.group(1)}" in self.fields:
            return f"item_{match.group(1)}"
        return None


class ScheduleForm(DomainForm):
    """How often the patient wants each questionnaire; blank = not scheduled."""

    def __init__(self, data: Any = None, *, current: dict[str, str]) -> None:
        super().__init__(data, initial=current)
        for instrument in all_instruments():
            self.fields[instrument.id] = forms.ChoiceField(
                label=instrument.short_title, required=False, help_text=instrument.purpose,
                choices=[("", "Not scheduled"), *Frequency.choices])

    def domain_values(self) -> dict[str, Any]:
        return {"entries": {name: value for name, value in self.cleaned_data.items() if value}}

    def field_for(self, path: str) -> str | None:
        return None  # the form offers only valid choices; anything else is a form-wide error


class ReminderForm(DomainForm):
    email_opt_in = forms.BooleanField(label="E-mail me when a questionnaire is due", required=False)
    quiet_from = forms.TimeField(label="Quiet hours start", widget=forms.TimeInput(attrs={"type": "time"},
                                                                                     format="%H:%M"),
                                 help_text="No reminder e-mails between these times (your time zone).")
    quiet_to = forms.TimeField(label="Quiet hours end", widget=forms.TimeInput(attrs={"type": "time"},
                                                                                 format="%H:%M"))
