"""Patients beyond the hand-written nine, drawn from pools of places, conditions, products and medicines.

Each is drawn from its own random stream (seed and number), so patient 12 is the same in a demo of 12 or of 40.
"""

from __future__ import annotations

import random

from speciosa.demo import shelf
from speciosa.demo.specs import LiverSpec, MedicationSpec, PatientSpec, ProductSpec, Regimen, Response

# (jurisdiction, time zone): where kratom is sold, mostly, and a few places abroad.
PLACES = (
    ("US-FL", "America/New_York"), ("US-TX", "America/Chicago"), ("US-CA", "America/Los_Angeles"),
    ("US-CO", "America/Denver"), ("US-AZ", "America/Phoenix"), ("US-WA", "America/Los_Angeles"),
    ("US-NY", "America/New_York"), ("US-GA", "America/New_York"), ("US-OH", "America/New_York"),
    ("US-NV", "America/Los_Angeles"), ("US-UT", "America/Denver"), ("US-OR", "America/Los_Angeles"),
    ("US-AK", "America/Anchorage"), ("US-HI", "Pacific/Honolulu"), ("US-NC", "America/New_York"),
    ("US-PA", "America/New_York"), ("US-OK", "America/Chicago"), ("US-MO", "America/Chicago"),
    ("GB", "Europe/London"), ("CA-BC", "America/Vancouver"), ("DE", "Europe/Berlin"), ("NL", "Europe/Amsterdam"),
    ("TH", "Asia/Bangkok"),
)

# name: (RxNorm ingredient, usual dose as a patient writes it)
MEDICINES: dict[str, tuple[str, str]] = {
    "oxycodone": ("7804", "5 mg up to three times a day"),
    "hydrocodone": ("5489", "10 mg with acetaminophen, twice a day"),
    "tramadol": ("10689", "50 mg twice a day"),
    "alprazolam": ("596", "0.5 mg at night"),
    "clonazepam": ("2598", "0.5 mg twice a day"),
    "zolpidem": ("39993", "5 mg at bedtime"),
    "gabapentin": ("25480", "300 mg three times a day"),
    "pregabalin": ("187832", "75 mg twice a day"),
    "cyclobenzaprine": ("21949", "10 mg at night"),
    "simvastatin": ("36567", "20 mg in the evening"),
    "atorvastatin": ("83367", "40 mg once a day"),
    "amlodipine": ("17767", "5 mg once a day"),
    "citalopram": ("2556", "20 mg once a day"),
    "escitalopram": ("321988", "10 mg once a day"),
    "ondansetron": ("26225", "4 mg when needed for nausea"),
    "trazodone": ("10737", "50 mg at bedtime"),
    "sertraline": ("36437", "50 mg once a day"),
    "duloxetine": ("72625", "60 mg once a day"),
    "amitriptyline": ("704", "10 mg at night"),
    "levetiracetam": ("114477", "500 mg twice a day"),
    "lisinopril": ("29046", "10 mg once a day"),
    "metformin": ("6809", "500 mg twice a day"),
    "levothyroxine": ("10582", "75 mcg in the morning"),
    "omeprazole": ("7646", "20 mg before breakfast"),
    "ibuprofen": ("5640", "400 mg when needed"),
    "naproxen": ("7258", "250 mg twice a day when needed"),
    "meloxicam": ("41493", "7.5 mg once a day"),
    "acetaminophen": ("161", "1 g up to three times a day"),
    "prenatal vitamins": ("", "one tablet a day"),
}
# Drawn more often, so that interaction rules have something to find: CNS depressants, CYP3A substrates, QT drugs.
WATCHED = ("oxycodone", "alprazolam", "gabapentin", "simvastatin", "citalopram", "tramadol", "zolpidem",
           "hydrocodone", "clonazepam", "pregabalin", "amlodipine", "escitalopram")
COMMON = ("lisinopril", "metformin", "levothyroxine", "omeprazole", "ibuprofen", "naproxen", "meloxicam",
          "acetaminophen", "sertraline", "duloxetine", "amitriptyline", "cyclobenzaprine", "atorvastatin")

CONDITIONS = ("fibromyalgia", "chronic_low_back_pain", "arthritis", "neuropathic", "post_surgical", "other")
CONDITION_WORDS = {"fibromyalgia": "fibromyalgia", "chronic_low_back_pain": "low back pain",
                   "arthritis": "arthritis", "neuropathic": "neuropathic pain", "post_surgical": "pain after surgery",
                   "other": "other chronic pain"}
COMORBIDITIES = ("depression", "anxiety", "substance_use_disorder_history", "long_qt_heart_disease")
GOALS = (
    "Walk the dog every morning.", "Sleep through the night.", "Work full shifts again.",
    "Play with my grandchildren on the floor.", "Cut back on the opioid with my doctor.", "Drive to see family.",
    "Cook dinner standing up.", "Get back to the gym twice a week.", "Fewer bad days a month.",
)
STRAINS = (("Red Bali", "red"), ("Green Malay", "green"), ("White Borneo", "white"), ("Red Maeng Da", "red"),
           ("Green Sumatra", "green"), ("Gold Bali", "yellow"), ("Red Thai", "red"), ("White Thai", "white"))
