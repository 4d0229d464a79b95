"""Readers for the files patients bring: two presets for real exports, and a column mapping for any other CSV.

Sources of the layouts (checked 2026-12-03; see docs/interop.md, "CSV import from other trackers"):

- **Bearable** (bearable.app), the symptom and mood tracker's CSV export. One row per reading, not per entry:
  ``date,weekday,time of day,category,rating/amount,detail,notes`` (a real export, ``bearable-export-08-01-2022.csv``,
  read by open-source parsers, with rows such as ``"8th Dec 2021","Wednesday","mid","Symptom","2","Neck pain
  (Moderate)",""``); newer exports add ``date formatted`` after ``date`` (github.com/abocha/streamlit_bearable_dashboard,
  streamlit_app.py, reads ``date formatted``, ``category``, ``rating/amount``, ``detail``, ``time of day``). Categories
  seen: Mood, Energy, Sleep (hours as ``7:30``), Sleep quality, Symptom (``Headache (Mild)``, 0-4), Factors,
  Medication, Health measurements, Nutrition. The file does not state its scales.
- **Kratom Tracker** (github.com/BareTread/KratomTracker, an open-source kratom dose tracker, sold as Herbal
  Tracker+): lib/export/csv_export.dart writes one row per dose, oldest first, UTF-8 with a byte-order mark:
  ``date,time,iso_timestamp,strain_code,strain_name,amount_g,notes`` (local ``yyyy-MM-dd`` and ``HH:mm``, the
  timestamp as Dart's ``toIso8601String``: with ``Z`` when stored in UTC, without an offset when local).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from speciosa.core.errors import InputError
from speciosa.interop.trackers.reading import (
    CheckinEntry,
    DoseEntry,
    Entry,
    Skipped,
    Table,
    local_moment,
    parse_clock,
    parse_date,
    parse_instant,
    parse_number,
)

Reader = Callable[[Table, dt.tzinfo], list[Entry]]


@dataclass(frozen=True)
class Preset:
    id: str
    name: str
    what: str  # what it imports, in a patient's words
    source: str  # where the layout comes from
    columns: tuple[str, ...]  # the header it expects
    read: Reader


# ---------------------------------------------------------------------------------------------------------- units

UNIT_WORDS = {
    "g": "g", "gram": "g", "grams": "g", "gr": "g", "mg": "mg", "milligram": "mg", "milligrams": "mg",
    "capsule": "capsule", "capsules": "capsule", "caps": "capsule", "cap": "capsule",
    "tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet",
    "ml": "ml", "millilitre": "ml", "milliliter": "ml", "millilitres": "ml", "milliliters": "ml",
}
# Volumes of powder are not converted: a teaspoon of leaf powder weighs 2 to 3.5 g depending on the grind and the
# packing, too wide a range to record as a dose the safety rules then add up.
SPOON_WORDS = {"tsp", "teaspoon", "teaspoons", "tbsp", "tablespoon", "tablespoons", "scoop", "scoops"}


def unit_of(text: str) -> str:
    """Speciosa's unit for a unit as another app writes it; InputError naming ``unit`` otherwise."""
    word = text.strip().lower().rstrip(".")
    if word in UNIT_WORDS:
        return UNIT_WORDS[word]
    if word in SPOON_WORDS:
        raise InputError("unit", f"{text!r} is a volume: Speciosa records powder in grams (a spoonful weighs 2 to "
                                 "3.5 g depending on the powder), so this dose needs its weight")
    raise InputError("unit", f"unknown unit {text!r}; expected g, mg, capsules, tablets or ml")


# -------------------------------------------------------------------------------------------------------- Bearable

# Bearable's parts of the day, as the export writes them, and the clock time a check-in from each is given.
BEARABLE_PARTS_OF_DAY = {"am": dt.time(8, 0), "morning": dt.time(8, 0), "mid": dt.time(13, 0),
                         "midday": dt.time(13, 0), "afternoon": dt.time(15, 0), "pm": dt.time(19, 0),
                         "evening": dt.time(19, 0), "night": dt.time(22, 0)}
