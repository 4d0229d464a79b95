"""REDCap's documented rules for a data dictionary, as a checker: what REDCap's upload would refuse or warn about.

From REDCap's data dictionary guide (Vanderbilt's "Data Dictionary" help and institutional copies of it, e.g.
docs.redcap.qmul.ac.uk/adding-data/validation/): the first variable of the first form is the record identifier;
variable names are lower-case letters, digits and underscores starting with a letter, at most 100 characters and
no more than 26 recommended; a form's fields are contiguous; field types come from a fixed list; choices are
``code, Label`` separated by ``|`` for dropdown, radio and checkbox fields (and only for them); text validation
(with its min and max) applies to text fields only, from REDCap's list of validation types; Identifier? and
Required Field? are ``y`` or empty; branching logic names existing fields in square brackets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

from speciosa.interop.redcap.dictionary import COLUMNS

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RECOMMENDED_LENGTH, MAX_LENGTH = 26, 100
FIELD_TYPES = {"text", "notes", "dropdown", "radio", "checkbox", "yesno", "truefalse", "calc", "file", "slider",
               "descriptive", "sql"}
CHOICE_TYPES = {"dropdown", "radio", "checkbox"}
CODE = re.compile(r"^-?[A-Za-z0-9_]+(\.[0-9]+)?$")
DATE_FORMATS = {"date_ymd": "%Y-%m-%d", "datetime_ymd": "%Y-%m-%d %H:%M", "datetime_seconds_ymd": "%Y-%m-%d %H:%M:%S",
                "date_mdy": "%m-%d-%Y", "date_dmy": "%d-%m-%Y", "datetime_mdy": "%m-%d-%Y %H:%M",
                "datetime_dmy": "%d-%m-%Y %H:%M", "datetime_seconds_mdy": "%m-%d-%Y %H:%M:%S",
                "datetime_seconds_dmy": "%d-%m-%Y %H:%M:%S", "time": "%H:%M"}
NUMBER_TYPES = {"integer", "number", "number_1dp", "number_2dp", "number_3dp", "number_4dp"}
VALIDATION_TYPES = {*DATE_FORMATS, *NUMBER_TYPES, "time_mm_ss", "email", "phone", "zipcode", "alpha_only",
                    "number_comma_decimal", "postalcode_canada", "ssn", "mrn_10d", "mrn_generic", "vmrn"}
# Names REDCap keeps for itself in exports and imports, and the JavaScript reserved words its designer refuses
# (its pages evaluate branching logic and calculations as JavaScript).
RESERVED = {"redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance", "redcap_data_access_group",
            "redcap_survey_identifier", "abstract", "arguments", "await", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "debugger", "default", "delete", "do", "double", "else",
            "enum", "eval", "export", "extends", "false", "final", "finally", "float", "for", "function", "goto",
            "if", "implements", "import", "in", "instanceof", "int", "interface", "let", "long", "native", "new",
            "null", "package", "private", "protected", "public", "return", "short", "static", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "true", "try", "typeof", "var", "void",
            "volatile", "while", "with", "yield"}


def parse(text: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return tuple(rows[0]), [tuple(row) for row in rows[1:]]


def check_dictionary(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Every way the dictionary breaks REDCap's rules, each naming the variable (empty when it complies)."""
    problems: list[str] = []
    if tuple(header) != COLUMNS:
        return [f"the header is not REDCap's 18 columns: {list(header)}"]
    names: list[str] = []
    forms_done: list[str] = []
    for number, row in enumerate(rows, start=2):
        if len(row) != len(COLUMNS):
            problems.append(f"line {number}: {len(row)} cells, expected {len(COLUMNS)}")
            continue
        (name, form, _section, kind, label, choices, _note, validation, minimum, maximum, identifier,
         branching, required, _alignment, _question, _matrix, _ranking, _annotation) = row
        where = name or f"line {number}"
        if not NAME.match(name):
            problems.append(f"{where}: a variable name is lower-case letters, digits and underscores, starting "
                            "with a letter")
        if len(name) > MAX_LENGTH:
            problems.append(f"{where}: longer than {MAX_LENGTH} characters")
        elif len(name) > RECOMMENDED_LENGTH:
            problems.append(f"{where}: longer than the recommended {RECOMMENDED_LENGTH} characters")
        if name in names:
            problems.append(f"{where}: the name is used twice")
        if name in RESERVED or name.endswith("_complete"):
            problems.append(f"{where}: REDCap reserves this name")
        names.append(name)
        if not NAME.match(form):
            problems.append(f"{where}: the form name {form!r} is not lower-case letters, digits and underscores")
        if forms_done and forms_done[-1] != form:
            if form in forms_done:
                problems.append(f"{where}: form {form!r} continues after another form began (forms must be "
                                "contiguous)")
            forms_done.append(form)
        elif not forms_done:
            forms_done.append(form)
        if kind not in FIELD_TYPES:
            problems.append(f"{where}: unknown field type {kind!r}")
        if not label.strip():
            problems.append(f"{where}: no field label")
        problems += _check_choices(where, kind, choices)
        problems += _check_validation(where, kind, validation, minimum, maximum)
        for flag, value in (("Identifier?", identifier), ("Required Field?", required)):
            if value not in ("", "y"):
                problems.append(f"{where}: {flag} is 'y' or empty, not {value!r}")
        for referred in re.findall(r"\[([^\]]+)\]", branching):
            if referred.split("(")[0] not in names[:-1]:
                problems.append(f"{where}: branching logic names [{referred}], which is not an earlier field")
    if rows and (rows[0][0] != "record_id" or rows[0][3] != "text"):
        problems.append("the first field must be the record identifier (a text field)")
    return problems


