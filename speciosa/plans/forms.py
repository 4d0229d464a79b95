"""The clinician's plan editor. Django parses the types; speciosa.plans.domain.clean_plan has the last word.

The fields come in groups (daily limits, titration, liver tests, questionnaires, non-drug care, review and note),
each shown as a fieldset; beside each daily limit the patient's use over the last four weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.html import format_html

from speciosa.lib.forms import CalendarDateField, DateInput, DecimalInput, DomainForm
from speciosa.plans.domain import GOAL_LENGTH, instrument_titles, known_instruments
from speciosa.plans.enums import CareKind, Frequency
from speciosa.plans.models import PlanVersion
from speciosa.reports.outcomes import RECENT_DAYS
from speciosa.reports.summary import DoseSummary

TITRATION = ("start_g", "step_g", "interval_days", "ceiling_g", "starts_on")


def instrument_long_titles() -> dict[str, str]:
    """Instrument id -> its full title, for the clinician's labels."""
    from speciosa.core.instruments import all_instruments

    return {instrument.id: instrument.title for instrument in all_instruments()}


@dataclass(frozen=True)
class FieldGroup:
    key: str
    legend: str
    help: str
    fields: list[BoundField]


def _plain(value: Decimal | None) -> Decimal | None:
    """8.00 as 8, so the field shows what the clinician wrote."""
    return None if value is None else Decimal(f"{float(value):g}")


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def current_use(summary: DoseSummary | None) -> dict[str, str]:
    """Field name -> the patient's recent use in words, beside the limit it concerns. Averages are over the days
    with doses, said so; a figure some doses lack (7-OH products, a product without a mitragynine content) is
    said to be partial rather than shown as whole."""
    if summary is None:
        return {}
    period = f"last {RECENT_DAYS} days"
    if not summary.days_used:
        return dict.fromkeys(("max_daily_leaf_g", "max_daily_mitragynine_mg", "max_doses_per_day"),
                             f"Current use: no doses logged in the {period}.")
    days = f"the {summary.days_used} of the {period} with doses"
    if summary.mean_leaf_g is None or summary.max_leaf_g is None:
        leaf = f"Current use: no dose in the {period} has a leaf-equivalent figure."
    else:
        leaf = (f"Current use: on average {_number(summary.mean_leaf_g)} g a day on "
                f"{days if summary.leaf_days == summary.days_used else f'the {summary.leaf_days} days with a figure'}"
                f"; most in one day {_number(summary.max_leaf_g)} g.")
        if summary.unconverted_doses:
            leaf += (f" {summary.unconverted_doses} dose{'s' if summary.unconverted_doses > 1 else ''} without a "
                     "leaf-equivalent figure (7-OH products) not counted.")
    if summary.mean_mitragynine_mg is None or summary.max_mitragynine_mg is None:
        mitragynine = f"Current use: not known; no day in the {period} has a mitragynine figure for every dose."
    else:
        mitragynine = (f"Current use: on average {_number(summary.mean_mitragynine_mg)} mg a day; most in one day "
                       f"{_number(summary.max_mitragynine_mg)} mg")
        mitragynine += ("." if summary.mitragynine_days == summary.days_used else
                        f" (only the {summary.mitragynine_days} of {summary.days_used} days with doses where every "
                        "dose has a mitragynine figure).")
    doses = (f"Current use: on average {_number(summary.doses / summary.days_used)} doses a day on {days}; most in "
             f"one day {summary.max_doses_in_a_day}.")
    return {"max_daily_leaf_g": leaf, "max_daily_mitragynine_mg": mitragynine, "max_doses_per_day": doses}