BEARABLE_NOON = dt.time(12, 0)
# Bearable symptom severities (its rating 0-4) as words, when the rating cell is empty.
BEARABLE_SEVERITY = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "unbearable": 4, "extreme": 4}
# Words Bearable writes for sleep quality when it has no number (a 4-step scale: poor, ok, good, great).
BEARABLE_SLEEP_WORDS = {"poor": 1, "ok": 2, "good": 3, "great": 4}
# Bearable symptom names that are one of Speciosa's graded side effects (or the one withdrawal symptom that cannot
# be something else). Others are reported as skipped: a symptom such as anxiety or insomnia is not necessarily
# withdrawal, and filing it there would wake the withdrawal alert.
BEARABLE_SYMPTOMS: dict[str, tuple[str, str]] = {
    **{name: ("side_effects", value) for value, names in {
        "nausea": ("nausea", "feeling sick"), "vomiting": ("vomiting", "being sick"),
        "constipation": ("constipation",), "dizziness": ("dizziness", "dizzy", "lightheadedness", "vertigo"),
        "drowsiness": ("drowsiness", "sleepiness", "sleepy"), "itching": ("itching", "itchiness", "itchy skin"),
        "sweating": ("sweating", "night sweats", "excessive sweating"),
        "loss_of_appetite": ("loss of appetite", "low appetite", "no appetite"),
        "headache": ("headache", "headaches", "migraine"), "dry_mouth": ("dry mouth",),
        "jaundice": ("jaundice", "yellow skin", "yellow eyes"), "dark_urine": ("dark urine",),
        "pale_stools": ("pale stools", "pale stool"),
        "abdominal_pain": ("abdominal pain", "stomach pain", "stomach ache", "stomachache", "tummy ache"),
        "fever": ("fever", "high temperature"), "confusion": ("confusion",),
        "palpitations": ("palpitations", "heart palpitations", "racing heart"),
    }.items() for name in names},
    **{name: ("withdrawal", "craving") for name in ("craving", "cravings")},
}


def _rescale(value: float, top: float) -> int:
    """A rating from 1..top onto Speciosa's 0..10 (1 is the bottom, ``top`` the top)."""
    return max(0, min(10, round((value - 1) * 10 / (top - 1))))


def _bearable_day(row: dict[str, str]) -> dt.date | None:
    return parse_date(row.get("date formatted", "")) or parse_date(row.get("date", ""))


def _bearable_clock(text: str) -> dt.time:
    return parse_clock(text) or BEARABLE_PARTS_OF_DAY.get(text.strip().lower(), BEARABLE_NOON)


def _symptom(detail: str) -> tuple[str, str]:
    """``Headache (Mild)`` -> ("headache", "mild")."""
    found = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", detail)
    name, severity = (found.group(1), found.group(2)) if found else (detail, "")
    name = re.sub(r"^[^\w]+", "", name, flags=re.UNICODE)  # an emoji Bearable puts before a name
    return name.strip().lower(), severity.strip().lower()


@dataclass
class _Gathering:
    """The readings of one part of one day, becoming one check-in."""

    line: int
    at: dt.datetime
    lines: list[int] = field(default_factory=list)
    ratings: dict[str, list[int]] = field(default_factory=dict)
    side_effects: dict[str, int] = field(default_factory=dict)
    withdrawal: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def entry(self) -> CheckinEntry:
        values: dict[str, Any] = {name: round(sum(found) / len(found)) for name, found in self.ratings.items()}
        if self.side_effects:
            values["side_effects"] = dict(self.side_effects)
        if self.withdrawal:
            values["withdrawal"] = dict(self.withdrawal)
        if self.notes:
            values["note"] = "\n".join(self.notes)
        return CheckinEntry(line=self.line, at=self.at, values=values, lines=tuple(self.lines))


