"""The acknowledge form: a note for the patient's and clinician's record, checked by the domain."""

from __future__ import annotations

from django import forms

from speciosa.lib.forms import DomainForm


class AcknowledgeForm(DomainForm):
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what you decided, or when you will talk with your clinician.")
