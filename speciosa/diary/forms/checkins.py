from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils import timezone

from speciosa.diary.domain.checkins import RATINGS
from speciosa.diary.enums import Grade, SideEffect, WithdrawalSymptom
from speciosa.diary.models import Checkin
from speciosa.lib.forms import CalendarDateTimeField, DateTimeLocalInput, DomainForm

# Each 0-10 rating with the words for its two ends, shown beside the scale.
RATING_SCALES: dict[str, tuple[str, str, str]] = {
    "pain_now": ("Pain right now", "no pain", "pain as bad as you can imagine"),
    "pain_avg_24h": ("Average pain over the last 24 hours", "no pain", "pain as bad as you can imagine"),
    "mood": ("Mood", "very low", "very good"),
    "energy": ("Energy", "no energy", "full of energy"),
    "sleep_quality": ("Last night's sleep", "very poor", "very good"),
    "function": ("Daily activities", "could not do them", "could do all of them as usual"),
}
assert set(RATING_SCALES) == set(RATINGS)
_RATING_CHOICES = [("", "Not rated"), *((n, str(n)) for n in range(11))]


def _rating(name: str) -> forms.TypedChoiceField:
    label, low, high = RATING_SCALES[name]
    return forms.TypedChoiceField(label=label, choices=_RATING_CHOICES, coerce=int, empty_value=None,
                                  required=False, widget=forms.RadioSelect, help_text=f"0 = {low}, 10 = {high}")


def _grade(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=Grade.choices, coerce=int, empty_value=None, required=False,
                                  initial=Grade.NONE, widget=forms.RadioSelect)


class CheckinForm(DomainForm):
    """How the patient is: six 0-10 ratings, side effects and withdrawal symptoms graded 0-3, and a note.

    A symptom's grade is the field ``side_effects__<name>`` (or ``withdrawal__<name>``), so the domain's error for
    ``side_effects.nausea`` lands beside that symptom.
    """

    at = CalendarDateTimeField(label="Time of this check-in", widget=DateTimeLocalInput())

    def __init__(self, data: Any = None, *, checkin: Checkin | None = None) -> None:
        super().__init__(data, initial=self._initial(checkin))
        for name in RATINGS:
            self.fields[name] = _rating(name)
        for group, symptoms in (("side_effects", SideEffect), ("withdrawal", WithdrawalSymptom)):
            for symptom in symptoms:
                self.fields[f"{group}__{symptom.value}"] = _grade(str(symptom.label))
        self.fields["note"] = forms.CharField(required=False, max_length=4000,
                                              widget=forms.Textarea(attrs={"rows": 3}))
        if checkin is None:
            # A new check-in's id, chosen when the form is drawn: sending the form twice stores one check-in.
            self.fields["client_id"] = forms.UUIDField(required=False, widget=forms.HiddenInput)

    @staticmethod
    def _initial(checkin: Checkin | None) -> dict[str, Any]:
        if checkin is None:
            return {"at": timezone.now(), "client_id": uuid.uuid4()}
        initial: dict[str, Any] = {name: getattr(checkin, name) for name in (*RATINGS, "at", "note")}
        for group in ("side_effects", "withdrawal"):
            initial.update({f"{group}__{name}": grade for name, grade in getattr(checkin, group).items()})
        return initial

    def ratings(self) -> list[BoundField]:
        return [self[name] for name in RATINGS]

    def side_effects(self) -> list[BoundField]:
        return [self[f"side_effects__{symptom.value}"] for symptom in SideEffect]

    def withdrawal(self) -> list[BoundField]:
        return [self[f"withdrawal__{symptom.value}"] for symptom in WithdrawalSymptom]

    def domain_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data[name] for name in (*RATINGS, "at", "note")}
        if data.get("client_id") is not None:
            values["client_id"] = data["client_id"]
        for group in ("side_effects", "withdrawal"):
            prefix = f"{group}__"
            values[group] = {key.removeprefix(prefix): grade for key, grade in data.items()
                             if key.startswith(prefix) and grade}
        return values


# The one-screen check-in asks these first; the other ratings wait behind "More ratings".
FIRST_RATINGS = ("pain_now", "mood")


class QuickCheckinForm(DomainForm):
    """The check-in on one screen: pain now and mood first, everything else optional. Side effects and withdrawal
    symptoms are chips (checkboxes) to tap: a tapped symptom is recorded as mild (the full form grades it)."""

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        for name in RATINGS:
            self.fields[name] = _rating(name)
        self.fields["side_effects"] = forms.MultipleChoiceField(
            label="Side effects since your last check-in", choices=SideEffect.choices, required=False,
            widget=forms.CheckboxSelectMultiple)
        self.fields["withdrawal"] = forms.MultipleChoiceField(
            label="Withdrawal symptoms", choices=WithdrawalSymptom.choices, required=False,
            widget=forms.CheckboxSelectMultiple)
        self.fields["note"] = forms.CharField(label="Anything else", required=False, max_length=4000,
                                              widget=forms.Textarea(attrs={"rows": 2}))

    def first_ratings(self) -> list[BoundField]:
        return [self[name] for name in FIRST_RATINGS]

    def more_ratings(self) -> list[BoundField]:
        return [self[name] for name in RATINGS if name not in FIRST_RATINGS]

    def domain_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data[name] for name in (*RATINGS, "note")}
        for group in ("side_effects", "withdrawal"):
            values[group] = {name: int(Grade.MILD) for name in data[group]}
        return values
