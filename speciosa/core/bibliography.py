"""One bibliography: every work Speciosa cites, once, in ``speciosa/data/sources.json``, keyed by a short id.

Rules, instruments, product defaults, the drug table and the evidence library cite by id (``cite("ahmad-2021")``),
so a DOI is spelled and titled in one place only: before this file, the same DOI appeared in several modules under
different titles, and a clinician could not tell which was right. Each entry carries the date its details were last
checked against the publisher's or agency's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from speciosa.core.errors import InputError
from speciosa.core.evidence import Source
from speciosa.core.reference import load

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOI = re.compile(r"10\.\d{4,9}/[^\s\"',;]+")


@dataclass(frozen=True, slots=True)
class Work:
    """One cited work: what a reader sees (citation), where it opens (url), and when it was last checked."""

    id: str
    citation: str
    url: str
    checked: date

    @property
    def doi(self) -> str | None:
        found = DOI.search(self.url) or DOI.search(self.citation)
        return found.group(0).rstrip(").:;,").lower() if found else None

    @property
    def source(self) -> Source:
        return Source(citation=self.citation, url=self.url)


def cite(work_id: str) -> Source:
    """The source with this id; a KeyError naming the id for an unknown one (a programming error)."""
    try:
        return bibliography()[work_id].source
    except KeyError:
        raise KeyError(f"no work {work_id!r} in speciosa/data/sources.json") from None


def cite_all(work_ids: Any, where: str) -> tuple[Source, ...]:
    """Sources for a list of ids read from a data file; a bad list is an InputError naming ``where``."""
    if not isinstance(work_ids, list) or not work_ids:
        raise InputError(where, "expected a list of source ids from speciosa/data/sources.json")
    known = bibliography()
    for n, work_id in enumerate(work_ids):
        if not isinstance(work_id, str) or work_id not in known:
            raise InputError(f"{where}[{n}]", f"unknown source id {work_id!r} (see speciosa/data/sources.json)")
    return tuple(known[work_id].source for work_id in work_ids)


@cache
def bibliography() -> dict[str, Work]:
    return parse_bibliography(load("sources"))


def parse_bibliography(data: Any) -> dict[str, Work]:
    """Validates the file: ids are slugs, addresses open over https, dates are dates, and no DOI appears twice."""
    works = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(works, dict) or not works:
        raise InputError("sources", "expected an object of works keyed by id")
    out: dict[str, Work] = {}
    by_doi: dict[str, str] = {}
    for work_id, item in works.items():
        where = f"sources.{work_id}"
        if not _ID.match(work_id):
            raise InputError(where, "expected an id such as ahmad-2021")
        if not isinstance(item, dict):
            raise InputError(where, "expected an object with citation, url and checked")
        citation, url, checked = item.get("citation"), item.get("url"), item.get("checked")
        if not isinstance(citation, str) or not citation.strip():
            raise InputError(f"{where}.citation", "expected the citation as text")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise InputError(f"{where}.url", "expected an https address a clinician can open")
        try:
            checked_on = date.fromisoformat(checked) if isinstance(checked, str) else None
        except ValueError:
            checked_on = None
        if checked_on is None:
            raise InputError(f"{where}.checked", "expected a date as YYYY-MM-DD")
        work = Work(id=work_id, citation=citation, url=url, checked=checked_on)
        if work.doi is not None:
            if work.doi in by_doi:
                raise InputError(f"{where}.url", f"DOI {work.doi} is already listed as {by_doi[work.doi]}")
            by_doi[work.doi] = work_id
        out[work_id] = work
    return out


# "Ahmad J, Odin JA, ..." / "Dworkin RH et al." / "Grundmann O.": a surname (one or two words) and its initials.
_FIRST_AUTHOR = re.compile(r"^(?P<surname>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) [A-Z]{1,4}\b(?P<rest>[^.]*)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_FIRST_PART = re.compile(r"(?<=\w\w)\. (?=[A-Z])|: | \(|;")  # where an organisation's name or a title's first part ends
SHORT_MAX = 60


def short_citation(citation: str) -> str:
    """A citation as a reader refers to it in running text: "Ahmad et al. 2021", "Grundmann 2017", "U.S. FDA 2009".

    Authors come as "Surname Initials"; for an agency, a law or an untitled work it is the name up to its first
    full stop, colon or bracket, cut at a word (never inside one) if it is long. The year is the first year named.
    """
    text = " ".join(citation.split())
    year = _YEAR.search(text)
    author = _FIRST_AUTHOR.match(text)
    if author:
        more = "," in author.group("rest") or "et al" in author.group("rest")
        name = author.group("surname") + (" et al." if more else "")
    else:
        name = _FIRST_PART.split(text, maxsplit=1)[0].rstrip(" .,")
        if len(name) > SHORT_MAX:
            name = name[:SHORT_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    if year and year.group(0) not in name:
        name += f" {year.group(0)}"
    return name
