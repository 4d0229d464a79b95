"""Page forms that hand their values to a domain verb and show its InputError beside the field it names.

Django forms parse the types (a number is a number, a date a date); the domain has the last word on what is valid.
Because every domain verb runs in one transaction, a refused submission stores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from speciosa.core.errors import InputError, each_error
from speciosa.lib.checks import CALENDAR_MESSAGE, within_calendar

# Domain messages that read as the end of a sentence ("is required") get the field's label in front.
_FRAGMENT = re.compile(r"^(is|must|contains|has|needs) ")


class DateTimeLocalInput(forms.DateTimeInput):
    """A phone's native date-and-time picker. The value is local wall-clock time, read in the active time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class _WithinCalendar:
    """Refuses a year outside FIRST_YEAR-LAST_YEAR the way a malformed date is refused: beside the field. Python
    parses 0001-01-01, but a week before it, or a UTC conversion near 9999-12-31, overflows."""

    def validate(self, value: Any) -> None:
        super().validate(value)  # type: ignore[misc]
        if value is not None and not within_calendar(value):
            raise ValidationError(CALENDAR_MESSAGE[:1].upper() + CALENDAR_MESSAGE[1:] + ".", code="calendar")


class CalendarDateField(_WithinCalendar, forms.DateField):
    """A date in the years any record may name (every page's date field)."""


class CalendarDateTimeField(_WithinCalendar, forms.DateTimeField):
    """A date and time in the years any record may name (every page's date-and-time field)."""


class DecimalInput(forms.NumberInput):
    """A number field that accepts any precision and brings up the decimal keypad on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"step": "any", "inputmode": "decimal", **(attrs or {})})


class LongSelect(forms.Select):
    """A <select> with hundreds of options (the time zones), written in Python instead of one template per option.

    Django renders each <option> through its own template: for the ~600 time zones that is most of the profile
    page's server time. The markup is the same as Django's (attributes, ``selected``, no optgroups).
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> Any:
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for _group, choices, _index in widget["optgroups"]:
            for option in choices:
                selected = " selected" if option["selected"] else ""
                options.append(format_html('<option value="{}"{}>{}</option>', option["value"],
                                           mark_safe(selected), option["label"]))  # noqa: S308 - a constant
        return format_html('<select name="{}"{}>\n{}\n</select>', widget["name"], flatatt(widget["attrs"]),
                           mark_safe("\n".join(options)))  # noqa: S308 - each option escaped by format_html


@dataclass(frozen=True)
class ErrorLink:
    """One line of an error summary: the id of the input it points at (None: the whole form) and its words."""

    anchor: str | None
    text: str


class DomainForm(forms.Form):
    """A form whose cleaned values go to one domain function, whose InputError lands on the named field."""

    # Domain field name -> form field name, where the two differ (``password`` is ``password1`` on a sign-up form).
    error_fields: ClassVar[dict[str, str]] = {}
    # What the domain function returned, once submit() succeeded.
    result: Any = None
    _domain_checked = False  # submit() ran the domain's checks: check_rest() has nothing to add

    def domain_values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def submit(self, write: Callable[[dict[str, Any]], object]) -> bool:
        """Calls ``write(values)`` and keeps what it returns in ``self.result``; True when it succeeded.

        On InputError each error is attached to its field and False is returned (the domain stored nothing).
        """
        self._domain_checked = True
        try:
            self.result = write(self.domain_values())
        except InputError as error:
            self.add_input_error(error)
            return False
        return True

    def add_input_error(self, error: InputError) -> None:
        """Attaches each error (an InputErrors carries several) to its field."""
        self._attach(error, skip=())

    def _attach(self, error: InputError, *, skip: Collection[str]) -> None:
        """Each error at its field, leaving the fields in ``skip`` as they are (they show an error of their own)."""
        for each in each_error(error):
            field = self.field_for(each.field)
            if field in skip:
                continue
            message = each.message
            if field is not None and _FRAGMENT.match(message):
                message = f"{self.fields[field].label or field} {message}"
            self.add_error(field, message[:1].upper() + message[1:])

    def check_rest(self, check: Callable[[dict[str, Any]], object]) -> None:
        """On a form Django refused, runs the domain's ``check`` on the fields that did parse and adds what it
        finds to the fields that show no error yet, so a person sees every problem at once rather than the
        domain's only after fixing Django's. ``check`` must not write (a preview, a dry run)."""
        if not self.is_bound or self._domain_checked or self.is_valid():
            return
        refused = set(self.errors)
        try:
            check(self.domain_values())
        except InputError as error:
            self._attach(error, skip=refused)

    def error_summary(self) -> list[ErrorLink]:
        """Every error for the summary at the top of the page, each pointing at its field (GOV.UK's error
        summary): the field's label in front of a message that does not already start with it."""
        links = [ErrorLink(None, str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            label = str(bound.label or name)
            anchor = bound.auto_id if not bound.field.widget.use_fieldset else f"{bound.auto_id}_0"
            links += [ErrorLink(anchor, str(message) if str(message).startswith(label) else f"{label}: {message}")
                      for message in self.errors[name]]
        return links

    def field_for(self, path: str) -> str | None:
        """The form field for a domain path: ``side_effects.nausea`` is ``side_effects__nausea``, ``conditions[2]``
        is ``conditions``; None (a form-wide error) when no field matches."""
        head = re.split(r"[.\[]", path, maxsplit=1)[0]
        for candidate in (path, path.replace(".", "__"), head):
            candidate = self.error_fields.get(candidate, candidate)
            if candidate in self.fields:
                return candidate
        return None


class TimelineRangeForm(forms.Form):
    """Which week the timeline shows: the seven days ending on ``until`` (default: today)."""

    until = CalendarDateField(label="Show the week ending", required=False, widget=DateInput())
