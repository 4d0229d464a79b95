"""Simulates a demo patient's diary from their spec: doses, check-ins, liver labs and medicine dates.

Plain Python and deterministic: one random stream per patient (seed and number), drawn in the same order whatever
the calendar, so the same seed gives the same amounts, ratings and lab values on any day it is run. Dates end
yesterday in the patient's own time zone.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass

from speciosa.core.units import NormalisedDose, normalise_dose
from speciosa.demo.specs import PatientSpec, ProductSpec

RATINGS = ("pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function")
COMMON_SIDE_EFFECTS = ("constipation", "constipation", "nausea", "dry_mouth", "sweating", "dizziness", "drowsiness",
                       "headache", "itching", "loss_of_appetite")
WITHDRAWAL_PEAK = {"craving": 3, "restlessness": 2, "irritability": 2, "muscle_aches": 2, "insomnia": 2,
                   "runny_nose": 1, "hot_cold_flashes": 1, "anxiety": 2}
GAP_LENGTH_DAYS = 4
RESPONSE_WEEKS = 8
CHECKIN_NOTES = ("Walked for twenty minutes.", "Long day at work.", "Slept badly, neighbours were loud.",
                 "Rainy day, joints stiff.", "Good day overall.", "Physio session today.", "Stayed in, tired.",
                 "Visited family.", "Did some gardening.", "Flare-up in the afternoon.")
DOSE_NOTES = ("With breakfast.", "Before work.", "With food, less nausea.", "Took it late.")


@dataclass(frozen=True)
class DoseEvent:
    product_key: str
    taken_at: dt.datetime
    amount: float
    unit: str
    reason: str
    note: str
    normalised: NormalisedDose


@dataclass(frozen=True)
class CheckinEvent:
    at: dt.datetime
    ratings: dict[str, int]
    side_effects: dict[str, int]
    withdrawal: dict[str, int]
    note: str


@dataclass(frozen=True)
class LabEvent:
    code: str
    value: float
    unit: str
    uln: float | None
    collected_at: dt.datetime


@dataclass(frozen=True)
class MedicationEvent:
    name: str
    rxnorm: str
    dose_text: str
    start: dt.date
    stop: dt.date | None


@dataclass(frozen=True)
class History:
    first_day: dt.date
    days: int
    doses: list[DoseEvent]
    checkins: list[CheckinEvent]
    labs: list[LabEvent]
    medications: list[MedicationEvent]


def simulate(spec: PatientSpec, *, seed: int, min_days: int, max_days: int, today: dt.date) -> History:
    """The patient's history over ``min_days``-``max_days`` days ending the day before ``today``."""
    rng = random.Random(f"speciosa-demo:{seed}:history:{spec.number}")
    zone = zoneinfo.ZoneInfo(spec.profile["time_zone"])
    days = rng.randint(min_days, max_days)
    first_day = today - dt.timedelta(days=days)
    dosing = _Dosing(spec)
    doses: list[DoseEvent] = []
    checkins: list[CheckinEvent] = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        days_ago = days - offset
        daily_target = dosing.daily_target(days_ago) * max(0.6, rng.gauss(1.0, 0.1))
        in_gap = _in_gap(spec, days_ago, days)
        if not in_gap and rng.random() >= spec.regimen.skip_day_chance:
            doses.extend(dosing.day(rng, day, zone, days_ago, daily_target))
        checkin = _checkin(spec, rng, day, zone, offset, days_ago, days, daily_target)
        if checkin is not None:
            checkins.append(checkin)
    labs = _labs(spec, rng, first_day, days, zone)
    medications = _medications(spec, rng, first_day, today)
    return History(first_day=first_day, days=days, doses=doses, checkins=checkins, labs=labs,
                   medications=medications)


