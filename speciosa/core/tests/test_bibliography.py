"""One bibliography: each work listed once, cited by id everywhere, with the titles a clinician will find."""

from __future__ import annotations

import ast
import json
from importlib import resources
from pathlib import Path

import pytest

from speciosa.core.bibliography import DOI, bibliography, cite, cite_all, parse_bibliography, short_citation
from speciosa.core.errors import InputError

PACKAGE = Path(__file__).resolve().parents[2]


def _raw() -> dict:
    return json.loads(resources.files("speciosa.data").joinpath("sources.json").read_text(encoding="utf-8"))


def test_each_doi_is_listed_once():
    dois = [work.doi for work in bibliography().values() if work.doi]
    assert len(dois) == len(set(dois)) > 40


def test_every_doi_mentioned_in_the_core_or_its_data_is_in_the_bibliography():
    listed = {work.doi for work in bibliography().values()}
    places = [p for p in (PACKAGE / "core").rglob("*.py") if "tests" not in p.parts]
    places += [p for p in (PACKAGE / "data").glob("*.json") if p.name != "sources.json"]
    missing = sorted({(p.name, doi.rstrip(").:;,").lower()) for p in places for doi in DOI.findall(p.read_text())
                      if doi.rstrip(").:;,").lower() not in listed})
    assert missing == []


def test_rules_and_instruments_cite_by_id_not_by_writing_a_citation_out():
    written_out = []
    for path in (PACKAGE / "core").rglob("*.py"):
        if "tests" in path.parts or path.name in ("bibliography.py", "evidence.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Source":
                written_out.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert written_out == []


@pytest.mark.parametrize(("work_id", "title"), [
    # Two DOIs carried contradictory titles before the bibliography; these are the titles on PubMed.
    ("ahmad-2021", "Liver injury associated with kratom, a popular opioid-like product"),
    ("smith-2022", "Assessment of kratom use disorder and withdrawal among an online convenience sample of US adults"),
])
def test_titles_are_the_published_ones(work_id, title):
    assert title.lower() in cite(work_id).citation.lower()


def test_every_work_opens_over_https_and_was_checked():
    for work in bibliography().values():
        assert work.url.startswith("https://")
        assert work.checked.year >= 2025


def test_an_unknown_id_is_named():
    with pytest.raises(KeyError, match="no-such-work"):
        cite("no-such-work")
    with pytest.raises(InputError) as error:
        cite_all(["ahmad-2021", "no-such-work"], "[3].sources")
    assert error.value.field == "[3].sources[1]"


def _one(**work) -> dict:
    return {"sources": {"a-2020": {"citation": "A. doi:10.1000/x", "url": "https://doi.org/10.1000/x",
                                   "checked": "2026-12-02", **work}}}


@pytest.mark.parametrize(("data", "field"), [
    ({"sources": {}}, "sources"),
    ({"sources": {"Bad Id": {"citation": "A", "url": "https://a", "checked": "2026-12-02"}}}, "sources.Bad Id"),
    (_one(url="http://doi.org/10.1000/x"), "sources.a-2020.url"),
    (_one(checked="yesterday"), "sources.a-2020.checked"),
    (_one(citation=""), "sources.a-2020.citation"),
])
def test_a_bad_file_is_refused_naming_the_field(data, field):
    with pytest.raises(InputError) as error:
        parse_bibliography(data)
    assert error.value.field == field


def test_the_same_doi_twice_is_refused():
    data = _one()
    data["sources"]["b-2021"] = dict(data["sources"]["a-2020"])
    with pytest.raises(InputError, match="already listed as a-2020"):
        parse_bibliography(data)


def test_the_file_parses():
    assert set(parse_bibliography(_raw())) == set(bibliography())


@pytest.mark.parametrize(("work_id", "short"), [
    ("ahmad-2021", "Ahmad et al. 2021"),
    ("dworkin-2008", "Dworkin et al. 2008"),
    ("grundmann-2017", "Grundmann 2017"),
    ("leong-abdullah-2021", "Leong Abdullah et al. 2021"),
    ("robles-diaz-2014", "Robles-Diaz et al. 2014"),
    ("lowe-2010", "Löwe et al. 2010"),
    ("fda-dili-guidance-2009", "U.S. FDA 2009"),
    ("cdc-multistate-outbreak-2018", "CDC 2018"),
    ("apa-dsm5", "American Psychiatric Association"),
    ("dilin-enrolment", "Drug-Induced Liver Injury Network"),
    ("tilleke-2022", "Tilleke & Gibbins 2022"),
])
def test_a_citation_reads_as_author_and_year_in_running_text(work_id, short):
    assert short_citation(bibliography()[work_id].citation) == short


def test_every_short_citation_is_short_whole_words_and_never_a_bare_number():
    for work in bibliography().values():
        short = short_citation(work.citation)
        assert 3 <= len(short) <= 70, short
        assert not short.startswith("["), short
        words = short.replace(" et al.", "").replace("…", "").split()
        assert all(word in work.citation.split() or word.rstrip(".,") in work.citation or word.isdigit()
                   for word in words), (short, work.citation)
