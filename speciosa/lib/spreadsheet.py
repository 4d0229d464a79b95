"""CSV files that spreadsheets open correctly: UTF-8 with a byte-order mark, CRLF rows, no formula injection."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

# A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe keeps it as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return str(value)


def csv_bytes(columns: list[str] | tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8-sig")  # the byte-order mark makes spreadsheets read it as UTF-8

