"""The jurisdiction table: dated statuses per place, looked up by the date of a dose."""

import copy
from datetime import date
from urllib.parse import urlparse

import pytest

from speciosa.core.errors import InputError
from speciosa.core.jurisdictions import (
    JurisdictionStatus,
    Status,
    history,
    known_codes,
    lookup,
    parent_codes,
    parse_jurisdictions,
    status_on,
    validate_code,
)
from speciosa.core.reference import load

US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
)


def brief(found: JurisdictionStatus | None) -> tuple | None:
    return found and (found.code, found.status, found.minimum_age, found.effective)


def test_every_us_state_and_dc_has_a_row():
    assert sorted(f"US-{state}" for state in US_STATES if f"US-{state}" not in known_codes()) == []
    assert len(US_STATES) == 51


@pytest.mark.parametrize(("code", "day", "expected"), [
    # Florida: 21+ from July 2023, concentrated 7-OH scheduled by emergency rule on 13 August 2025.
    ("US-FL", date(2023, 6, 30), ("US-FL", Status.LEGAL, None, date(2000, 1, 1))),
    ("US-FL", date(2023, 7, 1), ("US-FL", Status.REGULATED, 21, date(2023, 7, 1))),
    ("US-FL", date(2025, 8, 12), ("US-FL", Status.REGULATED, 21, date(2023, 7, 1))),
    ("US-FL", date(2025, 8, 13), ("US-FL", Status.SEVEN_OH_BANNED, 21, date(2025, 8, 13))),
    # Louisiana: statewide ban from 1 August 2025.
    ("US-LA", date(2025, 7, 31), ("US-LA", Status.LEGAL, None, date(2000, 1, 1))),
    ("US-LA", date(2025, 8, 1), ("US-LA", Status.BANNED, None, date(2025, 8, 1))),
    ("US-AL", date(2016, 5, 10), ("US-AL", Status.BANNED, None, date(2016, 5, 10))),
    ("US-OH", date(2025, 12, 12), ("US-OH", Status.SEVEN_OH_BANNED, None, date(2025, 12, 12))),
    # Ohio's emergency rule ran to 10 June 2026 (its last day); after it Ohio falls back to its earlier status.
    ("US-OH", date(2026, 6, 10), ("US-OH", Status.SEVEN_OH_BANNED, None, date(2025, 12, 12))),
    ("US-OH", date(2026, 6, 11), ("US-OH", Status.LEGAL, None, date(2000, 1, 1))),
    ("US-OH", date(2026, 12, 2), ("US-OH", Status.LEGAL, None, date(2000, 1, 1))),
    # Florida: the 2025 emergency rule (to 30 June 2026) was replaced on 22 June 2026 by 2ER26-1.
    ("US-FL", date(2026, 6, 21), ("US-FL", Status.SEVEN_OH_BANNED, 21, date(2025, 8, 13))),
    ("US-FL", date(2026, 12, 2), ("US-FL", Status.SEVEN_OH_BANNED, 21, date(2026, 6, 22))),
    # Georgia caps 7-OH (0.5 mg/g, 1 mg/serving) from 1 January 2025; Arizona caps it at 2% of alkaloids.
    ("US-GA", date(2024, 12, 31), ("US-GA", Status.REGULATED, 18, date(2019, 7, 1))),
    ("US-GA", date(2025, 1, 1), ("US-GA", Status.SEVEN_OH_BANNED, 21, date(2025, 1, 1))),
    ("US-AZ", date(2025, 1, 1), ("US-AZ", Status.SEVEN_OH_BANNED, 18, date(2019, 8, 27))),
    # Denver restricts the sale of kratom for human consumption (November 2017), stricter than Colorado.
    ("US-CO-DENVER", date(2026, 12, 2), ("US-CO-DENVER", Status.BANNED, None, date(2017, 11, 22))),
    ("US-CO-DENVER", date(2017, 11, 21), ("US-CO", Status.LEGAL, None, date(2000, 1, 1))),
    ("US-MS", date(2025, 7, 1), ("US-MS", Status.SEVEN_OH_BANNED, 21, date(2025, 7, 1))),
    # Thailand: banned, then off the narcotics list (24 Aug 2021), then the Kratom Plant Act (27 Aug 2022).
    ("TH", date(2021, 8, 23), ("TH", Status.BANNED, None, date(1943, 1, 1))),
    ("TH", date(2021, 8, 24), ("TH", Status.LEGAL, None, date(2021, 8, 24))),
    ("TH", date(2022, 8, 27), ("TH", Status.REGULATED, 18, date(2022, 8, 27))),
    ("GB", date(2016, 5, 26), ("GB", Status.BANNED, None, date(2016, 5, 26))),
    ("GB", date(2016, 5, 25), None),
])
def test_it_returns_the_status_in_force_on_the_day(code, day, expected):
    assert brief(status_on(code, day)) == expected


