"""The profile page's form: what the safety engine needs to know about a patient, handed to
speciosa.accounts.domain.update_profile."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.accounts.domain import PROFILE_FIELDS
from speciosa.accounts.enums import Comorbidity, PainCondition, Sex
from speciosa.accounts.models import PatientProfile
from speciosa.lib.forms import DecimalInput, DomainForm, LongSelect
from speciosa.lib.places import PlaceField
from speciosa.lib.tz import valid_time_zones


class ProfileForm(DomainForm):
    """What the safety engine needs to know about a patient. Every field may be left blank."""

    birth_year = forms.IntegerField(label="Year of birth", required=False,
                                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    sex = forms.ChoiceField(choices=[("", "Not stated"), *Sex.choices], required=False)
    weight_kg = forms.DecimalField(label="Weight in kg", required=False, widget=DecimalInput())
    pregnant = forms.BooleanField(label="I am pregnant", required=False)
    breastfeeding = forms.BooleanField(label="I am breastfeeding", required=False)
    time_zone = forms.ChoiceField(choices=[(zone, zone) for zone in sorted(valid_time_zones())], widget=LongSelect,
                                  help_text="Days and times in your diary follow this zone.")
    jurisdiction = PlaceField(label="Where you live", required=False,
                              help_text="Type a few letters of your country, state or city and pick it from the "
                                        "list; kratom's legal status differs by place.")
    conditions = forms.MultipleChoiceField(label="Pain conditions", choices=PainCondition.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    comorbidities = forms.MultipleChoiceField(label="Other health conditions", choices=Comorbidity.choices,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    goals = forms.CharField(label="Your goals", required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="In your own words, such as walking the dog every day.")
    urgent_alert_emails = forms.BooleanField(
        label="E-mail me when one of my alerts is urgent", required=False,
        help_text="The e-mail says only that there is an urgent alert, with a link — no health details.")

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["urgent_alert_emails"]
        field.help_text += (f" It goes to {email}." if email else
                            " Your account has no e-mail address, so no e-mail can be sent yet.")

    @staticmethod
    def initial_for(profile: PatientProfile) -> dict[str, Any]:
        return {name: getattr(profile, name) for name in PROFILE_FIELDS}
