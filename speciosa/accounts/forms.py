"""Page forms for accounts: sign-up, which hands its values to speciosa.accounts.domain."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.lib.forms import DomainForm


class SignupForm(DomainForm):
    """A new patient account; the password validators run in the domain and their messages show beside it."""

    error_fields = {"password": "password1"}

    username = forms.CharField(max_length=150, help_text="Letters, digits and . @ + - _ only.",
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}))
    email = forms.EmailField(label="Email", required=False, help_text="Optional; used only to reset your password.",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(label="Password", strip=False, max_length=200,
                                help_text="At least 10 characters, not a common password, not all digits.",
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label="Password again", strip=False, max_length=200,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "The two passwords differ.")
        return data