def test_a_city_ban_overrides_a_state_where_kratom_is_legal():
    assert brief(status_on("US-CA-SAN_DIEGO", date(2024, 1, 1))) == (
        "US-CA-SAN_DIEGO", Status.BANNED, None, date(2016, 1, 1))
    assert brief(status_on("US-CA", date(2024, 1, 1))) == ("US-CA", Status.LEGAL, None, date(2000, 1, 1))


def test_a_place_without_its_own_row_takes_its_state_then_its_country():
    assert brief(status_on("US-CA-LOS_ANGELES", date(2024, 1, 1))) == ("US-CA", Status.LEGAL, None, date(2000, 1, 1))
    assert brief(status_on("US-TN", date(2015, 1, 1))) == ("US", Status.LEGAL, None, date(2000, 1, 1))


def test_a_city_ban_made_before_a_state_law_still_applies_after_it():
    assert brief(status_on("US-MS-COLUMBUS", date(2025, 8, 1))) == (
        "US-MS-COLUMBUS", Status.BANNED, None, date(2019, 2, 1))


def test_a_city_rule_before_it_was_made_falls_back_to_the_state():
    assert brief(status_on("US-IL-ALTON", date(2018, 3, 27))) == ("US-IL", Status.REGULATED, 18, date(2015, 1, 1))
    assert brief(status_on("US-IL-ALTON", date(2018, 3, 28))) == ("US-IL-ALTON", Status.BANNED, None, date(2018, 3, 28))


def test_a_milder_city_rule_does_not_loosen_a_stricter_state_rule():
    data = {"jurisdictions": [
        {"code": "XX", "name": "Testland", "confidence": "H", "checked": "2026-11-23", "history": [
            {"status": "banned", "minimum_age": None, "effective": "2020-01-01", "note": "n", "source": "s",
             "url": "https://example.org/law"}]},
        {"code": "XX-AB-TOWN", "name": "Town", "confidence": "H", "checked": "2026-11-23", "history": [
            {"status": "regulated", "minimum_age": 21, "effective": "2021-01-01", "note": "n", "source": "s",
             "url": "https://example.org/town"}]},
    ]}
    table = parse_jurisdictions(data)
    assert brief(lookup(table, "XX-AB-TOWN", date(2022, 1, 1))) == ("XX", Status.BANNED, None, date(2020, 1, 1))


def test_nothing_known_gives_none():
    assert status_on("BR", date(2024, 1, 1)) is None
    assert status_on("LV", date(2020, 1, 1)) is None


@pytest.mark.parametrize(("code", "valid"), [
    ("GB", True), ("US-FL", True), ("US-DC", True), ("US-CA-SAN_DIEGO", True), ("US-FL-SARASOTA_COUNTY", True),
    ("gb", False), ("USA", False), ("US-", False), ("US-FL-", False), ("US-CA-SAN DIEGO", False),
    ("US-CA-_SAN", False), ("", False), (None, False), (12, False), ("US-FL\x00", False),
])
def test_it_knows_a_well_formed_code(code, valid):
    assert validate_code(code) is valid


def test_a_malformed_code_is_an_input_error_naming_the_field():
    with pytest.raises(InputError) as caught:
        status_on("Florida", date(2025, 1, 1))
    assert caught.value.field == "jurisdiction"


