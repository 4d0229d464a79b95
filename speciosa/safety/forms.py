"""The patient's alert forms: acknowledging (with optional words) and commenting; the domain checks every value."""

from __future__ import annotations

from django import forms

from speciosa.lib.forms import DomainForm
from speciosa.safety.models import AlertEntry


class AcknowledgeForm(DomainForm):
    note = forms.CharField(
        label="Note (optional)", required=False, max_length=AlertEntry.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what you decided, or when you will talk with your clinician.")


class CommentForm(DomainForm):
    text = forms.CharField(
        label="Your comment", max_length=AlertEntry.MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what you did, or a question for your clinician.")
