"""How the liver rules read a snapshot's lab results: draws, the latest result of each test, its age, the R ratio.

No rule is registered here; speciosa.core.safety.rules.liver holds the rules and their sources.

A *draw* is the set of lab results sharing one ``collected_at`` instant (one blood sample). Instants are compared, not
clock readings, so ``09:00+00:00`` and ``04:00-05:00`` are the same draw; results entered a minute apart are not.
Every value is read as a multiple of its own draw's upper limit of normal (``value / uln``), never of a textbook ULN.

Each test is read at its latest result up to ``as_of``, so a value that has since been re-measured no longer counts;
a latest result older than the rule's age limit is not read at all (an old result does not describe the liver today).
A criterion that combines tests (ALT with bilirubin, Hy's law, INR with injury) holds only when those latest results
come from the same draw: an ALT from Monday and a bilirubin from Friday are two different moments of the liver. When
one draw holds two results for the same test, the higher multiple is used (the cautious reading). The R ratio is
taken from the latest draw that measured both of its tests, never from two draws.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from speciosa.core.snapshot import Lab, Patient, Snapshot

LIVER_TESTS = ("ALT", "AST", "ALP", "TBIL")  # the liver panel; GGT and INR qualify it
READ_TESTS = (*LIVER_TESTS, "GGT")
INR_SEVERE = 1.5  # Aithal 2011 severity scale and DILIN: INR >= 1.5 with liver injury
# Vitamin K antagonists raise the INR by design; DILIN does not read an INR taken on "coumadin therapy".
VITAMIN_K_ANTAGONISTS = ("warfarin", "coumadin", "jantoven", "acenocoumarol", "phenprocoumon", "fluindione")


@dataclass(frozen=True, slots=True)
class Reading:
    """One lab result as a multiple of its own draw's upper limit of normal."""

    code: str
    value: float
    unit: str
    uln: float
    times_uln: float
    collected_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "value": self.value, "unit": self.unit, "uln": self.uln,
                "x_uln": round(self.times_uln, 2), "collected_at": self.collected_at.isoformat()}


@dataclass(frozen=True, slots=True)
class Ratio:
    """The injury pattern's ratio from one draw: ``R`` (ALT) or Robles-Diaz's ``nR`` from AST when ALT is absent."""

    kind: str  # "R" or "nR"
    value: float
    numerator: str  # "ALT" or "AST"
    drawn_at: dt.datetime

    @property
    def label(self) -> str:
        return "R" if self.kind == "R" else "the AST-based new R (nR, used when ALT was not measured)"


def age_days(snapshot: Snapshot, moment: dt.datetime) -> int:
    """Calendar days from ``moment`` to the ``as_of`` day, in the patient's zone (0: today)."""
    return (snapshot.today - snapshot.local_day(moment)).days


def when(snapshot: Snapshot, moment: dt.datetime) -> str:
    """``2026-11-18 (2 days ago)``: the local day of a result and its age, for a patient's message."""
    days = age_days(snapshot, moment)
    ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    return f"{snapshot.local_day(moment).isoformat()} ({ago})"


def latest_readings(snapshot: Snapshot, max_age_days: float | None = None) -> dict[str, Reading]:
    """The latest result of each liver test and GGT up to ``as_of``, keyed by code; a latest result more than
    ``max_age_days`` calendar days old is left out (not replaced by an even older one)."""
    found: dict[str, Reading] = {}
    for lab in _newest_first(snapshot):
        if len(found) == len(READ_TESTS) and lab.collected_at < min(r.collected_at for r in found.values()):
            break
        if max_age_days is not None and age_days(snapshot, lab.collected_at) > max_age_days:
            break  # every older result is too old as well
        if lab.code not in READ_TESTS or lab.uln is None:
            continue
        reading = _reading(lab)
        current = found.get(lab.code)
        if current is None or (current.collected_at == lab.collected_at and reading.times_uln > current.times_uln):
            found[lab.code] = reading
    return found


