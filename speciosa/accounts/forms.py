"""Page forms for accounts: sign-up and the patient's profile. Both hand their values to speciosa.accounts.domain."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.accounts.domain import PROFILE_FIELDS
from speciosa.accounts.enums import Comorbidity, PainCondition, Sex
from speciosa.accounts.models import PatientProfile
from speciosa.lib.forms import DecimalInput, DomainForm
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "The two passwords differ.")
        return data


class ProfileForm(DomainForm):
    """What the safety engine needs to know about a patient. Every field may be left blank."""

    birth_year = forms.IntegerField(label="Year of birth", required=False,
                                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    sex = forms.ChoiceField(choices=[("", "Not stated"), *Sex.choices], required=False)
    weight_kg = forms.DecimalField(label="Weight in kg", required=False, widget=DecimalInput())
    pregnant = forms.BooleanField(label="I am pregnant", required=False)
    breastfeeding = forms.BooleanField(label="I am breastfeeding", required=False)
    time_zone = forms.ChoiceField(choices=[(zone, zone) for zone in sorted(valid_time_zones())],
                                  help_text="Days and times in your diary follow this zone.")
    jurisdiction = forms.CharField(label="Where you live", required=False, max_length=40,
                                   help_text="A code such as GB, US-FL or US-CA-SAN_DIEGO; kratom's legal status "
                                             "differs by place.")
    conditions = forms.MultipleChoiceField(label="Pain conditions", choices=PainCondition.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    comorbidities = forms.MultipleChoiceField(label="Other health conditions", choices=Comorbidity.choices,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    goals = forms.CharField(label="Your goals", required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="In your own words, such as walking the dog every day.")

    @staticmethod
    def initial_for(profile: PatientProfile) -> dict[str, Any]:
        return {name: getattr(profile, name) for name in PROFILE_FIELDS}
