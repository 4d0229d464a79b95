import dataclasses
import datetime as dt
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core import drugs, reference
from speciosa.core.bibliography import cite

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
        source=ROWS[0]["source"], checked="2026-11-23", perpetrator=(), washout=None)


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
    assert set(row) == {"name", "rxnorm", "rxnorm_checked", "brands", "synonyms", "classes", "cyp", "perpetrator",
                        "qt_risk", "washout", "source", "checked"}
    assert row["name"] == row["name"].lower().strip()
    assert row["source"].strip() and "http" in row["source"]
    assert dt.date.fromisoformat(row["checked"]) <= dt.date.fromisoformat(DATA["version"])
    assert row["classes"] and set(row["classes"]) <= set(VOCABULARY["classes"])
    assert set(row["cyp"].values()) <= set(VOCABULARY["cyp"])
    assert all(re.fullmatch(r"[0-9][A-Z][0-9]+", enzyme) for enzyme in (*row["cyp"], *row["perpetrator"]))
    assert set(row["perpetrator"].values()) <= set(VOCABULARY["perpetrator"])
    washout = row["washout"]
    assert washout is None or (set(washout) == {"days", "basis", "source"} and washout["days"] >= 1
                               and washout["basis"].strip() and washout["source"].startswith("https://"))
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
    urls = [cite(work_id).url for work_id in DATA["sources"]]
    assert "https://www.fda.gov/drugs/drug-interactions-labeling/healthcare-professionals-fdas-examples-drugs-" \
           "interact-cyp-enzymes-and-transporter-systems" in urls
    assert dt.date.fromisoformat(DATA["version"])


# --- washout: how long a stopped medicine still counts ----------------------------------------------------------

def washout_days(entered):
    [drug] = drugs.match_all(entered, None)
    return drugs.washout(drug, entered).days


@pytest.mark.parametrize(("entered", "days"), [
    ("oxycodone 5 mg", 5),  # the default: five half-lives of a medicine whose half-life is at most a day
    ("methadone 60 mg", 13),  # half-life up to 59 h
    ("diazepam 5 mg", 21),  # desmethyldiazepam, half-life up to 100 h
    ("Prozac 20 mg", 35),  # norfluoxetine; the label's five weeks before an MAOI
    ("buprenorphine 8 mg sublingual", 9),
    ("Sublocade 300 mg", 300),  # depot: terminal half-life 43-60 days
    ("buprenorphine extended-release injection", 300),
    ("naltrexone 50 mg tablet", 3),
    ("Vivitrol", 50),  # injection: half-life 5-10 days
    ("naltrexone 380 mg injection", 50),
    ("amiodarone 200 mg", 300),
])
def test_each_medicine_has_its_washout_and_a_depot_form_a_longer_one(entered, days):
    assert washout_days(entered) == days


def test_a_depot_word_only_lengthens_the_washout_of_its_own_medicine():
    assert washout_days("morphine injection") == 5


def test_the_default_washout_and_every_depot_carry_a_basis_and_a_source():
    for row in (DATA["washout_default"], *DATA["depots"]):
        assert row["days"] >= 1 and row["basis"].strip() and "https://" in row["source"]
    assert {depot["drug"] for depot in DATA["depots"]} <= {row["name"] for row in ROWS}


# --- perpetrators and corrected roles ---------------------------------------------------------------------------

@pytest.mark.parametrize(("entered", "enzyme", "role"), [
    ("ritonavir", "3A4", "inhibitor-strong"), ("clarithromycin", "3A4", "inhibitor-strong"),
    ("itraconazole", "3A4", "inhibitor-strong"), ("grapefruit juice", "3A4", "inhibitor-moderate"),
    ("rifampicin", "3A4", "inducer-strong"), ("carbamazepine", "3A4", "inducer-strong"),
    ("phenytoin", "3A4", "inducer-strong"), ("St John's wort", "3A4", "inducer-strong"),
    ("fluoxetine", "2D6", "inhibitor-strong"), ("paroxetine", "2D6", "inhibitor-strong"),
    ("bupropion", "2D6", "inhibitor-strong"), ("quinidine", "2D6", "inhibitor-strong"),
    ("terbinafine", "2D6", "inhibitor-strong"),
])
def test_the_medicines_that_change_kratom_itself_carry_their_fda_strength(entered, enzyme, role):
    drug = drugs.match(entered, None)
    assert drug is not None and drug.perpetrator_role(enzyme) == role


def test_clopidogrel_is_a_cyp2c19_prodrug_and_warfarin_a_cyp2c9_narrow_index_substrate():
    clopidogrel, warfarin = drugs.match("Plavix", None), drugs.match("warfarin", None)
    assert clopidogrel is not None and warfarin is not None
    assert clopidogrel.cyp == (("2C19", "prodrug"),)
    assert (warfarin.cyp_role("2C9"), warfarin.cyp_role("3A4")) == ("substrate-nti", "substrate")


@pytest.mark.parametrize(("entered", "generics"), [
    ("Paxlovid", ["nirmatrelvir", "ritonavir"]),
    ("Lybalvi 10/10", ["olanzapine", "samidorphan"]),
    ("Contrave ER", ["naltrexone", "bupropion"]),
    ("Embeda 20/0.8", ["morphine"]),  # its naltrexone is sequestered, released only if the capsule is crushed
    ("Apadaz", ["benzhydrocodone", "acetaminophen"]),
])
def test_combinations_list_the_ingredients_that_act(entered, generics):
    assert names(drugs.match_all(entered, None)) == generics


@pytest.mark.parametrize(("entered", "generic", "family"), [
    ("Xyrem", "sodium oxybate", "oxybate"), ("Xywav", "sodium oxybate", "oxybate"),
    ("Lumryz", "sodium oxybate", "oxybate"), ("Belsomra", "suvorexant", "orexin_antagonist"),
    ("Dayvigo", "lemborexant", "orexin_antagonist"), ("Quviviq", "daridorexant", "orexin_antagonist"),
    ("phenibut 500 mg", "phenibut", "gabapentinoid"), ("meprobamate", "meprobamate", "carbamate_sedative"),
    ("Soma 350", "carisoprodol", "carbamate_sedative"), ("Silenor 3 mg", "doxepin", "sedating_antidepressant"),
    ("trazodone 50 mg", "trazodone", "sedating_antidepressant"), ("etizolam", "etizolam", "benzodiazepine"),
    ("Vivitrol", "naltrexone", "opioid_antagonist"), ("nalmefene", "nalmefene", "opioid_antagonist"),
    ("Narcan", "naloxone", "opioid_reversal"),
])
def test_the_sedatives_and_blockers_added_in_the_review_are_classed(entered, generic, family):
    drug = drugs.match(entered, None)
    assert drug is not None and (drug.name, family in drug.classes) == (generic, True)


def test_every_class_was_reviewed_with_a_date_a_finding_and_a_source():
    reviewed = {entry["class"]: entry for entry in DATA["review"]}
    assert set(reviewed) == set(VOCABULARY["classes"])
    for entry in reviewed.values():
        assert dt.date.fromisoformat(entry["checked"]) <= dt.date.fromisoformat(DATA["version"])
        assert entry["finding"].strip() and all(url.startswith("https://") for url in entry["sources"])


@pytest.mark.parametrize("depot", DATA["depots"], ids=[depot["drug"] for depot in DATA["depots"]])
def test_a_depot_named_by_its_brand_alone_is_found_with_its_long_washout(depot):
    brand = depot["phrases"][0]
    [drug] = drugs.match_all(brand, None)
    assert (drug.name, drugs.washout(drug, brand).days) == (depot["drug"], depot["days"])
