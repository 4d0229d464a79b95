"""Medicines as the interaction rules see them: a reference table (``speciosa/data/drugs.json``) and a matcher.

A patient types a medicine the way it reads on the box — "Oxycodone HCl ER 10 mg", "XANAX XR", "gabapentin 300mg
caps", "Percocet" — or a system sends an RxNorm code. ``match`` turns either into one reference row (a ``Drug``);
``match_all`` returns every ingredient of a combination product ("Percocet" is oxycodone and acetaminophen), which is
what the safety rules use, so that an opioid inside a combination is never missed.

How a name is read: it is lower-cased and cut into words; the longest run of words that names a known medicine
(generic name, synonym, brand, or a combination brand) is taken, and every other word — salts such as hydrochloride,
strengths, dose forms, release words — is skipped because it names nothing. A few phrases that contain a drug word but
are not that drug ("isopropyl alcohol") are known and matched to nothing.

How a code is read: an RxNorm ingredient code that is in the table wins over the name, except when the code was not
confirmed against a source (``rxnorm_checked`` false) and the name clearly names another medicine: a doubtful code must
not overrule what the patient wrote. Codes that are not ingredient codes (a clinical drug code, say) are not in the
table, so the name decides.

How long a stopped medicine still counts: each row carries its washout (``washout``: days after the last dose,
about five half-lives of its longest-lived active part, with the basis and a source), or the table's default; a
long-acting form (a depot injection such as Vivitrol or Sublocade) is recognised by its words and carries its own,
longer washout (``depots``). ``washout`` returns the one that applies to what the patient wrote.

The index is built once per process (``functools.cache``); a lookup is a dictionary walk over a handful of words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from speciosa.core import reference

MAX_PHRASE_WORDS = 4
_WORD = re.compile(r"[a-z]+|[0-9]+(?:\.[0-9]+)?|#")


@dataclass(frozen=True, slots=True)
class Drug:
    """One reference medicine (an RxNorm ingredient, or alcohol)."""

    name: str
    rxnorm: str | None
    rxnorm_checked: bool
    brands: tuple[str, ...]
    synonyms: tuple[str, ...]
    classes: frozenset[str]
    cyp: tuple[tuple[str, str], ...]  # (enzyme, role), e.g. ("3A4", "substrate-sensitive")
    qt_risk: str | None
    source: str
    checked: str
    perpetrator: tuple[tuple[str, str], ...] = ()  # (enzyme, effect on it), e.g. ("3A4", "inhibitor-strong")
    washout: Washout | None = None  # None: the table's default washout applies

    def cyp_role(self, enzyme: str) -> str | None:
        """This medicine's role for one enzyme ("3A4", "2D6"), or None when it has none listed."""
        return dict(self.cyp).get(enzyme)

    def perpetrator_role(self, enzyme: str) -> str | None:
        """What this medicine does to one enzyme ("inhibitor-strong", "inducer-moderate", ...), or None."""
        return dict(self.perpetrator).get(enzyme)


@dataclass(frozen=True, slots=True)
class Washout:
    """How many days after its last dose a stopped medicine still interacts, why, and where that comes from."""

    days: int
    basis: str
    source: str


@dataclass(frozen=True, slots=True)
class _Depot:
    drug: str
    phrases: tuple[tuple[str, ...], ...]
    washout: Washout


@dataclass(frozen=True, slots=True)
class _Index:
    drugs: tuple[Drug, ...]
    by_rxnorm: Mapping[str, Drug]
    by_phrase: Mapping[tuple[str, ...], tuple[Drug, ...]]  # an empty tuple: a known phrase that is no medicine
    default_washout: Washout
    depots: tuple[_Depot, ...]


