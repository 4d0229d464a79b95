import dataclasses
import datetime as dt
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core import drugs, reference

DATA = reference.load("drugs")
ROWS = DATA["drugs"]
VOCABULARY = DATA["vocabulary"]


def names(found):
    return [drug.name for drug in found]


@pytest.mark.parametrize(("entered", "generic"), [
    ("Oxycodone HCl", "oxycodone"),
    ("oxycodone hydrochloride ER 10 mg", "oxycodone"),
    ("OXYCODONE", "oxycodone"),
    ("Xanax", "alprazolam"),
    ("XANAX XR", "alprazolam"),
    ("gabapentin 300mg caps", "gabapentin"),
    ("Gabapentin enacarbil", "gabapentin"),
    ("Sertraline HCl 50 mg tablet", "sertraline"),
    ("amlodipine besylate 5 mg", "amlodipine"),
    ("metoprolol tartrate 25mg", "metoprolol"),
    ("Toprol-XL 50 mg", "metoprolol"),
    ("zolpidem tartrate 10 mg", "zolpidem"),
    ("quetiapine fumarate 25 mg", "quetiapine"),
    ("naproxen sodium 220 mg", "naproxen"),
    ("diclofenac potassium 50 mg", "diclofenac"),
    ("morphine sulfate ER 30 mg", "morphine"),
    ("MS Contin 30 mg", "morphine"),
    ("hydrocodone bitartrate", "hydrocodone"),
    ("divalproex sodium DR 500 mg", "valproic acid"),
    ("lithium carbonate 300 mg", "lithium"),
    ("chlorpheniramine maleate 4 mg", "chlorpheniramine"),
    ("Chlor-Trimeton", "chlorpheniramine"),
    ("buprenorphine HCl 8 mg sublingual film", "buprenorphine"),
    ("Fentanyl 25 mcg/hr transdermal patch", "fentanyl"),
    ("escitalopram oxalate", "escitalopram"),
    ("Paracetamol 500 mg", "acetaminophen"),
    ("Ethanol", "alcohol"),
    ("beer", "alcohol"),
    ("Klonopin 0.5", "clonazepam"),
    ("Lyrica 75 mg capsule", "pregabalin"),
    ("Flexeril", "cyclobenzaprine"),
    ("Prograf", "tacrolimus"),
    ("Ultram", "tramadol"),
    ("Cymbalta 60 mg DR capsule", "duloxetine"),
    ("Zofran ODT", "ondansetron"),
    ("Oxycodone-acetaminophen 5-325", "oxycodone"),
])
def test_it_matches_names_whatever_the_salt_strength_form_or_case(entered, generic):
    found = drugs.match(entered, None)
    assert found is not None and found.name == generic


@pytest.mark.parametrize(("entered", "generics"), [
    ("Percocet 5/325", ["oxycodone", "acetaminophen"]),
    ("Tylenol #3", ["acetaminophen", "codeine"]),
    ("Tylenol with Codeine", ["acetaminophen", "codeine"]),
    ("Tylenol PM", ["acetaminophen", "diphenhydramine"]),
    ("oxycodone / acetaminophen 10/325", ["oxycodone", "acetaminophen"]),
    ("Suboxone 8/2 film", ["buprenorphine", "naloxone"]),
    ("Adderall XR 20 mg", ["amphetamine", "dextroamphetamine"]),
    ("NyQuil", ["acetaminophen", "dextromethorphan", "doxylamine"]),
    ("Tylenol", ["acetaminophen"]),
])
def test_it_finds_every_ingredient_of_a_combination(entered, generics):
    assert names(drugs.match_all(entered, None)) == generics


@pytest.mark.parametrize(("entered", "rxnorm", "generic"), [
    ("my pain pill", "7804", "oxycodone"),  # the code alone is enough
    ("Xanax", "7804", "oxycodone"),  # a confirmed ingredient code wins over the name
    ("", "25480", "gabapentin"),
    ("Lyrica", " 187832 ", "pregabalin"),  # whitespace around a code is ignored
    ("aspirin", "999999999", "aspirin"),  # a code the table does not know: the name decides
    ("aspirin 81 mg", "243670", "aspirin"),  # any code outside the ingredient table (a clinical-drug code): the name
    ("pill", "787390", "tapentadol"),  # an unconfirmed code is used when the name names nothing
    ("Xanax", "787390", "alprazolam"),  # ...but does not overrule a name that names another medicine
])
def test_an_rxnorm_ingredient_code_takes_precedence_over_the_name(entered, rxnorm, generic):
    found = drugs.match(entered, rxnorm)
    assert found is not None and found.name == generic


def test_the_row_used_for_the_unconfirmed_code_case_really_is_unconfirmed():
    tapentadol = drugs.match("tapentadol", None)
    assert tapentadol is not None and (tapentadol.rxnorm, tapentadol.rxnorm_checked) == ("787390", False)


def test_a_name_that_disagrees_with_a_confirmed_code_is_still_listed_among_all_matches():
    assert names(drugs.match_all("Xanax", "7804")) == ["oxycodone", "alprazolam"]


