"""The charts page's period and the visit report's dates, read from the query string."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from speciosa.core.errors import InputError
from speciosa.lib.forms import CalendarDateField, DateInput
from speciosa.reports.periods import DEFAULT_DAYS, check_period, last_days
from speciosa.reports.queries import PERIODS


class PeriodForm(forms.Form):
    """Which period the charts cover: the last 30, 90 or 365 days."""

    days = forms.TypedChoiceField(label="Show the last", coerce=int, required=False,
                                  choices=[(days, f"{days} days") for days in PERIODS])

    def period(self, *, today: dt.date) -> tuple[dt.date, dt.date]:
        days = self.cleaned_data.get("days") if self.is_valid() else None
        return last_days(days or DEFAULT_DAYS, today=today)


RECORD_NUMBER_MAX = 40


class VisitReportForm(forms.Form):
    """The visit report's first and last day (``?from=&to=``, as the URL is documented), the clinic's own record
    number for the header (``record``, optional), and whether the patient's own notes go in (offered only where the
    viewer may see notes)."""

    def __init__(self, *args: Any, today: dt.date, notes_label: str | None, record_number: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # "from" is a Python keyword, so the fields are added by name rather than declared.
        self.fields["from"] = CalendarDateField(label="From", widget=DateInput())
        self.fields["to"] = CalendarDateField(label="To", widget=DateInput())
        if record_number:  # a clinician's: their clinic's number for the patient
            self.fields["record"] = forms.CharField(
                label="Record number (optional)", required=False, max_length=RECORD_NUMBER_MAX,
                help_text="Your clinic's number for this patient, printed in the report's header.")
        if notes_label:
            self.fields["notes"] = forms.BooleanField(label=notes_label, required=False)

    def clean(self) -> dict[str, Any]:
        values = super().clean() or {}
        if "from" in values and "to" in values:
            try:
                check_period(values["from"], values["to"], today=self.today)
            except InputError as error:
                self.add_error(error.field, error.message)
        return values

    def choice(self) -> tuple[dt.date, dt.date, bool]:
        """(first day, last day, include notes) of a valid form."""
        values = self.cleaned_data
        return values["from"], values["to"], bool(values.get("notes"))

    def record_number(self) -> str:
        return str(self.cleaned_data.get("record") or "")
