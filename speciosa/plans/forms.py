"""The clinician's plan editor. Django parses the types; speciosa.plans.domain.clean_plan has the last word."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.lib.forms import CalendarDateField, DateInput, DecimalInput, DomainForm
from speciosa.plans.domain import GOAL_LENGTH, instrument_titles, known_instruments
from speciosa.plans.enums import CareKind, Frequency
from speciosa.plans.models import PlanVersion

TITRATION = ("start_g", "step_g", "interval_days", "ceiling_g", "starts_on")


class PlanForm(DomainForm):
    max_daily_leaf_g = forms.DecimalField(
        label="Most leaf-equivalent a day (g)", required=False, widget=DecimalInput(),
        help_text="The daily limit in grams of leaf-equivalent; extracts are converted to leaf-equivalent grams.")
    max_daily_mitragynine_mg = forms.DecimalField(label="Most mitragynine a day (mg)", required=False,
                                                  widget=DecimalInput())
    max_doses_per_day = forms.IntegerField(label="Most doses a day", required=False)
    titration__start_g = forms.DecimalField(label="Titration: starting limit (g a day)", required=False,
                                            widget=DecimalInput(),
                                            help_text="Leave the titration fields empty for a fixed limit.")
    titration__step_g = forms.DecimalField(label="Titration: step (g)", required=False, widget=DecimalInput())
    titration__interval_days = forms.IntegerField(label="Titration: days between steps", required=False)
    titration__ceiling_g = forms.DecimalField(
        label="Titration: ceiling (g a day)", required=False, widget=DecimalInput(),
        help_text="The schedule never goes above this, nor above the most leaf-equivalent a day.")
    titration__starts_on = CalendarDateField(label="Titration: starts on", required=False, widget=DateInput())
    lab_interval_days = forms.IntegerField(label="Liver tests every (days)", required=False)
    effective_from = CalendarDateField(label="Takes effect on", required=False, widget=DateInput(),
                                     help_text="Today or later. Empty: today.")
    review_on = CalendarDateField(label="Review on", required=False, widget=DateInput())
    note = forms.CharField(label="Note to the patient", required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not scheduled"), *Frequency.choices]
        for instrument, title in instrument_titles().items():
            self.fields[f"instrument_schedule__{instrument}"] = forms.ChoiceField(
                label=f"Questionnaire: {title}", choices=choices, required=False)
        for kind, label in CareKind.choices:
            self.fields[f"care__{kind}"] = forms.CharField(label=f"Goal: {label.lower()}", required=False,
                                                           max_length=GOAL_LENGTH)
        self._care_order: list[str] = []

    def domain_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(name) for name in (
            "max_daily_leaf_g", "max_daily_mitragynine_mg", "max_doses_per_day", "lab_interval_days",
            "effective_from", "review_on", "note")}
        titration = {name: data.get(f"titration__{name}") for name in TITRATION}
        values["titration"] = titration if any(v not in (None, "") for v in titration.values()) else None
        values["instrument_schedule"] = {instrument: data[f"instrument_schedule__{instrument}"]
                                         for instrument in known_instruments()
                                         if data.get(f"instrument_schedule__{instrument}")}
        self._care_order = [kind for kind in CareKind.values if (data.get(f"care__{kind}") or "").strip()]
        values["non_drug_care"] = [{"kind": kind, "goal": data[f"care__{kind}"]} for kind in self._care_order]
        return values

    def field_for(self, path: str) -> str | None:
        if path.startswith("non_drug_care[") and "]" in path:
            index = int(path[len("non_drug_care["):path.index("]")])
            if index < len(self._care_order):
                return f"care__{self._care_order[index]}"
        return super().field_for(path)

    @staticmethod
    def initial_for(version: PlanVersion | None) -> dict[str, Any]:
        """The editor starts from the version in force, so a change is an edit of what was agreed."""
        if version is None:
            return {}
        initial: dict[str, Any] = {
            "max_daily_leaf_g": version.max_daily_leaf_g, "max_daily_mitragynine_mg": version.max_daily_mitragynine_mg,
            "max_doses_per_day": version.max_doses_per_day, "lab_interval_days": version.lab_interval_days,
            "review_on": version.review_on, "note": version.note}
        for name, value in (version.titration or {}).items():
            initial[f"titration__{name}"] = value
        for instrument, frequency in version.instrument_schedule.items():
            initial[f"instrument_schedule__{instrument}"] = frequency
        for goal in version.non_drug_care:
            initial[f"care__{goal['kind']}"] = goal["goal"]
        return initial