class PlanForm(DomainForm):
    max_daily_leaf_g = forms.DecimalField(
        label="Most leaf-equivalent a day (g)", required=False, widget=DecimalInput(),
        help_text="Extracts and other products count as their leaf-equivalent grams.")
    max_daily_mitragynine_mg = forms.DecimalField(label="Most mitragynine a day (mg)", required=False,
                                                  widget=DecimalInput())
    max_doses_per_day = forms.IntegerField(label="Most doses a day", required=False)
    titration__start_g = forms.DecimalField(label="Starting limit (g a day)", required=False, widget=DecimalInput())
    titration__step_g = forms.DecimalField(label="Step up by (g a day)", required=False, widget=DecimalInput())
    titration__interval_days = forms.IntegerField(label="Days between steps", required=False)
    titration__ceiling_g = forms.DecimalField(
        label="Highest limit of the schedule (g a day)", required=False, widget=DecimalInput(),
        help_text="At most the most leaf-equivalent a day above.")
    titration__starts_on = CalendarDateField(label="Schedule starts on", required=False, widget=DateInput())
    lab_interval_days = forms.IntegerField(label="Liver tests every (days)", required=False,
                                           help_text="For example 90 for every three months.")
    effective_from = CalendarDateField(label="This version takes effect on", required=False, widget=DateInput(),
                                       help_text="Today or later. Empty: today.")
    review_on = CalendarDateField(label="Review the plan on", required=False, widget=DateInput())
    note = forms.CharField(label="Note to the patient", required=False, max_length=4000,
                           help_text="The patient reads it with the plan: plain words.",
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, recent: DoseSummary | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not scheduled"), *Frequency.choices]
        titles = instrument_long_titles()
        for instrument in known_instruments():
            self.fields[f"instrument_schedule__{instrument}"] = forms.ChoiceField(
                label=titles.get(instrument) or instrument_titles()[instrument], choices=choices, required=False)
        for kind, label in CareKind.choices:
            self.fields[f"care__{kind}"] = forms.CharField(label=label, required=False, max_length=GOAL_LENGTH)
        for name, words in current_use(recent).items():
            field = self.fields[name]
            field.help_text = (format_html('{} <span class="current-use">{}</span>', field.help_text, words)
                               if field.help_text else format_html('<span class="current-use">{}</span>', words))
        self._care_order: list[str] = []

    def groups(self) -> list[FieldGroup]:
        """The fields as the editor shows them, one fieldset each."""
        def named(prefix: str) -> list[BoundField]:
            return [self[name] for name in self.fields if name.startswith(prefix)]

        return [
            FieldGroup("limits", "Daily limits", "Limits, never targets: taking less is always within the plan. "
                       "Leave a limit empty for none.",
                       [self["max_daily_leaf_g"], self["max_daily_mitragynine_mg"], self["max_doses_per_day"]]),
            FieldGroup("titration", "Titration (gradual schedule)",
                       "Optional. The daily limit starts low and rises by a step every few days, never above the "
                       "highest limit nor the most leaf-equivalent a day. Leave all empty for a fixed limit.",
                       named("titration__")),
            FieldGroup("labs", "Liver tests", "How often the patient should have liver tests (ALT, AST, bilirubin).",
                       [self["lab_interval_days"]]),
            FieldGroup("questionnaires", "Questionnaires", "How often each questionnaire is due. The patient is "
                       "reminded when one is due.", named("instrument_schedule__")),
            FieldGroup("care", "Non-drug care goals", "A goal in a few plain words, such as \u201cWalk 20 minutes on "
                       "5 days a week\u201d. Leave empty for none.", named("care__")),
            FieldGroup("review", "Review and note", "", [self["effective_from"], self["review_on"], self["note"]]),
        ]

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
        """The editor starts from the version in force, so a change is an edit of what was agreed: every schedule
        in force stays unless the clinician removes it."""
        if version is None:
            return {}
        initial: dict[str, Any] = {
            "max_daily_leaf_g": _plain(version.max_daily_leaf_g),
            "max_daily_mitragynine_mg": _plain(version.max_daily_mitragynine_mg),
            "max_doses_per_day": version.max_doses_per_day, "lab_interval_days": version.lab_interval_days,
            "review_on": version.review_on, "note": version.note}
        for name, value in (version.titration or {}).items():
            initial[f"titration__{name}"] = value
        for instrument, frequency in version.instrument_schedule.items():
            initial[f"instrument_schedule__{instrument}"] = frequency
        for goal in version.non_drug_care:
            initial[f"care__{goal['kind']}"] = goal["goal"]
        return initial