VENDORS = ("Riverleaf Botanicals", "Sunrise Herbals", "Evergreen Leaf Co.", "Harbor Kratom", "Old Mill Botanics")
HOURS = ((7.0, 12.0, 17.0, 21.0), (8.0, 13.5, 19.0, 22.0), (6.0, 11.0, 15.5, 20.0), (9.0, 14.0, 18.5, 23.0))
IMPROVEMENTS = (0.0, 0.0, 0.05, 0.15, 0.3, 0.35, 0.4, 0.45, 0.5)


def medicine(name: str, *, stopped_days_ago: int | None = None) -> MedicationSpec:
    rxnorm, dose_text = MEDICINES[name]
    return MedicationSpec(name=name.capitalize(), rxnorm=rxnorm, dose_text=dose_text,
                          stopped_days_ago=stopped_days_ago)


def crowd_patient(number: int, seed: int) -> PatientSpec:
    rng = random.Random(f"speciosa-demo:{seed}:cast:{number}")
    jurisdiction, zone = rng.choice(PLACES)
    sex = rng.choice(("female", "female", "male", "male", "intersex", "unknown"))
    conditions = sorted(set(rng.sample(CONDITIONS, rng.choice((1, 1, 2)))))
    comorbidities = sorted(set(rng.sample(COMORBIDITIES, rng.choice((0, 0, 1, 1, 2)))))
    medicines = _medicines(rng)
    products = _products(rng, number)
    improvement = rng.choice(IMPROVEMENTS)
    daily = round(rng.uniform(2.0, 9.0), 1)
    low, high = rng.choice(((1, 2), (2, 3), (2, 3), (3, 4), (1, 3)))
    return PatientSpec(
        number=number,
        story=f"{' and '.join(CONDITION_WORDS[c] for c in conditions).capitalize()}; about {daily:g} g a day; "
              + _response_words(improvement),
        profile={"birth_year": rng.randint(1950, 2001), "sex": sex,
                 "weight_kg": round(rng.uniform(52, 118), 1), "time_zone": zone, "jurisdiction": jurisdiction,
                 "conditions": conditions, "comorbidities": comorbidities, "goals": rng.choice(GOALS)},
        products=products,
        medications=tuple(medicines),
        regimen=Regimen(daily_leaf_g=daily, doses_per_day=(low, high), hours=rng.choice(HOURS),
                        skip_day_chance=rng.choice((0.0, 0.02, 0.05, 0.1))),
        response=Response(pain_baseline=rng.choice((5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0)), improvement=improvement,
                          mood_baseline=rng.choice((3.5, 4.0, 5.0, 6.0)),
                          checkin_chance=rng.choice((0.6, 0.75, 0.85, 0.9, 0.95)),
                          side_effect_chance=rng.choice((0.03, 0.06, 0.1))),
        liver=LiverSpec(alt_baseline=round(rng.uniform(12, 34), 1)),
    )


def _response_words(improvement: float) -> str:
    if improvement >= 0.4:
        return "pain clearly better"
    return "some relief" if improvement >= 0.15 else "little change in pain"


def _medicines(rng: random.Random) -> list[MedicationSpec]:
    names = rng.sample(WATCHED, rng.choice((0, 1, 1, 2))) + rng.sample(COMMON, rng.choice((0, 1, 1, 2)))
    return [medicine(name, stopped_days_ago=rng.choice((None, None, None, 60, 200))) for name in names]


def _products(rng: random.Random, number: int) -> tuple[ProductSpec, ...]:
    strain, vein = rng.choice(STRAINS)
    vendor = rng.choice(VENDORS)
    lab = (round(rng.uniform(11.0, 19.5), 1), round(rng.uniform(0.05, 0.2), 2), rng.choice(shelf.LABS)) \
        if rng.random() < 0.5 else None
    usual_g = rng.choice((2, 2.5, 3, 3.5, 4, 5))
    batch = f"{strain[:1]}{vein[:1].upper()}-{number:02d}{rng.randint(10, 99)}"
    if rng.random() < 0.75:
        primary = shelf.powder("main", name=f"{strain} powder", strain=strain, vein=vein, vendor=vendor,
                               batch=batch, lab=lab, usual_g=usual_g, weight=3)
    else:
        primary = shelf.capsules("main", name=f"{strain} capsules", vendor=vendor, batch=batch,
                                 unit_mass_g=rng.choice((0.5, 0.5, 0.6, 0.75)), lab=lab, usual_count=4, weight=3)
    extras: list[ProductSpec] = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        kind = rng.choice(("caps", "tea", "tincture", "shot"))
        if any(extra.key == kind for extra in extras):
            continue
        if kind == "caps" and primary.values["form"] != "capsule":
            extras.append(shelf.capsules("caps", name="Travel capsules", vendor=vendor, batch=f"TC-{number:02d}",
                                         unit_mass_g=0.5, weight=1))
        elif kind == "tea":
            extras.append(shelf.tea("tea", name="Evening leaf tea", vendor=vendor, weight=1))
        elif kind == "tincture":
            extras.append(shelf.liquid_extract("tincture", name="Kratom tincture", vendor=vendor,
                                               batch=f"TN-{number:02d}", mitragynine_mg_per_ml=rng.choice((6.0, 8.0)),
                                               weight=0.5))
        elif kind == "shot":
            extras.append(shelf.shot("shot", name="Extract shot", vendor=vendor, batch=f"SH-{number:02d}",
                                     mitragynine_mg_per_ml=7.5, bottle_ml=10, weight=0.3))
    return (primary, *extras)