def latest_inr(snapshot: Snapshot, max_age_days: float) -> Lab | None:
    """The latest INR up to ``as_of`` (the highest when one draw holds two), or None when absent or too old."""
    latest: Lab | None = None
    for lab in _newest_first(snapshot):
        if (latest is not None and lab.collected_at != latest.collected_at) or \
                age_days(snapshot, lab.collected_at) > max_age_days:
            break
        if lab.code == "INR" and (latest is None or lab.value > latest.value):
            latest = lab
    return latest


def on_vitamin_k_antagonist(snapshot: Snapshot, day: dt.date) -> str | None:
    """The name of a vitamin K antagonist taken on ``day``, if any (matched by name, case-insensitively)."""
    for medication in snapshot.medications:
        name = medication.name.lower()
        if medication.active_on(day) and any(drug in name for drug in VITAMIN_K_ANTAGONISTS):
            return medication.name
    return None


def same_draw(*readings: Reading | Lab | None) -> bool:
    present = [r for r in readings if r is not None]
    return len(present) == len(readings) and len({r.collected_at for r in present}) == 1


def of_draw(latest: Mapping[str, Reading], drawn_at: dt.datetime) -> dict[str, Reading]:
    """The latest readings that were taken in the draw at ``drawn_at``."""
    return {code: r for code, r in latest.items() if r.collected_at == drawn_at}


def paired_ratio(snapshot: Snapshot, max_age_days: float) -> Ratio | None:
    """R = (ALT/ULN) / (ALP/ULN) from the latest draw that measured both, within the age limit; when no draw did,
    Robles-Diaz's nR from the latest draw that measured AST and ALP; None when neither pair was measured together."""
    fallback: Ratio | None = None
    for drawn_at, draw in _draws(snapshot):
        if age_days(snapshot, drawn_at) > max_age_days:
            break
        alp = draw.get("ALP")
        if alp is None or alp.times_uln == 0:
            continue
        if "ALT" in draw:
            return Ratio("R", round(draw["ALT"].times_uln / alp.times_uln, 6), "ALT", drawn_at)
        if "AST" in draw and fallback is None:
            fallback = Ratio("nR", round(draw["AST"].times_uln / alp.times_uln, 6), "AST", drawn_at)
    return fallback


def pattern(ratio: float | None) -> str | None:
    """Hepatocellular R >= 5, cholestatic R <= 2, mixed between (ACG 2014; boundaries inclusive as written there)."""
    if ratio is None:
        return None
    if ratio >= 5:
        return "hepatocellular"
    if ratio <= 2:
        return "cholestatic"
    return "mixed"


def alp_origin(latest: Mapping[str, Reading], patient: Patient) -> str | None:
    """Whether an ALP at or above 2x ULN reads as the liver's, as Aithal 2011 qualifies it ("particularly with
    accompanying elevations in GGT, in the absence of known bone pathology"): ``ggt_raised`` (GGT above its ULN in
    the ALP's draw), ``ggt_normal`` (GGT at or below it: bone or placenta more likely), ``pregnancy`` (no GGT in the
    draw, and placental ALP rises in late pregnancy), ``ggt_not_measured``; None when ALP is below 2x ULN."""
    alp = latest.get("ALP")
    if alp is None or alp.times_uln < 2:
        return None
    ggt = latest.get("GGT")
    if ggt is not None and same_draw(ggt, alp):
        return "ggt_raised" if ggt.times_uln > 1 else "ggt_normal"
    return "pregnancy" if patient.pregnant else "ggt_not_measured"


