"""Speciosa's REDCap data dictionary: the participant, doses, daily check-ins, liver labs and each questionnaire as
REDCap instruments, in REDCap's data dictionary import format (the 18 columns of its CSV template).

Doses, check-ins, labs and questionnaires are repeating instruments (enable "Repeating instruments" for them in the
project's settings; a data dictionary cannot say so). The first field is the record id, which holds the patient's
pseudonymous study id. Every field's annotation names the Speciosa field it comes from, so a researcher can trace a
variable back (docs/interop.md shows the same table).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from speciosa.accounts.enums import Sex
from speciosa.core import instruments
from speciosa.core.instruments import Instrument
from speciosa.diary.enums import (
    ContentBasis,
    DoseReason,
    DoseUnit,
    Grade,
    LabCode,
    ProductForm,
    SideEffect,
    WithdrawalSymptom,
)

# REDCap's data dictionary template, column for column (the header of the CSV it downloads and accepts).
COLUMNS = (
    "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
    "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
    "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
    "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name",
    "Matrix Ranking?", "Field Annotation",
)

RECORD_ID = "record_id"
PARTICIPANT = "participant"
DOSE = "dose"
CHECKIN = "daily_checkin"
LABS = "liver_labs"
# Speciosa's instrument ids as REDCap form names, and the short prefix of their variables, where the id itself
# would not do (a hyphen; a form name that says what it is); an instrument added later gets its id, made legal.
_FORM_NAMES = {"nrs": ("pain_nrs", "nrs"), "dsm5-kud": ("dsm5_kud", "kud")}
INSTRUMENT_FORMS = {instrument.id: _FORM_NAMES.get(instrument.id, (instrument.id.replace("-", "_"),) * 2)
                    for instrument in instruments.all_instruments()}
# Symptom names longer than REDCap's recommended 26 characters once prefixed.
SHORT_SYMPTOMS = {"right_upper_abdominal_pain": "ruq_pain"}


@dataclass(frozen=True)
class Field:
    name: str
    form: str
    type: str
    label: str
    choices: str = ""
    note: str = ""
    validation: str = ""
    minimum: str = ""
    maximum: str = ""
    identifier: bool = False
    branching: str = ""
    required: bool = False
    section: str = ""
    source: str = ""  # the Speciosa field it holds (written to the annotation)

    def row(self) -> tuple[str, ...]:
        return (self.name, self.form, self.section, self.type, self.label, self.choices, self.note,
                self.validation, self.minimum, self.maximum, "y" if self.identifier else "", self.branching,
                "y" if self.required else "", "", "", "", "", f"Speciosa: {self.source}" if self.source else "")


def choices(pairs: Iterable[tuple[object, str]]) -> str:
    """REDCap's choice syntax: ``code, Label | code, Label``."""
    return " | ".join(f"{code}, {label}" for code, label in pairs)


GRADES = choices(Grade.choices)
WHEN_NOTE = "Local time in the patient's own time zone"


def _when(name: str, form: str, label: str, source: str) -> Field:
    return Field(name, form, "text", label, validation="datetime_ymd", note=WHEN_NOTE, required=True, source=source)


def _rating(name: str, form: str, label: str, source: str) -> Field:
    return Field(name, form, "text", label, validation="integer", minimum="0", maximum="10", note="0-10",
                 source=source)


def _number(name: str, form: str, label: str, source: str, *, note: str = "", branching: str = "") -> Field:
    return Field(name, form, "text", label, validation="number", minimum="0", note=note, branching=branching,
                 source=source)


def participant_fields() -> list[Field]:
    return [
        Field(RECORD_ID, PARTICIPANT, "text", "Study ID", required=True,
              note="Pseudonymous: derived from the patient's account with a key only the Speciosa site holds",
              source="study id (not the patient's identity)"),
        Field("birth_year", PARTICIPANT, "text", "Year of birth", validation="integer", minimum="1900",
              maximum="2100", source="PatientProfile.birth_year"),
        Field("sex", PARTICIPANT, "dropdown", "Sex", choices=choices(Sex.choices), source="PatientProfile.sex"),
    ]


def dose_fields() -> list[Field]:
    no_leaf = f"[dose_form] <> '{ProductForm.SEVEN_OH.value}'"
    return [
        _when("dose_at", DOSE, "When the dose was taken", "Dose.taken_at"),
        Field("dose_form", DOSE, "dropdown", "Product form", choices=choices(ProductForm.choices), required=True,
              source="Product.form"),
        _number("dose_amount", DOSE, "Amount, as logged", "Dose.amount"),
        Field("dose_unit", DOSE, "dropdown", "Unit, as logged", choices=choices(DoseUnit.choices),
              source="Dose.unit"),
        _number("dose_leaf_g", DOSE, "Leaf-equivalent grams", "Dose.leaf_equivalent_g",
                note="Not claimed for concentrated 7-OH products", branching=no_leaf),
        _number("dose_mitragynine_mg", DOSE, "Mitragynine, mg", "Dose.mitragynine_mg"),
        Field("dose_mitragynine_basis", DOSE, "dropdown", "Where the mitragynine figure comes from",
              choices=choices(ContentBasis.choices), source="Dose.mitragynine_basis"),
        _number("dose_7oh_mg", DOSE, "7-hydroxymitragynine, mg", "Dose.hydroxymitragynine_mg"),
        Field("dose_7oh_basis", DOSE, "dropdown", "Where the 7-hydroxymitragynine figure comes from",
              choices=choices(ContentBasis.choices), source="Dose.hydroxymitragynine_basis"),
        Field("dose_lab_tested", DOSE, "yesno", "Product has a complete lab certificate",
              source="Product.lab_tested"),
        Field("dose_reason", DOSE, "dropdown", "Reason for the dose",
              choices=choices((code, label) for code, label in DoseReason.choices if code), source="Dose.reason"),
    ]


