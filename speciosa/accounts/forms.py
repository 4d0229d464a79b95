"""Page forms for accounts: sign-up, which hands its values to speciosa.accounts.domain, and the password a
signed-in person re-enters before a change that cannot be undone or that weakens their account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from speciosa.accounts.rate_limits import TooManyAttempts, check_reentered_password
from speciosa.core.errors import InputError
from speciosa.lib.forms import DomainForm
from speciosa.lib.tz import valid_time_zones


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

    # The browser's own time zone, filled by static/speciosa/time-zone.js, so a new account does not start in UTC.
    # Without the script it stays empty and the welcome page asks.
    time_zone = forms.CharField(required=False, max_length=64,
                                widget=forms.HiddenInput(attrs={"data-browser-zone": ""}))

    def clean_time_zone(self) -> str:
        zone = str(self.cleaned_data.get("time_zone") or "")
        return zone if zone in valid_time_zones() else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "The two passwords differ.")
        return data


def current_password_field() -> forms.CharField:
    return forms.CharField(label="Your password", strip=False, max_length=200,
                           widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ReentryForm(DomainForm):
    """A form with the password re-entered as proof (checked, and throttled, by check_reentered_password).

    ``throttled`` tells the page to answer 429 when the refusal was the rate limit rather than a wrong password.
    """

    throttled = False

    def add_input_error(self, error: InputError) -> None:
        self.throttled = self.throttled or isinstance(error, TooManyAttempts)
        super().add_input_error(error)

    @property
    def status(self) -> int:
        return 429 if self.throttled else 200


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password counted against the same limit as every re-entry."""

    throttled = False

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data.get("old_password", "")
        try:
            check_reentered_password(self.user, old_password)
        except TooManyAttempts as refused:
            self.throttled = True
            raise forms.ValidationError(f"Your password {refused.message}.", code="too_many_attempts") from None
        except InputError:
            raise forms.ValidationError(self.error_messages["password_incorrect"],
                                        code="password_incorrect") from None
        return old_password


class SignInForm(AuthenticationForm):
    """Django's sign-in form with "Keep me signed in" (which only a patient's session honours)."""

    remember = forms.BooleanField(
        required=False, label="Keep me signed in on this phone for 30 days",
        help_text="Only on your own phone or computer. Clinicians are always signed out after a short time.")
