"""The three welcome steps after sign-up: where you are (time zone, place), what you take, your clinician."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.diary.presets import PRESETS, TYPICAL_CAPSULE_G
from speciosa.lib.forms import DecimalInput, DomainForm
from speciosa.lib.places import PlaceField, TimeZoneField


class WhereForm(DomainForm):
    """Step 1: the patient's time zone (filled from the browser, shown and changeable) and where they live."""

    time_zone = TimeZoneField(label="Your time zone",
                              help_text="Your diary's days and times follow it. We filled in what your phone or "
                                        "computer says; change it if it is wrong.")
    jurisdiction = PlaceField(label="Where you live", required=False,
                              help_text="Type a few letters of your country, state or city. Kratom's legal status "
                                        "differs by place, and Speciosa tells you when it matters.")


class WhatYouTakeForm(DomainForm):
    """Step 2: one product from a preset, with the amount the patient usually takes (their own figure)."""

    preset = forms.ChoiceField(label="What do you take?", choices=[(p.key, p.label) for p in PRESETS],
                               widget=forms.RadioSelect)
    usual_amount = forms.DecimalField(label="How much do you usually take at one time?", min_value=0,
                                      widget=DecimalInput(),
                                      help_text="In grams of powder or leaf, or in capsules for capsules. It "
                                                "becomes a one-tap button on Today; you can change it any time.")
    capsule_g = forms.DecimalField(label="Grams of powder in one capsule", required=False, min_value=0,
                                   initial=TYPICAL_CAPSULE_G, widget=DecimalInput(),
                                   help_text="Only for capsules: the label says it (a common “00” capsule holds "
                                             "about 0.5 g).")

    error_fields = {"unit_mass_g": "capsule_g"}

    def domain_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"preset": data["preset"], "usual_amount": float(data["usual_amount"]),
                "capsule_g": float(data["capsule_g"]) if data.get("capsule_g") is not None else None}
