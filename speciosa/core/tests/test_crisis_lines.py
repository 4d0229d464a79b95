"""Crisis lines by place: each row checked against a page a clinician can open, looked up by jurisdiction."""

import copy
from datetime import date

import pytest

from speciosa.core.crisis_lines import CrisisLine, all_lines, for_jurisdiction, lookup, parse_crisis_lines
from speciosa.core.errors import InputError
from speciosa.core.jurisdictions import known_codes
from speciosa.core.reference import load


def test_the_shipped_file_parses_and_every_row_names_its_source_and_the_day_it_was_checked():
    lines = all_lines()
    assert len(lines) >= 10
    unsourced = [line.code for line in lines
                 if not (line.url.startswith("https://") and line.source.strip() and line.checked <= date.today())]
    assert unsourced == []


def test_every_place_with_a_line_is_a_place_the_jurisdiction_table_knows():
    assert sorted(line.code for line in all_lines() if line.code not in known_codes()) == []


@pytest.mark.parametrize(("code", "phone"), [
    ("US", "988"), ("US-FL", "988"), ("US-CA-SAN_DIEGO", "988"), ("CA", "988"), ("GB", "116 123"),
    ("IE", "116 123"), ("AU", "13 11 14"), ("FR", "3114"), ("ES", "024"), ("CH", "143"), ("TH", "1323"),
])
def test_a_place_gets_its_own_or_its_countrys_line(code, phone):
    line = for_jurisdiction(code)
    assert line is not None and line.phone == phone


@pytest.mark.parametrize("code", [None, "", "DK", "ZZ", "not a code", 42])
def test_no_line_for_no_place_an_unchecked_place_or_a_malformed_code(code):
    assert for_jurisdiction(code) is None


def test_the_us_line_is_called_or_texted_on_988():
    line = for_jurisdiction("US")
    assert line is not None
    assert line.how_to_reach() == "call 988 or text 988 (988 Suicide & Crisis Lifeline)"


def test_a_line_without_text_is_only_called():
    line = for_jurisdiction("GB")
    assert line is not None and line.how_to_reach() == "call 116 123 (Samaritans)"


def test_lookup_walks_up_to_the_country():
    table = parse_crisis_lines({"lines": [_row("US", phone="988"), _row("US-TX", phone="111")]})
    assert [lookup(table, code).phone for code in ("US-TX", "US-TX-AUSTIN", "US-NY")] == ["111", "111", "988"]


def test_to_dict_round_trips_the_row():
    row = _row("GB")
    line = parse_crisis_lines({"lines": [row]})["GB"]
    assert isinstance(line, CrisisLine)
    assert line.to_dict() == row


@pytest.mark.parametrize(("change", "field"), [
    (lambda data: data["lines"].__setitem__(1, copy.deepcopy(data["lines"][0])), "lines[1].code"),
    (lambda data: data["lines"][0].update(code="United States"), "lines[0].code"),
    (lambda data: data["lines"][0].update(url="http://example.org"), "lines[0].url"),
    (lambda data: data["lines"][0].update(website="www.example.org"), "lines[0].website"),
    (lambda data: data["lines"][0].update(phone=""), "lines[0].phone"),
    (lambda data: data["lines"][0].update(checked="2026-13-01"), "lines[0].checked"),
    (lambda data: data["lines"][0].pop("source"), "lines[0].source"),
    (lambda data: data.pop("lines"), "lines"),
])
def test_a_malformed_file_is_refused_naming_the_field(change, field):
    data = copy.deepcopy(load("crisis_lines"))
    change(data)
    with pytest.raises(InputError) as raised:
        parse_crisis_lines(data)
    assert raised.value.field == field


def _row(code: str, *, phone: str = "116 123") -> dict:
    return {"code": code, "country": "Somewhere", "service": "Samaritans", "phone": phone, "text": None,
            "website": "https://www.samaritans.org", "hours": "24 hours a day", "cost": "free",
            "source": "A page that says so", "url": "https://www.samaritans.org/", "checked": "2026-12-03",
            "note": ""}