class _Dosing:
    """Turns a day's leaf-equivalent target into doses of the products in use that day."""

    def __init__(self, spec: PatientSpec) -> None:
        self.spec = spec
        self.leaf_per_unit = {product.key: product.leaf_g_per_unit() for product in spec.products}
        self.normalised: dict[tuple[str, float], NormalisedDose] = {}

    def daily_target(self, days_ago: int) -> float:
        window = RESPONSE_WEEKS * 7
        regimen = self.spec.regimen
        if regimen.escalation and days_ago <= window:
            return regimen.daily_leaf_g * (1 + regimen.escalation * (window - days_ago) / (window - 1))
        return regimen.daily_leaf_g

    def day(self, rng: random.Random, day: dt.date, zone: dt.tzinfo, days_ago: int,
            daily_target: float) -> list[DoseEvent]:
        regimen = self.spec.regimen
        count = rng.randint(*regimen.doses_per_day)
        hours = sorted(rng.sample(regimen.hours, min(count, len(regimen.hours))))
        in_use = [product for product in self.spec.products if product.in_use(days_ago)]
        after_gap = regimen.gap_days_ago is not None and 0 <= regimen.gap_days_ago - GAP_LENGTH_DAYS - days_ago < 2
        events = []
        for index, hour in enumerate(hours):
            product = rng.choices(in_use, weights=[p.weight for p in in_use])[0]
            amount = self._amount(rng, product, daily_target / len(hours))
            local_hour = min(23.75, max(5.0, hour + rng.gauss(0, 0.5)))
            taken_at = _at(day, local_hour, zone)
            reason = "withdrawal" if after_gap and index == 0 else _reason(rng, local_hour)
            note = rng.choice(DOSE_NOTES) if rng.random() < 0.02 else ""
            events.append(DoseEvent(product_key=product.key, taken_at=taken_at, amount=amount,
                                    unit=product.unit.value, reason=reason, note=note,
                                    normalised=self._normalise(product, amount)))
        return events

    def _amount(self, rng: random.Random, product: ProductSpec, leaf_target: float) -> float:
        if product.fixed_amounts:
            return rng.choice(product.fixed_amounts)
        per_unit = self.leaf_per_unit[product.key]
        assert per_unit, f"{product.key} needs fixed amounts: it has no leaf equivalent"
        wanted = leaf_target * max(0.5, rng.gauss(1.0, 0.1)) / per_unit
        return max(product.step, round(round(wanted / product.step) * product.step, 3))

    def _normalise(self, product: ProductSpec, amount: float) -> NormalisedDose:
        key = (product.key, amount)
        if key not in self.normalised:
            self.normalised[key] = normalise_dose(product.facts(), amount, product.unit)
        return self.normalised[key]


def _reason(rng: random.Random, hour: float) -> str:
    roll = rng.random()
    if roll < 0.1:
        return ""
    if hour < 10 and roll < 0.35:
        return "energy"
    if hour >= 20 and roll < 0.3:
        return "sleep"
    return "pain"


def _in_gap(spec: PatientSpec, days_ago: int, days: int) -> bool:
    start = spec.regimen.gap_days_ago
    return start is not None and start < days and start - GAP_LENGTH_DAYS < days_ago <= start


def _withdrawal(spec: PatientSpec, days_ago: int, days: int) -> dict[str, int]:
    """Symptoms from the day after the last dose, peaking on days two to four of the break, easing after it."""
    start = spec.regimen.gap_days_ago
    if start is None or start >= days:
        return {}
    since_last_dose = start - days_ago  # 0 on the first day without a dose
    if not 0 <= since_last_dose < GAP_LENGTH_DAYS + 2:
        return {}
    scale = (0.5, 1.0, 1.0, 1.0, 0.5, 0.25)[since_last_dose]
    return {name: grade for name, peak in WITHDRAWAL_PEAK.items() if (grade := round(peak * scale))}


def _checkin(spec: PatientSpec, rng: random.Random, day: dt.date, zone: dt.tzinfo, offset: int, days_ago: int,
             days: int, daily_target: float) -> CheckinEvent | None:
    response = spec.response
    withdrawal = _withdrawal(spec, days_ago, days)
    jaundiced = days_ago <= response.jaundice_days
    # Draw every number every day, so that a skipped check-in does not shift the stream for the days after it.
    roll = rng.random()
    benefit = response.improvement * min(1.0, offset / (RESPONSE_WEEKS * 7))
    pain = response.pain_baseline * (1 - benefit) + (1.5 if withdrawal else 0) + (1.0 if jaundiced else 0)
    mood = response.mood_baseline + 4 * benefit - (2 if withdrawal else 0) - (1 if jaundiced else 0)
    ratings = {
        "pain_now": _grade10(rng.gauss(pain, 0.9)),
        "pain_avg_24h": _grade10(rng.gauss(pain + 0.3, 0.6)),
        "mood": _grade10(rng.gauss(mood, 1.0)),
        "energy": _grade10(rng.gauss(mood - 0.5 - (1.5 if jaundiced else 0), 1.1)),
        "sleep_quality": _grade10(rng.gauss(mood - (2 if withdrawal else 0), 1.2)),
        "function": _grade10(rng.gauss(9 - 0.8 * pain + 2 * benefit, 1.0)),
    }
    side_effect_roll, side_effect, grade_roll = rng.random(), rng.choice(COMMON_SIDE_EFFECTS), rng.random()
    hour = 20.5 + rng.gauss(0, 0.7)
    note_roll, note = rng.random(), rng.choice(CHECKIN_NOTES)
    if roll >= response.checkin_chance and not withdrawal and not jaundiced:
        return None
    side_effects: dict[str, int] = {}
    if side_effect_roll < response.side_effect_chance * (1 + daily_target / 10):
        side_effects[side_effect] = 2 if grade_roll < 0.2 else 1
    if jaundiced:
        late = days_ago <= response.jaundice_days // 2
        side_effects.update({"jaundice": 2 if late else 1, "dark_urine": 2 if late else 1, "nausea": 1,
                             "loss_of_appetite": 2 if late else 1, "itching": 1})
    if days_ago == response.jaundice_days:
        note = "Whites of my eyes look yellow and my urine is dark. Calling the clinic."
    elif withdrawal and days_ago == spec.regimen.gap_days_ago:
        note = "Ran out and the order is late."
    elif note_roll >= 0.08:
        note = ""
    return CheckinEvent(at=_at(day, min(23.9, max(17.0, hour)), zone), ratings=ratings, side_effects=side_effects,
                        withdrawal=withdrawal, note=note)