def read_bearable(table: Table, zone: dt.tzinfo) -> list[Entry]:
    """Bearable's readings, gathered into one check-in per part of the day (morning, midday, evening or the clock
    time written). Mood is read on a 1-10 scale when any mood in the file is above 5, else on 1-5; energy and
    sleep quality on 1-5; each is spread onto Speciosa's 0-10. Symptom severities 0-4 become grades 0-3
    (unbearable counts as severe)."""
    if not (table.has("category", "rating/amount", "detail") and (table.has("date") or table.has("date formatted"))):
        raise InputError("file", "is not a Bearable export: it needs the columns date, category, rating/amount and "
                                 "detail")
    mood_top = 10.0 if any((parse_number(row.get("rating/amount", "")) or 0) > 5 for _, row in table.rows
                           if row.get("category", "").strip().lower() == "mood") else 5.0
    skipped: list[Entry] = []
    gatherings: dict[tuple[dt.date, dt.time], _Gathering] = {}
    for line, row in table.rows:
        day = _bearable_day(row)
        if day is None:
            skipped.append(Skipped(line, f"the date {row.get('date', '')!r} is not one Speciosa can read"))
            continue
        clock = _bearable_clock(row.get("time of day", ""))
        category = row.get("category", "").strip()
        reading = _bearable_reading(category, row, mood_top)
        if isinstance(reading, str):
            skipped.append(Skipped(line, reading))
            continue
        gathering = gatherings.get((day, clock))
        if gathering is None:
            gathering = gatherings[(day, clock)] = _Gathering(line=line, at=local_moment(day, clock, zone))
        gathering.lines.append(line)
        kind, name, value = reading
        if kind == "rating":
            gathering.ratings.setdefault(name, []).append(value)
        elif kind in ("side_effects", "withdrawal"):
            grades = gathering.side_effects if kind == "side_effects" else gathering.withdrawal
            grades[name] = max(grades.get(name, 0), value)
        note = row.get("notes", "").strip()
        if note and note not in gathering.notes:
            gathering.notes.append(note)
    checkins: list[Entry] = []
    for gathering in gatherings.values():
        entry = gathering.entry()
        if entry.values:
            checkins.append(entry)
        else:
            checkins.append(Skipped(gathering.line, "only symptoms graded none: nothing to record"))
    return sorted(checkins + skipped, key=lambda entry: entry.line)


def _bearable_reading(category: str, row: dict[str, str], mood_top: float) -> tuple[str, str, int] | str:
    """("rating", name, 0-10) or (symptom kind, name, grade 0-3), or the reason the row is skipped."""
    kind = category.lower()
    raw = row.get("rating/amount", "")
    number = parse_number(raw.split("/")[0]) if raw else None
    detail = row.get("detail", "").strip()
    if kind == "mood":
        if number is None or not 0 <= number <= mood_top:
            return f"mood {raw!r} is not a rating from 1 to {mood_top:g}"
        return "rating", "mood", _rescale(max(number, 1), mood_top)
    if kind == "energy":
        top = 10.0 if number is not None and number > 5 else 5.0
        if number is None or not 0 <= number <= top:
            return f"energy {raw!r} is not a rating from 1 to 5"
        return "rating", "energy", _rescale(max(number, 1), top)
    if kind == "sleep quality":
        if number is None:
            word = BEARABLE_SLEEP_WORDS.get(detail.lower())
            if word is None:
                return f"sleep quality {raw or detail!r} is not a rating Speciosa can read"
            return "rating", "sleep_quality", _rescale(word, 4)
        if not 0 <= number <= 5:
            return f"sleep quality {raw!r} is not a rating from 1 to 5"
        return "rating", "sleep_quality", _rescale(max(number, 1), 5)
    if kind == "sleep":
        return "hours of sleep: Speciosa records how well you slept (0-10), not how long"
    if kind == "symptom":
        name, severity = _symptom(detail)
        target = BEARABLE_SYMPTOMS.get(name)
        if target is None:
            return f"the symptom {detail or raw!r} has no place in a Speciosa check-in"
        grade = number if number is not None else BEARABLE_SEVERITY.get(severity)
        if grade is None or not 0 <= grade <= 4 or grade != int(grade):
            return f"the severity of {detail!r} is not one from 0 (none) to 4 (unbearable)"
        return target[0], target[1], min(int(grade), 3)
    if not kind:
        return "the row has no category"
    return f"Bearable's {category!r} entries are not imported (Speciosa's check-in has no place for them)"