def words(text: str) -> tuple[str, ...]:
    """The words of a medicine name: lower case, accents and symbols dropped, digits split from letters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return tuple(_WORD.findall(folded))


def all_drugs() -> tuple[Drug, ...]:
    """Every reference medicine, in table order."""
    return _index().drugs


def match(name: str, rxnorm: str | None = None) -> Drug | None:
    """The reference medicine a name or RxNorm code stands for; for a combination, its first ingredient named.

    None when nothing is recognised: unknown medicines are not guessed at.
    """
    found = match_all(name, rxnorm)
    return found[0] if found else None


def match_all(name: str, rxnorm: str | None = None) -> tuple[Drug, ...]:
    """Every reference medicine in a name (all ingredients of a combination), or the one an RxNorm code names."""
    index = _index()
    by_name = _scan(words(name), index)
    coded = index.by_rxnorm.get(rxnorm.strip()) if rxnorm else None
    if coded is None:
        return by_name
    if not coded.rxnorm_checked and by_name and coded not in by_name:
        return by_name
    return (coded,) + tuple(drug for drug in by_name if drug != coded)


def washout(drug: Drug, entered: str = "") -> Washout:
    """How long ``drug`` keeps interacting after its last dose, for the form the patient wrote.

    A depot form named in ``entered`` ("Vivitrol", "naltrexone injection", "Sublocade") has its own washout;
    otherwise the row's, or the table's default when the row has none.
    """
    index = _index()
    tokens = words(entered)
    for depot in index.depots:
        if depot.drug == drug.name and any(_contains(tokens, phrase) for phrase in depot.phrases):
            return depot.washout
    return drug.washout or index.default_washout


def _contains(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(tokens[start:start + len(phrase)] == phrase for start in range(len(tokens) - len(phrase) + 1))


def _scan(tokens: tuple[str, ...], index: _Index) -> tuple[Drug, ...]:
    found: list[Drug] = []
    position = 0
    while position < len(tokens):
        for length in range(min(MAX_PHRASE_WORDS, len(tokens) - position), 0, -1):
            drugs = index.by_phrase.get(tokens[position:position + length])
            if drugs is not None:
                found.extend(drug for drug in drugs if drug not in found)
                position += length
                break
        else:
            position += 1
    return tuple(found)


@cache
def _index() -> _Index:
    data = reference.load("drugs")
    drugs = tuple(_drug(row) for row in data["drugs"])
    by_name = {drug.name: drug for drug in drugs}
    by_rxnorm = {drug.rxnorm: drug for drug in drugs if drug.rxnorm}
    by_phrase: dict[tuple[str, ...], tuple[Drug, ...]] = {}

    def add(phrase: str, targets: tuple[Drug, ...]) -> None:
        key = words(phrase)
        if not key or len(key) > MAX_PHRASE_WORDS:
            raise ValueError(f"drugs.json: {phrase!r} cannot be a lookup phrase")
        known = by_phrase.get(key)
        if known is not None and known != targets:
            raise ValueError(f"drugs.json: {phrase!r} names both {_names(known)} and {_names(targets)}")
        by_phrase[key] = targets

    for drug in drugs:
        for phrase in (drug.name, *drug.synonyms, *drug.brands):
            add(phrase, (drug,))
    for combination in data["combinations"]:
        add(combination["brand"], tuple(by_name[name] for name in combination["ingredients"]))
    for phrase in data["not_drugs"]["phrases"]:
        add(phrase, ())
    depots = tuple(_Depot(drug=by_name[row["drug"]].name, phrases=tuple(words(p) for p in row["phrases"]),
                          washout=_washout(row)) for row in data["depots"])
    return _Index(drugs=drugs, by_rxnorm=by_rxnorm, by_phrase=by_phrase,
                  default_washout=_washout(data["washout_default"]), depots=depots)


def _washout(row: Mapping[str, Any]) -> Washout:
    return Washout(days=int(row["days"]), basis=row["basis"], source=row["source"])


def _names(drugs: Iterable[Drug]) -> str:
    return " + ".join(drug.name for drug in drugs) or "nothing"


def _drug(row: Mapping[str, Any]) -> Drug:
    return Drug(
        name=row["name"],
        rxnorm=row["rxnorm"],
        rxnorm_checked=bool(row["rxnorm_checked"]),
        brands=tuple(row["brands"]),
        synonyms=tuple(row["synonyms"]),
        classes=frozenset(row["classes"]),
        cyp=tuple(sorted(row["cyp"].items())),
        qt_risk=row["qt_risk"],
        source=row["source"],
        checked=row["checked"],
        perpetrator=tuple(sorted(row["perpetrator"].items())),
        washout=_washout(row["washout"]) if row["washout"] else None,
    )