def injury_criteria(latest: Mapping[str, Reading], patient: Patient) -> list[str]:
    """Which biochemical criteria of drug-induced liver injury the latest results meet: the DILI Expert Working
    Group's (Aithal 2011) and DILIN's AST criterion."""
    alt, ast, tbil = latest.get("ALT"), latest.get("AST"), latest.get("TBIL")
    met = []
    if alt is not None and alt.times_uln >= 5:
        met.append("ALT >= 5x ULN")
    if ast is not None and ast.times_uln > 5:
        met.append("AST > 5x ULN")
    origin = alp_origin(latest, patient)
    if origin == "ggt_raised":
        met.append("ALP >= 2x ULN with raised GGT")
    elif origin == "ggt_not_measured":
        met.append("ALP >= 2x ULN (GGT not measured)")
    if alt is not None and tbil is not None and same_draw(alt, tbil) and alt.times_uln >= 3 and tbil.times_uln > 2:
        met.append("ALT >= 3x ULN with TBIL > 2x ULN")
    return met


def hys_law(latest: Mapping[str, Reading]) -> Reading | None:
    """The aminotransferase meeting Hy's law with the latest bilirubin and ALP of its draw, if any."""
    tbil, alp = latest.get("TBIL"), latest.get("ALP")
    if tbil is None or alp is None or tbil.times_uln <= 2 or alp.times_uln >= 2 or not same_draw(tbil, alp):
        return None
    candidates = [latest.get(code) for code in ("ALT", "AST")]
    meeting = [r for r in candidates if r is not None and same_draw(r, tbil) and r.times_uln > 3]
    return max(meeting, key=lambda r: r.times_uln) if meeting else None


def bilirubin_high(latest: Mapping[str, Reading]) -> Reading | None:
    tbil = latest.get("TBIL")
    return tbil if tbil is not None and tbil.times_uln > 2 else None


def isolated_bilirubin(latest: Mapping[str, Reading]) -> bool:
    """Whether the bilirubin's draw also measured ALP and an aminotransferase, and every enzyme measured in it is
    within its normal range: the pattern of Gilbert's syndrome or red-cell breakdown, not of liver injury."""
    tbil = latest.get("TBIL")
    if tbil is None:
        return False
    enzymes = {code: r for code, r in of_draw(latest, tbil.collected_at).items() if code in ("ALT", "AST", "ALP")}
    return "ALP" in enzymes and ("ALT" in enzymes or "AST" in enzymes) and all(
        r.times_uln <= 1 for r in enzymes.values())


def multiples(latest: Mapping[str, Reading]) -> dict[str, float]:
    return {code: round(reading.times_uln, 2) for code, reading in sorted(latest.items())}


def rows(latest: Mapping[str, Reading]) -> list[dict[str, object]]:
    return [latest[code].to_dict() for code in READ_TESTS if code in latest]


def ages(snapshot: Snapshot, latest: Mapping[str, Reading]) -> dict[str, int]:
    return {code: age_days(snapshot, reading.collected_at) for code, reading in sorted(latest.items())}


def _reading(lab: Lab) -> Reading:
    assert lab.uln is not None
    return Reading(code=lab.code, value=lab.value, unit=lab.unit, uln=lab.uln,
                   times_uln=round(lab.value / lab.uln, 6), collected_at=lab.collected_at)


def _newest_first(snapshot: Snapshot) -> Iterator[Lab]:
    end = bisect.bisect_right(snapshot.labs, snapshot.as_of, key=lambda lab: lab.collected_at)
    for index in range(end - 1, -1, -1):
        yield snapshot.labs[index]


def _draws(snapshot: Snapshot) -> Iterator[tuple[dt.datetime, dict[str, Reading]]]:
    """Each draw up to ``as_of``, newest first, as its highest reading per liver test."""
    drawn_at: dt.datetime | None = None
    draw: dict[str, Reading] = {}
    for lab in _newest_first(snapshot):
        if drawn_at is not None and lab.collected_at != drawn_at:
            yield drawn_at, draw
            draw = {}
        drawn_at = lab.collected_at
        if lab.code in READ_TESTS and lab.uln is not None:
            reading = _reading(lab)
            if lab.code not in draw or reading.times_uln > draw[lab.code].times_uln:
                draw[lab.code] = reading
    if drawn_at is not None:
        yield drawn_at, draw