BEARABLE = Preset(
    id="bearable",
    name="Bearable",
    what="mood, energy, sleep quality and symptoms, as check-ins",
    source="Bearable's CSV export (bearable.app): columns as read by open-source parsers of real exports "
           "(github.com/abocha/streamlit_bearable_dashboard and others)",
    columns=("date", "date formatted", "weekday", "time of day", "category", "rating/amount", "detail", "notes"),
    read=read_bearable,
)


# -------------------------------------------------------------------------------------------------- Kratom Tracker

KRATOM_TRACKER_PLACEHOLDER = "Unknown strain"  # what the app writes for a dose whose strain was deleted


def read_kratom_tracker(table: Table, zone: dt.tzinfo) -> list[Entry]:
    """One dose per row, in grams of leaf powder; the strain names the product (one product per strain, added as
    leaf powder when the patient has none by that name)."""
    if not table.has("amount_g") or not (table.has("iso_timestamp") or table.has("date", "time")):
        raise InputError("file", "is not a Kratom Tracker export: it needs the columns amount_g and iso_timestamp "
                                 "(or date and time)")
    entries: list[Entry] = []
    for line, row in table.rows:
        when = parse_instant(row.get("iso_timestamp", ""), zone)
        if when is None:
            day, clock = parse_date(row.get("date", "")), parse_clock(row.get("time", ""))
            if day is None or clock is None:
                entries.append(Skipped(line, f"the time {row.get('iso_timestamp') or row.get('date', '')!r} is "
                                             "not one Speciosa can read"))
                continue
            when = local_moment(day, clock, zone)
        amount = parse_number(row.get("amount_g", ""))
        if amount is None:
            entries.append(Skipped(line, f"the amount {row.get('amount_g', '')!r} is not a number of grams"))
            continue
        strain = row.get("strain_name", "").strip() or row.get("strain_code", "").strip()
        if not strain or strain == "???":
            strain = KRATOM_TRACKER_PLACEHOLDER
        entries.append(DoseEntry(line=line, taken_at=when, product_name=strain, amount=amount, unit="g",
                                 note=row.get("notes", "")))
    return entries


KRATOM_TRACKER = Preset(
    id="kratom-tracker",
    name="Kratom Tracker (Herbal Tracker+)",
    what="doses in grams, one product per strain",
    source="github.com/BareTread/KratomTracker, lib/export/csv_export.dart (the exact header is in its test, "
           "test/export/csv_export_test.dart)",
    columns=("date", "time", "iso_timestamp", "strain_code", "strain_name", "amount_g", "notes"),
    read=read_kratom_tracker,
)

PRESETS: dict[str, Preset] = {preset.id: preset for preset in (BEARABLE, KRATOM_TRACKER)}


def preset(preset_id: Any) -> Preset:
    if isinstance(preset_id, str) and preset_id in PRESETS:
        return PRESETS[preset_id]
    raise InputError("preset", f"unknown preset {preset_id!r}; expected one of {', '.join(PRESETS)}")


# ----------------------------------------------------------------------------------------------- column mapping

DOSE_TARGETS = ("taken_at", "date", "time", "product", "amount", "unit", "note")
CHECKIN_TARGETS = ("at", "date", "time", "pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function",
                   "note")
RATINGS = ("pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function")