@pytest.mark.parametrize("entered", [
    "Zzyzx herbal tonic", "", "   ", "10 mg tablet", "HCl", "isopropyl alcohol", "Alcohol prep pads",
    "benzyl alcohol", "vitamin D3 1000 IU", "kratom", "XR",
])
def test_unknown_names_match_nothing(entered):
    assert (drugs.match(entered, None), drugs.match_all(entered, None)) == (None, ())


@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=12)))
def test_it_never_fails_on_any_text(entered, rxnorm):
    found = drugs.match(entered, rxnorm)
    assert found is None or isinstance(found, drugs.Drug)


def test_a_drug_is_frozen():
    oxycodone = drugs.match("oxycodone", None)
    assert oxycodone is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        oxycodone.name = "something else"


def test_a_matched_drug_carries_its_reference_facts():
    assert drugs.match("Oxycodone HCl", None) == drugs.Drug(
        name="oxycodone", rxnorm="7804", rxnorm_checked=True,
        brands=("OxyContin", "Roxicodone", "Oxaydo", "Xtampza", "RoxyBond"), synonyms=(),
        classes=frozenset({"opioid"}), cyp=(("2D6", "substrate"), ("3A4", "substrate")), qt_risk=None,
        source=ROWS[0]["source"], checked="2026-11-23")


def test_cyp_role_reads_one_enzyme():
    codeine = drugs.match("codeine", None)
    assert codeine is not None
    assert (codeine.cyp_role("2D6"), codeine.cyp_role("3A4"), codeine.cyp_role("2C9")) == ("prodrug", "substrate", None)


def test_it_is_fast_enough_for_thousands_of_lookups_a_second():
    entries = ["oxycodone hydrochloride ER 10 mg", "XANAX XR", "Percocet 5/325", "Zzyzx herbal tonic"] * 500
    started = time.perf_counter()
    for entry in entries:
        drugs.match_all(entry, None)
    assert time.perf_counter() - started < 1.0


# --- the reference table ------------------------------------------------------------------------------------------

def test_the_table_holds_at_least_150_medicines():
    assert len(ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=[row["name"] for row in ROWS])
def test_every_row_is_complete_and_uses_the_vocabulary(row):
    assert set(row) == {"name", "rxnorm", "rxnorm_checked", "brands", "synonyms", "classes", "cyp", "qt_risk",
                        "source", "checked"}
    assert row["name"] == row["name"].lower().strip()
    assert row["source"].strip() and "http" in row["source"]
    assert dt.date.fromisoformat(row["checked"]) <= dt.date(2026, 11, 23)
    assert row["classes"] and set(row["classes"]) <= set(VOCABULARY["classes"])
    assert set(row["cyp"].values()) <= set(VOCABULARY["cyp"])
    assert all(re.fullmatch(r"[0-9][A-Z][0-9]+", enzyme) for enzyme in row["cyp"])
    assert row["qt_risk"] is None or row["qt_risk"] in VOCABULARY["qt_risk"]
    assert row["rxnorm"] is None or re.fullmatch(r"[1-9][0-9]*", row["rxnorm"])
    assert isinstance(row["rxnorm_checked"], bool)
    assert not (row["rxnorm"] is None and row["rxnorm_checked"])


def test_no_two_rows_share_a_name_or_an_rxnorm_code():
    codes = [row["rxnorm"] for row in ROWS if row["rxnorm"]]
    assert (len(codes), len({row["name"] for row in ROWS})) == (len(set(codes)), len(ROWS))


def test_alcohol_is_a_row_without_an_rxnorm_code():
    alcohol = drugs.match("alcohol", None)
    assert alcohol is not None and (alcohol.rxnorm, alcohol.classes) == (None, frozenset({"alcohol"}))


@pytest.mark.parametrize("family", [
    "opioid", "benzodiazepine", "gabapentinoid", "z_drug", "barbiturate", "sedating_antihistamine", "muscle_relaxant",
    "sedating_antipsychotic", "antipsychotic", "ssri", "snri", "tca", "stimulant", "anticonvulsant", "statin",
    "anticoagulant", "immunosuppressant", "antiarrhythmic", "nsaid",
])
def test_every_family_the_issue_names_is_represented(family):
    assert any(family in row["classes"] for row in ROWS)


def test_every_brand_synonym_and_combination_resolves_to_its_own_row():
    for row in ROWS:
        for phrase in (row["name"], *row["brands"], *row["synonyms"]):
            assert names(drugs.match_all(phrase, None)) == [row["name"]], phrase
    for combination in DATA["combinations"]:
        assert names(drugs.match_all(combination["brand"], None)) == combination["ingredients"]
        assert combination["source"] and combination["checked"]


def test_the_table_cites_the_fda_substrate_table_and_has_a_version():
    urls = [source["url"] for source in DATA["sources"]]
    assert "https://www.fda.gov/drugs/drug-interactions-labeling/healthcare-professionals-fdas-examples-drugs-" \
           "interact-cyp-enzymes-and-transporter-systems" in urls
    assert dt.date.fromisoformat(DATA["version"])
