"""The patient's alert forms: acknowledging (with optional words) and commenting. No length limit here: the domain
checks every value and says how long it was, and a browser's limit would cut pasted words short without a word."""

from __future__ import annotations

from django import forms

from speciosa.lib.forms import DomainForm


class AcknowledgeForm(DomainForm):
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what you decided, or when you will talk with your clinician.")


class CommentForm(DomainForm):
    text = forms.CharField(
        label="Your comment", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what you did, or a question for your clinician.")
