"""The evidence library: honest verdicts with sources a clinician can open, and no wording of reassurance."""

import copy
from urllib.parse import urlparse

import pytest

from speciosa.core.errors import InputError
from speciosa.core.evidence import Source
from speciosa.core.evidence_library import (
    EvidenceEntry,
    Grade,
    Verdict,
    all_entries,
    for_rule,
    forbidden_phrases,
    get,
    parse_entries,
)
from speciosa.core.reference import load

# The ten claims of issue 4, section 7, as the library words them (ids are stable: pages and alerts link to them).
ISSUE_CLAIMS = {
    "pain-relief-without-addiction-risk": Verdict.CONTRADICTED,
    "liver-at-higher-doses": Verdict.CONTRADICTED,
    "low-dose-stimulates-high-dose-sedates": Verdict.MIXED,
    "fewer-side-effects-than-opioids": Verdict.PRECLINICAL,
    "reduces-inflammation": Verdict.PRECLINICAL,
    "strain-colours-differ": Verdict.UNKNOWN,
    "helps-fibromyalgia-and-back-pain": Verdict.UNKNOWN,
    "interacts-with-cns-medicines": Verdict.SUPPORTED,
    "dose-depends-on-weight-and-tolerance": Verdict.UNKNOWN,
    "legal-status-varies": Verdict.SUPPORTED,
}
# Hosts a clinician can trust to open the record itself: DOI resolver, NIH (PubMed, PMC, Bookshelf), US government.
CITABLE_HOSTS = ("doi.org", ".nih.gov", ".gov")


def citable(url: str) -> bool:
    host = urlparse(url).netloc
    return urlparse(url).scheme == "https" and any(host == h or host.endswith(h) for h in CITABLE_HOSTS)


def test_the_library_holds_at_least_the_ten_claims_of_the_issue_with_their_verdicts():
    assert len(all_entries()) >= 10
    assert {entry_id: get(entry_id).verdict for entry_id in ISSUE_CLAIMS} == ISSUE_CLAIMS


def test_ids_are_unique():
    ids = [entry.id for entry in all_entries()]
    assert sorted(ids) == sorted(set(ids))


def test_verdicts_and_grades_come_from_their_vocabularies():
    odd = [(e.id, e.verdict, e.grade) for e in all_entries() if e.verdict not in Verdict or e.grade not in Grade]
    assert odd == []


def test_every_entry_cites_a_source_a_clinician_can_open():
    uncited = [entry.id for entry in all_entries() if not any(citable(source.url) for source in entry.sources)]
    assert uncited == []


def test_every_source_url_is_https():
    insecure = [source.url for entry in all_entries() for source in entry.sources
                if urlparse(source.url).scheme != "https"]
    assert insecure == []


def test_no_summary_presents_kratom_as_safe_or_free_of_addiction():
    reassuring = {entry.id: forbidden_phrases(entry.summary + " " + entry.verdict.value)
                  for entry in all_entries() if forbidden_phrases(entry.summary + " " + entry.verdict.value)}
    assert reassuring == {}


@pytest.mark.parametrize(("text", "found"), [
    ("Kratom is safe and non-addictive.", ["safe", "non-addictive"]),
    ("It is SAFE for the liver with no risk at all.", ["SAFE", "no risk"]),
    ("A natural, addiction-free, risk-free remedy that is free of side effects.",
     ["addiction-free", "risk-free", "free of side effects"]),
    ("Kratom is not addictive and harmless; it cannot cause dependence.",
     ["not addictive", "harmless", "cannot cause dependence"]),
    ("Used safely, it relieves pain without risk.", ["safely", "without risk"]),
    ("Liver injury has been reported; safety data are limited and some products were unsafe.", []),
])
def test_the_phrase_check_catches_reassuring_wording(text, found):
    assert forbidden_phrases(text) == found


def test_summaries_are_two_or_three_sentences():
    lengths = {entry.id: entry.summary.count(". ") + 1 for entry in all_entries()
               if not 2 <= entry.summary.count(". ") + 1 <= 3}
    assert lengths == {}


def test_for_rule_lists_the_entries_a_rule_rests_on():
    assert [entry.id for entry in for_rule("LIVER_INJURY")] == ["liver-at-higher-doses"]
    assert [entry.id for entry in for_rule("PRODUCT_ILLEGAL")] == ["legal-status-varies"]
    assert for_rule("NO_SUCH_RULE") == ()


def test_get_returns_none_for_an_unknown_id():
    assert get("kratom-cures-everything") is None


def test_to_dict_gives_exactly_the_public_fields():
    entry = get("interacts-with-cns-medicines")
    assert entry.to_dict() == {
        "id": "interacts-with-cns-medicines", "claim": entry.claim, "verdict": "supported", "grade": "moderate",
        "summary": entry.summary, "plain": entry.plain, "sources": [source.to_dict() for source in entry.sources],
        "rules": ["INTERACTION_CNS_DEPRESSANT", "INTERACTION_CYP3A", "INTERACTION_CYP2D6", "INTERACTION_QT"],
        "checked": "2026-11-23"}


def test_the_shipped_file_parses_to_the_same_entries():
    assert parse_entries(load("evidence_library")) == all_entries()


def test_an_entry_is_a_frozen_record():
    entry = EvidenceEntry(id="x", claim="c", verdict=Verdict.UNKNOWN, grade=Grade.LOW, summary="s",
                          plain="p", sources=(Source("c", "https://doi.org/10/x"),), rules=(), checked=all_entries()[0].checked)
    with pytest.raises(AttributeError):
        entry.verdict = Verdict.SUPPORTED


def _valid():
    return copy.deepcopy([{"id": "a-claim", "claim": "A claim.", "verdict": "unknown", "grade": "very low",
                           "summary": "One. Two.", "plain": "One.", "sources": ["ahmad-2021"],
                           "rules": ["LIVER_INJURY"], "checked": "2026-11-23"}])


@pytest.mark.parametrize(("key", "value", "field"), [
    ("verdict", "proven", "[0].verdict"),
    ("grade", "medium", "[0].grade"),
    ("id", "Not A Slug", "[0].id"),
    ("summary", "Kratom is safe. Really.", "[0].summary"),
    ("summary", "", "[0].summary"),
    ("plain", "It is harmless.", "[0].plain"),
    ("plain", "", "[0].plain"),
    ("sources", [], "[0].sources"),
    ("sources", ["ahmad-2021", "no-such-work"], "[0].sources[1]"),
    ("sources", [{"citation": "c", "url": "https://doi.org/10.1/x"}], "[0].sources[0]"),
    ("rules", ["liver injury"], "[0].rules"),
    ("checked", "23/11/2026", "[0].checked"),
    ("claim", "bad\x00claim", "[0].claim"),
])
def test_bad_library_data_is_refused_naming_the_field(key, value, field):
    data = _valid()
    data[0][key] = value
    with pytest.raises(InputError) as caught:
        parse_entries(data)
    assert caught.value.field == field


def test_a_duplicate_id_is_refused():
    data = _valid() + _valid()
    with pytest.raises(InputError) as caught:
        parse_entries(data)
    assert caught.value.field == "[1].id"


def test_every_entrys_plain_words_read_at_grade_8_or_less():
    textstat = pytest.importorskip("textstat", reason="textstat (dev extra) measures the reading grade")
    grades = {entry.id: textstat.flesch_kincaid_grade(entry.plain) for entry in all_entries()}
    assert {entry_id: grade for entry_id, grade in grades.items() if grade > 8} == {}
