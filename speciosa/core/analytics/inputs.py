"""What analytics reads: one patient's doses, check-ins and questionnaire scores, as plain frozen rows.

The Django side builds these (``speciosa.reports.outcomes.patient_data``); the core never reaches back into the
database. Times are timezone-aware; calendar days are counted in ``PatientData.time_zone`` (an IANA name).
Ratings are 0-10 as on the check-in form: pain 0 = no pain; function, mood, energy and sleep 10 = best.
Side effects are graded 0-3 (0 = absent).
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from speciosa.core.errors import InputError

MAX_NAME_LENGTH = 200


_AWARE_ZONES = (dt.timezone, zoneinfo.ZoneInfo)  # zones that always give an offset; others are asked


def _check_time(value: Any, name: str) -> None:
    # Checked for every row of a cohort: the common case is a handful of attribute reads.
    if not isinstance(value, dt.datetime):
        raise InputError(name, f"expected a datetime, got {type(value).__name__}")
    zone = value.tzinfo
    if zone is None or (not isinstance(zone, _AWARE_ZONES) and value.utcoffset() is None):
        raise InputError(name, "must carry a time zone offset")


def _check_optional_number(value: Any, name: str, *, minimum: float, maximum: float = math.inf) -> None:
    if value is None:
        return
    kind = type(value)
    if kind is not float and kind is not int and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise InputError(name, f"expected a number, got {type(value).__name__}")
    if kind is bool:
        raise InputError(name, "expected a number, got bool")
    if not minimum <= value <= maximum or not math.isfinite(value):
        if not math.isfinite(value):
            raise InputError(name, "must be a finite number")
        bounds = f"between {minimum:g} and {maximum:g}" if math.isfinite(maximum) else f"at least {minimum:g}"
        raise InputError(name, f"must be {bounds}")


def _check_name(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise InputError(name, f"expected text, got {type(value).__name__}")
    if "\x00" in value:
        raise InputError(name, "contains a NUL character")
    if len(value) > MAX_NAME_LENGTH:
        raise InputError(name, f"is {len(value)} characters long; at most {MAX_NAME_LENGTH} are allowed")


@dataclass(frozen=True, slots=True)
class DoseRow:
    """One dose. ``leaf_g`` is None when no leaf equivalent can be claimed (7-OH products)."""

    taken_at: dt.datetime
    leaf_g: float | None
    mitragynine_mg: float | None
    product: str
    strain: str = ""

    def __post_init__(self) -> None:
        _check_time(self.taken_at, "taken_at")
        _check_optional_number(self.leaf_g, "leaf_g", minimum=0)
        _check_optional_number(self.mitragynine_mg, "mitragynine_mg", minimum=0)
        _check_name(self.product, "product")
        _check_name(self.strain, "strain")


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One check-in. ``pain`` is the 24-hour average when the patient gave one, else pain now."""

    at: dt.datetime
    pain: float | None
    function: float | None = None
    mood: float | None = None
    energy: float | None = None
    sleep: float | None = None
    side_effects: Mapping[str, int] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        _check_time(self.at, "at")
        for name, value in (("pain", self.pain), ("function", self.function), ("mood", self.mood),
                            ("energy", self.energy), ("sleep", self.sleep)):
            if value is not None:
                _check_optional_number(value, name, minimum=0, maximum=10)
        if type(self.side_effects) is not dict and not isinstance(self.side_effects, Mapping):
            raise InputError("side_effects", f"expected a mapping, got {type(self.side_effects).__name__}")
        for symptom, grade in self.side_effects.items():
            _check_name(symptom, "side_effects")
            if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 3:
                raise InputError(f"side_effects.{symptom}", "must be a whole-number grade from 0 to 3")


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One scored questionnaire (``peg`` scores feed the PEG series)."""

    instrument: str
    at: dt.datetime
    score: float
    band: str | None = None

    def __post_init__(self) -> None:
        _check_name(self.instrument, "instrument")
        _check_time(self.at, "at")
        _check_optional_number(self.score, "score", minimum=-math.inf)
        if self.score is None:
            raise InputError("score", "is required")


@dataclass(frozen=True)
class PatientData:
    """Everything analytics needs about one patient. Rows may come in any order."""

    time_zone: str
    doses: tuple[DoseRow, ...]
    checkins: tuple[CheckinRow, ...]
    scores: tuple[ScoreRow, ...] = ()
    plan_changes: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.time_zone, str) or not self.time_zone:
            raise InputError("time_zone", "expected an IANA time zone name such as 'Europe/London'")
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise InputError("time_zone", f"unknown time zone {self.time_zone!r}") from None
        for name, rows, kind in (("doses", self.doses, DoseRow), ("checkins", self.checkins, CheckinRow),
                                 ("scores", self.scores, ScoreRow)):
            if not isinstance(rows, tuple):
                raise InputError(name, f"expected a tuple, got {type(rows).__name__}")
            for index, row in enumerate(rows):
                if not isinstance(row, kind):
                    raise InputError(f"{name}[{index}]", f"expected a {kind.__name__}, got {type(row).__name__}")
        for index, day in enumerate(self.plan_changes):
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise InputError(f"plan_changes[{index}]", "expected a date")

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_day(self, moment: dt.datetime) -> dt.date:
        """The calendar day of ``moment`` in the patient's time zone."""
        return moment.astimezone(self.zone).date()
