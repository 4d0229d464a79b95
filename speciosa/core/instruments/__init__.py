"""Validated questionnaires as data, scored in plain Python: one module per instrument, and this registry.

    from speciosa.core import instruments
    instruments.score("phq4", [1, 2, 0, 1]).to_dict()
    # {"instrument": "phq4", "score": 4.0, "band": "mild", "subscores": {"gad2": 3.0, "gad2_screen": "positive", ...}}

Only instruments that are free to use are included (each module states its licence terms and sources). A
kratom-specific scale is not included: the Ketum (Kratom) Dependence Scale used in Malaysian studies (Singh 2019,
doi:10.2174/2405461503666180420120649) has no published item list, scoring or cut-offs that could be retrieved and
checked, and no validated kratom withdrawal scale was found (studies use the SOWS or COWS). See docs/instruments.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from speciosa.core.errors import InputError
from speciosa.core.instruments.dsm5_kud import DSM5_KUD
from speciosa.core.instruments.model import (
    Band,
    Frequency,
    Instrument,
    Item,
    Option,
    Score,
    Scoring,
    Subscale,
)
from speciosa.core.instruments.nrs import NRS
from speciosa.core.instruments.peg import PEG
from speciosa.core.instruments.phq4 import PHQ4
from speciosa.core.instruments.sows import SOWS

__all__ = ["Band", "Frequency", "Instrument", "Item", "Option", "Score", "Scoring", "Subscale", "all_instruments",
           "get", "score"]

_REGISTRY: dict[str, Instrument] = {instrument.id: instrument for instrument in (NRS, PEG, PHQ4, SOWS, DSM5_KUD)}


def all_instruments() -> tuple[Instrument, ...]:
    """Every instrument, in the order a patient meets them (pain first)."""
    return tuple(_REGISTRY.values())


def get(instrument_id: Any) -> Instrument:
    """The instrument with this id, or InputError naming ``instrument``."""
    if isinstance(instrument_id, str) and instrument_id in _REGISTRY:
        return _REGISTRY[instrument_id]
    raise InputError("instrument", f"unknown instrument {instrument_id!r}; expected one of {', '.join(_REGISTRY)}")


def score(instrument_id: str, answers: Sequence[Any]) -> Score:
    """Scores ``answers`` (one whole number per item) on the instrument; InputError names a bad answer."""
    return get(instrument_id).score(answers)
