"""Page forms for sharing, the panel, alerts and clinical notes; the domain has the last word on every value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from speciosa.clinic.enums import Scope
from speciosa.clinic.models import ClinicalNote
from speciosa.lib.forms import CalendarDateField, DateInput, DomainForm
from speciosa.reports.panel import sort_key


class InviteForm(DomainForm):
    scopes = forms.MultipleChoiceField(
        label="What to share", choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False,
        initial=list(Scope.values),
        help_text="Your clinician sees only these parts of your record. Which alerts you have, and how serious, "
                  "is shared with every clinician you invite: watching over them is what sharing is for. What an "
                  "alert says, and the figures behind it, only if you share the first three parts.")
    can_edit_plan = forms.BooleanField(
        label="They may also write and change my treatment plan", required=False,
        help_text="Leave this off to share for reading only.")
    expires_on = CalendarDateField(
        label="Share until", required=False, widget=DateInput(),
        help_text="The share ends at the end of this day. Leave empty to share until you revoke it.")
    email = forms.EmailField(
        label="E-mail the invitation to", required=False, max_length=254,
        help_text="Your clinician's address. Or leave empty and give them the code yourself.")
    error_fields = {"expires_at": "expires_on"}

    def domain_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        day = values.pop("expires_on")
        # Through the end of the chosen day, in the patient's time zone (active for the request).
        values["expires_at"] = None if day is None else dt.datetime.combine(
            day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone())
        return values


class AcceptForm(DomainForm):
    code = forms.CharField(label="Invitation code", max_length=40,
                           help_text="The ten letters and digits your patient gave you, such as ABCDE-FGHJK.",
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "spellcheck": "false"}))


class AlertActionForm(DomainForm):
    """The words of an acknowledgement, a resolution or a comment; which button was pressed is the view's to read."""

    error_fields = {"text": "note"}  # a comment's words are the domain's ``text``

    note = forms.CharField(label="Note or comment", required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="The patient reads it. Optional when you acknowledge or resolve; needed for a "
                                     "comment. For example a call with the patient, or labs ordered.")


class NoteForm(DomainForm):
    text = forms.CharField(label="New note", max_length=ClinicalNote.MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Seen by you and by the patient. Notes are kept as written; add a new note "
                                     "to correct one.")


class PanelFilterForm(forms.Form):
    q = forms.CharField(label="Search by name or username", required=False, max_length=100)
    unacknowledged = forms.BooleanField(label="Not yet acknowledged", required=False)
    urgent = forms.BooleanField(label="Urgent or being checked", required=False)
    warning = forms.BooleanField(label="Has a warning", required=False)
    labs_overdue = forms.BooleanField(label="Liver tests overdue", required=False)
    review_due = forms.BooleanField(label="Plan review due", required=False)
    inactive = forms.BooleanField(label="Nothing recorded in 7 days", required=False)
    sort = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def clean_q(self) -> str:
        return str(self.cleaned_data["q"]).replace("\x00", "")

    def clean_sort(self) -> str:
        """An unknown order is the default one (a sort link is never typed by hand)."""
        key, reverse = sort_key(str(self.cleaned_data["sort"] or ""))
        return f"-{key}" if reverse else key