def _labs(spec: PatientSpec, rng: random.Random, first_day: dt.date, days: int, zone: dt.tzinfo) -> list[LabEvent]:
    """A liver panel about every three months from the start; the injury case adds a draw four days ago."""
    liver = spec.liver
    panels: list[tuple[int, dict[str, float]]] = []
    offset = rng.randint(1, 7)
    while offset < days:
        alt = liver.alt_baseline * max(0.5, rng.gauss(1.0, 0.15))
        panels.append((offset, {
            "ALT": alt, "AST": alt * max(0.5, rng.gauss(0.9, 0.1)),
            "ALP": liver.uln["ALP"] * rng.uniform(0.4, 0.8), "TBIL": liver.uln["TBIL"] * rng.uniform(0.3, 0.8),
            "GGT": liver.uln["GGT"] * rng.uniform(0.3, 0.9),
        }))
        offset += rng.randint(80, 100)
    if liver.injury:
        panels = [panel for panel in panels if panel[0] < days - 20]
        panels.append((days - 4, {
            "ALT": liver.uln["ALT"] * rng.uniform(6.5, 8.5), "AST": liver.uln["AST"] * rng.uniform(5.0, 7.0),
            "ALP": liver.uln["ALP"] * rng.uniform(1.4, 1.8), "TBIL": liver.uln["TBIL"] * rng.uniform(2.4, 3.0),
            "GGT": liver.uln["GGT"] * rng.uniform(3.0, 4.0), "INR": rng.uniform(1.3, 1.5),
        }))
    labs = []
    for offset, values in panels:
        collected_at = _at(first_day + dt.timedelta(days=offset), 8.5 + rng.uniform(0, 2), zone)
        for code, value in values.items():
            labs.append(LabEvent(code=code, value=_lab_value(code, value, liver.bilirubin_unit),
                                 unit=_lab_unit(code, liver.bilirubin_unit), uln=liver.uln.get(code),
                                 collected_at=collected_at))
    return labs


def _lab_unit(code: str, bilirubin_unit: str) -> str:
    return {"TBIL": bilirubin_unit, "INR": "ratio"}.get(code, "U/L")


def _lab_value(code: str, value: float, bilirubin_unit: str) -> float:
    if code == "INR" or (code == "TBIL" and bilirubin_unit == "mg/dL"):
        return round(value, 1)
    return float(round(value))


def _medications(spec: PatientSpec, rng: random.Random, first_day: dt.date,
                 today: dt.date) -> list[MedicationEvent]:
    events = []
    for medication in spec.medications:
        stop = None if medication.stopped_days_ago is None else today - dt.timedelta(days=medication.stopped_days_ago)
        start = min(first_day, stop or first_day) - dt.timedelta(days=rng.randint(30, 1500))
        events.append(MedicationEvent(name=medication.name, rxnorm=medication.rxnorm,
                                      dose_text=medication.dose_text, start=start, stop=stop))
    return events


def _grade10(value: float) -> int:
    return min(10, max(0, round(value)))


def _at(day: dt.date, hour: float, zone: dt.tzinfo) -> dt.datetime:
    minutes = int(round(hour * 60))
    local = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=zone)
    return local.astimezone(dt.UTC)
