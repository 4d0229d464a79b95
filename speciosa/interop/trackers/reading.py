"""Reading another tracker's CSV file into plain entries: the table, dates and times in the patient's zone, numbers.

Nothing here touches the database. A reader (a preset, or a column mapping) turns each row into a ``DoseEntry``, a
``CheckinEntry`` or a ``Skipped`` row that says why, numbered as the file's own line numbers (the header is line 1),
so a person can find the row in a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from speciosa.core.errors import InputError

MAX_FILE_BYTES = 5 * 1024 * 1024  # a year of daily logging in any tracker is well under a megabyte
MAX_ROWS = 50_000


@dataclass(frozen=True)
class Table:
    """A CSV file's header (as written) and rows (dicts by header name), with the line each row started on."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]

    def has(self, *columns: str) -> bool:
        return all(column in self.header for column in columns)


@dataclass(frozen=True)
class DoseEntry:
    line: int
    taken_at: dt.datetime  # aware
    product_name: str
    amount: float
    unit: str
    note: str = ""
    form: str = "powder"  # the form of a product the import adds (a tracker that logs grams of leaf)


@dataclass(frozen=True)
class CheckinEntry:
    line: int  # the first line that contributed (a Bearable check-in gathers several)
    at: dt.datetime  # aware
    values: dict[str, Any] = field(default_factory=dict)  # ratings, side_effects, withdrawal, note
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


Entry = DoseEntry | CheckinEntry | Skipped


def read_table(content: bytes | str) -> Table:
    """The CSV's header and rows. UTF-8 (with or without a byte-order mark), comma- or semicolon-separated.

    Raises InputError naming ``file`` for a file that is not a CSV table Speciosa can read.
    """
    if isinstance(content, bytes):
        if len(content) > MAX_FILE_BYTES:
            raise InputError("file", f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError("file", f"is not UTF-8 text (byte {error.start} cannot be read); export it again "
                                     "as CSV (UTF-8)") from None
    else:
        text = content.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError("file", "contains a NUL character: it is not a CSV text file")
    if not text.strip():
        raise InputError("file", "is empty")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = tuple(cell.strip() for cell in next(reader))
        rows: list[tuple[int, dict[str, str]]] = []
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(rows) >= MAX_ROWS:
                    raise InputError("file", f"has more than {MAX_ROWS:,} rows; split it into smaller files")
                rows.append((line, {name: (cells[index].strip() if index < len(cells) else "")
                                    for index, name in enumerate(header)}))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError("file", f"line {reader.line_num}: {error}") from None
    if not any(header):
        raise InputError("file", "has no header row (the first line must name the columns)")
    return Table(header=header, rows=tuple(rows))


_ORDINAL_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}


def parse_date(text: str) -> dt.date | None:
    """2026-03-01, or Bearable's ``8th Dec 2021`` / ``1st March 2024``; None for anything else (a day-month-year
    written with slashes is ambiguous, 03/04/2026, and is not guessed)."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    found = _ORDINAL_DATE.match(text)
    if found is None:
        return None
    month = _MONTHS.get(found.group(2).lower())
    if month is None:
        return None
    try:
        return dt.date(int(found.group(3)), month, int(found.group(1)))
    except ValueError:
        return None


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def parse_clock(text: str) -> dt.time | None:
    """08:30, 8:30 pm, 20:30:15; None for anything else."""
    found = _CLOCK.match(text.strip())
    if found is None:
        return None
    hour, minute, second = int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)
    meridiem = (found.group(4) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def local_moment(day: dt.date, clock: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """The instant a wall-clock time on ``day`` names in ``zone`` (the earlier one when a clock change repeats
    it), in UTC."""
    return dt.datetime.combine(day, clock, tzinfo=zone).astimezone(dt.UTC)


def parse_instant(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    """An ISO 8601 date and time; with an offset (or Z) it is that instant, without one it is wall-clock time in
    the patient's zone. None if it is not one."""
    text = text.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}", text):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return local_moment(moment.date(), moment.time(), zone)
    return moment.astimezone(dt.UTC)


def parse_number(text: str) -> float | None:
    """3, 2.5, or 2,5 (a decimal comma); None if it is not a number."""
    text = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text.strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None
