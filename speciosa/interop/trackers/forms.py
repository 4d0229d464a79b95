"""The import page's form: the file, which app it came from (or which columns hold what), and the rating scale."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.core.errors import InputError
from speciosa.interop.trackers.presets import PRESETS, ColumnMapping

OWN_DOSES, OWN_CHECKINS = "own-doses", "own-checkins"
SOURCES = [*((preset.id, f"{preset.name}: {preset.what}") for preset in PRESETS.values()),
           (OWN_DOSES, "Another app: doses, with the columns named below"),
           (OWN_CHECKINS, "Another app: check-ins, with the columns named below")]
SCALES = [("0-10", "0 to 10"), ("1-10", "1 to 10"), ("1-5", "1 to 5")]
# Form field -> the mapping target it names (the column holding that Speciosa field).
COLUMN_FIELDS = {
    "col_when": "when", "col_date": "date", "col_time": "time", "col_product": "product", "col_amount": "amount",
    "col_unit": "unit", "col_note": "note", "col_pain_now": "pain_now", "col_mood": "mood", "col_energy": "energy",
    "col_sleep_quality": "sleep_quality", "col_function": "function",
}
# Where the importer's errors go on the page.
ERROR_FIELDS = {"file": "file", "preset": "source", "mapping.kind": "source", "mapping.taken_at": "col_when",
                "mapping.at": "col_when", "mapping.rating_scale": "rating_scale",
                **{f"mapping.{target}": name for name, target in COLUMN_FIELDS.items() if target != "when"}}


def _column(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=120,
                           help_text="The column's heading, exactly as in the file's first row")


class ImportForm(forms.Form):
    file = forms.FileField(label="The CSV file you exported", required=True)
    source = forms.ChoiceField(label="Which app it comes from", choices=SOURCES)
    col_when = _column("Date and time (one column)")
    col_date = _column("Or: the date")
    col_time = _column("and the time")
    col_product = _column("Product or strain")
    fixed_product = forms.CharField(label="Or: one product for every row", required=False, max_length=120)
    col_amount = _column("Amount")
    col_unit = _column("Unit")
    fixed_unit = forms.ChoiceField(label="Or: one unit for every row", required=False,
                                   choices=[("", "(from the column)"), ("g", "grams"), ("mg", "milligrams"),
                                            ("capsule", "capsules"), ("tablet", "tablets"), ("ml", "millilitres")])
    col_pain_now = _column("Pain")
    col_mood = _column("Mood")
    col_energy = _column("Energy")
    col_sleep_quality = _column("Sleep quality")
    col_function = _column("Daily activities")
    col_note = _column("Note")
    rating_scale = forms.ChoiceField(label="Ratings in the file go from", choices=SCALES, initial="0-10")

    def mapping_data(self) -> dict[str, Any] | None:
        """The column mapping as plain data (kept in the session between preview and import); None for a
        preset."""
        data = self.cleaned_data
        if data["source"] not in (OWN_DOSES, OWN_CHECKINS):
            return None
        doses = data["source"] == OWN_DOSES
        columns = {("taken_at" if doses else "at") if target == "when" else target: data[name].strip()
                   for name, target in COLUMN_FIELDS.items() if data[name].strip()}
        fixed = {target: data[name].strip() for name, target in (("fixed_unit", "unit"),
                                                                 ("fixed_product", "product")) if data[name].strip()}
        low, high = (int(part) for part in data["rating_scale"].split("-"))
        return {"kind": "doses" if doses else "checkins", "columns": columns, "fixed": fixed,
                "rating_scale": [low, high]}

    def attach(self, error: InputError) -> None:
        field = ERROR_FIELDS.get(error.field)
        self.add_error(field if field in self.fields else None, error.message)


def mapping_from(data: dict[str, Any] | None) -> ColumnMapping | None:
    if data is None:
        return None
    low, high = data["rating_scale"]
    return ColumnMapping(kind=data["kind"], columns=dict(data["columns"]), fixed=dict(data["fixed"]),
                         rating_scale=(low, high))