def _symptom_name(prefix: str, value: str) -> str:
    return f"{prefix}{SHORT_SYMPTOMS.get(value, value)}"


def checkin_fields() -> list[Field]:
    # Labels in the words of the check-in form (speciosa/diary/forms/checkins.py, RATING_SCALES).
    fields = [
        _when("checkin_at", CHECKIN, "When the check-in was made", "Checkin.at"),
        _rating("ci_pain_now", CHECKIN, "Pain right now (0 no pain, 10 pain as bad as you can imagine)", "Checkin.pain_now"),
        _rating("ci_pain_avg_24h", CHECKIN, "Average pain over the last 24 hours (0 no pain, 10 as bad as you can imagine)", "Checkin.pain_avg_24h"),
        _rating("ci_mood", CHECKIN, "Mood (0 very low, 10 very good)", "Checkin.mood"),
        _rating("ci_energy", CHECKIN, "Energy (0 no energy, 10 full of energy)", "Checkin.energy"),
        _rating("ci_sleep_quality", CHECKIN, "Last night's sleep (0 very poor, 10 very good)", "Checkin.sleep_quality"),
        _rating("ci_function", CHECKIN, "Daily activities (0 could not do them, 10 could do all of them as usual)", "Checkin.function"),
    ]
    for index, (value, label) in enumerate(SideEffect.choices):
        fields.append(Field(_symptom_name("se_", value), CHECKIN, "dropdown", label, choices=GRADES,
                            section="Side effects" if index == 0 else "", source=f"Checkin.side_effects.{value}"))
    for index, (value, label) in enumerate(WithdrawalSymptom.choices):
        fields.append(Field(_symptom_name("wd_", value), CHECKIN, "dropdown", label, choices=GRADES,
                            section="Withdrawal symptoms" if index == 0 else "",
                            source=f"Checkin.withdrawal.{value}"))
    return fields


def lab_fields() -> list[Field]:
    return [
        _when("lab_at", LABS, "When the sample was collected", "LabResult.collected_at"),
        Field("lab_code", LABS, "dropdown", "Test", choices=choices(LabCode.choices), required=True,
              source="LabResult.code"),
        _number("lab_value", LABS, "Result", "LabResult.value"),
        Field("lab_unit", LABS, "text", "Unit, as reported", source="LabResult.unit"),
        _number("lab_uln", LABS, "Upper limit of normal (this laboratory)", "LabResult.uln",
                branching=f"[lab_code] <> '{LabCode.INR.value}'"),
    ]


def instrument_fields(instrument: Instrument) -> list[Field]:
    form, prefix = INSTRUMENT_FORMS[instrument.id]
    fields = [_when(f"{prefix}_at", form, f"When the {instrument.short_title} was answered", "Response.at")]
    for number, item in enumerate(instrument.items, start=1):
        fields.append(Field(f"{prefix}_q{number}", form, "radio", item.text,
                            choices=choices((option.value, option.label) for option in item.options),
                            section=instrument.instructions if number == 1 else "",
                            source=f"Response.answers[{number - 1}]"))
    fields.append(Field(f"{prefix}_score", form, "text", f"{instrument.short_title} score", validation="number",
                        minimum=f"{instrument.minimum:g}", maximum=f"{instrument.maximum:g}",
                        note=f"Scored by Speciosa ({instrument.scoring.value} of the items)",
                        source="Response.score"))
    if instrument.bands:
        fields.append(Field(f"{prefix}_band", form, "dropdown", f"{instrument.short_title} band",
                            choices=choices((band.name, band.name.capitalize()) for band in instrument.bands),
                            source="Response.band"))
    for subscale in instrument.subscales:
        fields.append(Field(f"{prefix}_{subscale.id}", form, "text", subscale.title, validation="number",
                            minimum="0", source=f"Response.subscores.{subscale.id}"))
    return fields


def dictionary_fields() -> list[Field]:
    """Every field, forms in order: participant, doses, check-ins, labs, then each questionnaire."""
    fields = participant_fields() + dose_fields() + checkin_fields() + lab_fields()
    for instrument in instruments.all_instruments():
        fields += instrument_fields(instrument)
    return fields


REPEATING_FORMS = (DOSE, CHECKIN, LABS, *(form for form, _ in INSTRUMENT_FORMS.values()))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Plain UTF-8 CSV with CRLF rows, as REDCap's own templates are (no byte-order mark; REDCap reads the file,
    not a spreadsheet, and every cell here is Speciosa's own wording or a number, never a patient's text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def dictionary_csv() -> str:
    return csv_text(COLUMNS, (field.row() for field in dictionary_fields()))


def variables_markdown() -> str:
    """docs/interop.md's REDCap variable table: every variable, its form, type, what it holds and its source."""
    lines = ["| variable | form | REDCap type | label | values | Speciosa source |", "| --- | --- | --- | --- | --- | --- |"]
    for field in dictionary_fields():
        kind = field.type + (f" ({field.validation})" if field.validation else "")
        if field.choices:
            values = field.choices if len(field.choices) <= 90 else field.choices[:87].rsplit(" | ", 1)[0] + " | ..."
        else:
            values = "-".join(bound for bound in (field.minimum, field.maximum) if bound) if (
                field.minimum and field.maximum) else (f">= {field.minimum}" if field.minimum else "")
        label = field.label if len(field.label) <= 70 else field.label[:67].rsplit(" ", 1)[0] + " ..."
        cells = [f"`{field.name}`", field.form, kind, label, values, field.source]
        if field.branching:
            cells[4] = f"{cells[4]}; shown if {field.branching}".lstrip("; ")
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