@dataclass(frozen=True)
class ColumnMapping:
    """Which column of the file holds each Speciosa field, for a file no preset knows.

    ``kind`` is ``doses`` or ``checkins``. The moment comes from one column (``taken_at`` / ``at``: ISO 8601, in
    the patient's zone unless it carries an offset) or from ``date`` + ``time``. ``unit`` and ``product`` may be
    given as fixed values instead of columns (``fixed``). Ratings on another scale (1-5) are spread onto 0-10 when
    ``rating_scale`` says so.
    """

    kind: str
    columns: dict[str, str]
    fixed: dict[str, str] = field(default_factory=dict)
    rating_scale: tuple[int, int] = (0, 10)

    def check(self, table: Table) -> None:
        if self.kind not in ("doses", "checkins"):
            raise InputError("mapping.kind", "expected doses or checkins")
        targets = DOSE_TARGETS if self.kind == "doses" else CHECKIN_TARGETS
        for target, column in self.columns.items():
            if target not in targets:
                raise InputError(f"mapping.{target}", f"unknown field; expected one of {', '.join(targets)}")
            if column not in table.header:
                raise InputError(f"mapping.{target}", f"the file has no column {column!r} (its columns: "
                                                      f"{', '.join(table.header)})")
        for target in self.fixed:
            if target not in ("unit", "product"):
                raise InputError(f"mapping.{target}", "only unit and product can be fixed values")
        moment = "taken_at" if self.kind == "doses" else "at"
        if moment not in self.columns and not {"date", "time"} <= set(self.columns):
            raise InputError(f"mapping.{moment}", f"name the column of the date and time ({moment}), or both date "
                                                  "and time")
        if self.kind == "doses":
            for needed in ("amount", "unit", "product"):
                if needed not in self.columns and needed not in self.fixed:
                    raise InputError(f"mapping.{needed}", "name its column, or give one value for every row")
        elif not any(name in self.columns for name in (*RATINGS, "note")):
            raise InputError("mapping.pain_now", "name the column of at least one rating or the note")
        low, high = self.rating_scale
        if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high <= 100):
            raise InputError("mapping.rating_scale", "expected the lowest and highest rating, such as 1 and 5")

    def read(self, table: Table, zone: dt.tzinfo) -> list[Entry]:
        self.check(table)
        return list(self._entries(table, zone))

    def _moment(self, row: dict[str, str], zone: dt.tzinfo) -> dt.datetime | str:
        single = self.columns.get("taken_at" if self.kind == "doses" else "at")
        if single is not None:
            text = row.get(single, "")
            found = parse_instant(text, zone)
            if found is None and parse_date(text) is not None:
                found = local_moment(parse_date(text), BEARABLE_NOON, zone)  # type: ignore[arg-type]
            return found if found is not None else f"the time {text!r} is not a date and time Speciosa can read"
        day, clock = parse_date(row.get(self.columns["date"], "")), parse_clock(row.get(self.columns["time"], ""))
        if day is None:
            return f"the date {row.get(self.columns['date'], '')!r} is not one Speciosa can read (YYYY-MM-DD)"
        if clock is None:
            return f"the time {row.get(self.columns['time'], '')!r} is not a clock time Speciosa can read"
        return local_moment(day, clock, zone)

    def _value(self, row: dict[str, str], target: str) -> str:
        column = self.columns.get(target)
        return row.get(column, "") if column is not None else self.fixed.get(target, "")

    def _entries(self, table: Table, zone: dt.tzinfo) -> Iterator[Entry]:
        low, high = self.rating_scale
        for line, row in table.rows:
            when = self._moment(row, zone)
            if isinstance(when, str):
                yield Skipped(line, when)
                continue
            if self.kind == "doses":
                amount = parse_number(self._value(row, "amount"))
                if amount is None:
                    yield Skipped(line, f"the amount {self._value(row, 'amount')!r} is not a number")
                    continue
                try:
                    unit = unit_of(self._value(row, "unit"))
                except InputError as error:
                    yield Skipped(line, error.message)
                    continue
                product = self._value(row, "product").strip()
                if not product:
                    yield Skipped(line, "no product is named")
                    continue
                yield DoseEntry(line=line, taken_at=when, product_name=product, amount=amount, unit=unit,
                                note=self._value(row, "note"))
                continue
            values: dict[str, Any] = {}
            problem = ""
            for name in RATINGS:
                text = self._value(row, name).strip()
                if not text:
                    continue
                number = parse_number(text)
                if number is None or not low <= number <= high:
                    problem = f"{name.replace('_', ' ')} {text!r} is not a rating from {low} to {high}"
                    break
                values[name] = round((number - low) * 10 / (high - low)) if (low, high) != (0, 10) else number
            if problem:
                yield Skipped(line, problem)
                continue
            note = self._value(row, "note").strip()
            if note:
                values["note"] = note
            yield CheckinEntry(line=line, at=when, values=values, lines=(line,))