def test_parent_codes_run_from_the_most_specific_place():
    assert parent_codes("US-CA-SAN_DIEGO") == ("US-CA-SAN_DIEGO", "US-CA", "US")
    assert parent_codes("GB") == ("GB",)


@pytest.mark.parametrize(("code", "day", "leaf", "concentrated"), [
    ("US-FL", date(2025, 9, 1), False, True),
    ("US-LA", date(2025, 9, 1), True, True),
    ("US-NY", date(2025, 9, 1), False, False),
    ("US-FL", date(2025, 8, 1), False, False),
])
def test_it_tells_a_ban_on_the_leaf_from_a_ban_on_concentrated_7oh(code, day, leaf, concentrated):
    found = status_on(code, day)
    assert (found.bans_leaf, found.bans_concentrated_7oh) == (leaf, concentrated)


@pytest.mark.parametrize(("code", "day", "concentrated_7oh", "age", "forbidden"), [
    ("US-FL", date(2025, 9, 1), True, 40, True),
    ("US-FL", date(2025, 9, 1), False, 40, False),
    ("US-FL", date(2025, 9, 1), False, 20, True),
    ("US-FL", date(2025, 9, 1), False, None, False),
    ("US-LA", date(2025, 9, 1), False, 40, True),
    ("TH", date(2023, 1, 1), False, 17, True),
])
def test_forbids_weighs_product_and_age(code, day, concentrated_7oh, age, forbidden):
    assert status_on(code, day).forbids(concentrated_7oh=concentrated_7oh, age=age) is forbidden


@pytest.mark.parametrize(("code", "day", "forbidden"), [
    ("TH", date(2023, 1, 1), True),  # Kratom Plant Act B.E. 2565, section 24
    ("TH", date(2022, 8, 26), False),  # before the act: off the narcotics list, no sale rules
    ("US-FL", date(2025, 9, 1), False),
])
def test_thailand_forbids_sale_to_pregnant_or_breastfeeding_women(code, day, forbidden):
    found = status_on(code, day)
    assert found.forbids(concentrated_7oh=False, age=30, pregnant_or_breastfeeding=True) is forbidden
    assert found.forbids(concentrated_7oh=False, age=30) is False


def test_every_state_that_caps_7oh_says_its_cap_and_every_cap_is_coded_as_such():
    capped = {code: entry for code in known_codes() for entry in history(code) if entry.seven_oh_limit}
    assert all(entry.status is Status.SEVEN_OH_BANNED for entry in capped.values())
    uncoded = [code for code in known_codes() for entry in history(code)
               if entry.status is Status.SEVEN_OH_BANNED and not entry.seven_oh_limit]
    assert uncoded == []
    assert {"US-GA", "US-AZ", "US-FL", "US-OH", "US-CO", "US-KY", "US-MS", "US-OK", "US-TX", "US-UT"} <= set(capped)


def test_an_entry_with_an_end_date_lapses_and_the_place_falls_back():
    data = _valid_data()
    data["jurisdictions"][0]["history"][1]["until"] = "2020-06-30"
    table = parse_jurisdictions(data)
    assert brief(lookup(table, "XX", date(2020, 6, 30))) == ("XX", Status.REGULATED, 21, date(2020, 1, 1))
    assert brief(lookup(table, "XX", date(2020, 7, 1))) == ("XX", Status.LEGAL, None, date(2000, 1, 1))


def test_a_lapsed_entry_is_still_replaced_by_a_later_one():
    data = _valid_data()
    data["jurisdictions"][0]["history"][1]["until"] = "2020-06-30"
    data["jurisdictions"][0]["history"].append(
        {"status": "banned", "minimum_age": None, "effective": "2020-06-01", "note": "n", "source": "s",
         "url": "https://example.org/c"})
    table = parse_jurisdictions(data)
    assert brief(lookup(table, "XX", date(2020, 8, 1))) == ("XX", Status.BANNED, None, date(2020, 6, 1))