def _check_choices(where: str, kind: str, choices: str) -> list[str]:
    if kind not in CHOICE_TYPES:
        return [f"{where}: choices are only for dropdown, radio and checkbox fields"] if choices and kind not in (
            "calc", "slider", "sql") else []
    if not choices.strip():
        return [f"{where}: a {kind} field needs choices"]
    problems, codes = [], []
    for choice in choices.split("|"):
        code, comma, label = choice.strip().partition(",")
        if not comma or not label.strip():
            problems.append(f"{where}: the choice {choice.strip()!r} is not 'code, Label'")
            continue
        if not CODE.match(code.strip()):
            problems.append(f"{where}: the choice code {code.strip()!r} has characters REDCap does not allow")
        if kind == "checkbox" and not re.match(r"^[A-Za-z0-9_]+$", code.strip()):
            problems.append(f"{where}: checkbox codes are letters, digits and underscores only")
        codes.append(code.strip())
    if len(codes) != len(set(codes)):
        problems.append(f"{where}: a choice code is used twice")
    return problems


def _check_validation(where: str, kind: str, validation: str, minimum: str, maximum: str) -> list[str]:
    if not validation:
        return [f"{where}: a minimum or maximum needs a validation type"] if (minimum or maximum) else []
    if kind == "slider":
        return [] if validation in ("", "number_of_choices") else [f"{where}: invalid slider setting"]
    if kind != "text":
        return [f"{where}: text validation is for text fields only"]
    if validation not in VALIDATION_TYPES:
        return [f"{where}: unknown validation type {validation!r}"]
    problems = []
    for bound in (minimum, maximum):
        if not bound:
            continue
        if validation in NUMBER_TYPES:
            if not re.match(r"^-?\d+(\.\d+)?$", bound) or (validation == "integer" and "." in bound):
                problems.append(f"{where}: the bound {bound!r} is not a {validation}")
        elif validation in DATE_FORMATS:
            try:
                dt.datetime.strptime(bound, DATE_FORMATS[validation])
            except ValueError:
                problems.append(f"{where}: the bound {bound!r} is not a {validation}")
    if minimum and maximum and validation in NUMBER_TYPES and not problems and float(minimum) > float(maximum):
        problems.append(f"{where}: the minimum is above the maximum")
    return problems