def test_the_shipped_file_keeps_its_promises():
    rows = load("jurisdictions")["jurisdictions"]
    problems = []
    for row in rows:
        entries = history(row["code"])
        if row["checked"] not in ("2026-11-23", "2026-12-02"):
            problems.append((row["code"], "checked"))
        for entry in entries:
            if urlparse(entry.url).scheme != "https" or not urlparse(entry.url).netloc:
                problems.append((row["code"], entry.url))
            if entry.confidence == "L" and len(entry.note) < 20:
                problems.append((row["code"], "an L row needs a note saying what is uncertain"))
        parents = parent_codes(row["code"])[1:]
        if parents and parents[0] not in known_codes():
            problems.append((row["code"], "parent missing"))
    assert problems == []


def test_states_with_no_law_say_so_and_name_what_was_checked():
    silent = [code for code in known_codes() if code.startswith("US-")
              for entry in history(code)[:1]
              if entry.status is Status.LEGAL and "No kratom-specific state law was found" not in entry.note]
    assert silent == []


def test_to_dict_round_trips_the_fields():
    found = status_on("US-LA", date(2025, 8, 1))
    assert found.to_dict() == {
        "code": "US-LA", "name": "Louisiana", "status": "banned", "minimum_age": None, "effective": "2025-08-01",
        "until": None, "seven_oh_limit": None, "no_sale_pregnant_or_breastfeeding": False, "restriction": None,
        "source": found.source, "url": found.url, "checked": "2026-11-23", "note": found.note, "confidence": "H"}


def _valid_data():
    return copy.deepcopy({"jurisdictions": [{"code": "XX", "name": "Testland", "confidence": "M",
                                             "checked": "2026-11-23", "history": [
        {"status": "legal", "minimum_age": None, "effective": "2000-01-01", "note": "n", "source": "s",
         "url": "https://example.org/a"},
        {"status": "regulated", "minimum_age": 21, "effective": "2020-01-01", "note": "n", "source": "s",
         "url": "https://example.org/b"}]}]})


@pytest.mark.parametrize(("path", "value", "field"), [
    (("history", 1, "status"), "illegal", "jurisdictions[0].history[1].status"),
    (("history", 1, "minimum_age"), True, "jurisdictions[0].history[1].minimum_age"),
    (("history", 1, "minimum_age"), "21", "jurisdictions[0].history[1].minimum_age"),
    (("history", 1, "effective"), "2020-1-1", "jurisdictions[0].history[1].effective"),
    (("history", 1, "effective"), "1999-01-01", "jurisdictions[0].history[1].effective"),
    (("history", 0, "url"), "http://example.org/a", "jurisdictions[0].history[0].url"),
    (("history", 0, "source"), "", "jurisdictions[0].history[0].source"),
    (("history", 0, "note"), "bad\x00note", "jurisdictions[0].history[0].note"),
    (("confidence",), "X", "jurisdictions[0].confidence"),
    (("code",), "Testland", "jurisdictions[0].code"),
    (("history",), [], "jurisdictions[0].history"),
    (("history", 1, "until"), "2019-12-31", "jurisdictions[0].history[1].until"),
    (("history", 1, "until"), "30 June", "jurisdictions[0].history[1].until"),
    (("history", 1, "seven_oh_limit"), "2% of alkaloids", "jurisdictions[0].history[1].seven_oh_limit"),
    (("history", 1, "restriction"), " ", "jurisdictions[0].history[1].restriction"),
    (("history", 1, "no_sale_pregnant_or_breastfeeding"), "yes",
     "jurisdictions[0].history[1].no_sale_pregnant_or_breastfeeding"),
])
def test_bad_reference_data_is_refused_naming_the_field(path, value, field):
    data = _valid_data()
    target = data["jurisdictions"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InputError) as caught:
        parse_jurisdictions(data)
    assert caught.value.field == field


def test_a_code_listed_twice_is_refused():
    data = _valid_data()
    data["jurisdictions"].append(copy.deepcopy(data["jurisdictions"][0]))
    with pytest.raises(InputError) as caught:
        parse_jurisdictions(data)
    assert caught.value.field == "jurisdictions[1].code"
