"""The demo's patients. The first nine are written by hand, each showing something a clinician must notice; the rest
are drawn from pools (crowd.py), deterministically from the seed.

    01  favourite leaf powder, 3 g, New York; pain improves by about 40 %
    02  liver injury: ALT > 5×ULN and bilirubin > 2×ULN in the last labs, jaundice in the check-ins
    03  pregnant
    04  switched to a concentrated 7-OH product; also takes oxycodone and alprazolam
    05  dose climbing by about 90 % over eight weeks while pain stays flat
    06  seizure disorder
    07  lives in Alabama, where kratom is a controlled substance
    08  no dose for the last four days (ran out), and withdrawal symptoms
    09  over 15 g of leaf a day
"""

from __future__ import annotations

from speciosa.demo import shelf
from speciosa.demo.crowd import crowd_patient, medicine
from speciosa.demo.specs import LiverSpec, PatientSpec, Regimen, Response

MORNING_NOON_EVENING = (7.5, 12.5, 18.0, 21.5)


def cast(count: int, seed: int) -> list[PatientSpec]:
    """Patients 1..count; patient k is the same whatever the count, so a larger demo extends a smaller one."""
    return [ARCHETYPES[number - 1] if number <= len(ARCHETYPES) else crowd_patient(number, seed)
            for number in range(1, count + 1)]


ARCHETYPES: tuple[PatientSpec, ...] = (
    PatientSpec(
        number=1,
        story="Low back pain; favourite red powder, 3 g; pain down by about 40 %",
        profile={"birth_year": 1971, "sex": "female", "weight_kg": 72.0, "time_zone": "America/New_York",
                 "jurisdiction": "US-FL", "conditions": ["chronic_low_back_pain"], "comorbidities": [],
                 "goals": "Garden for an hour without stopping; sleep through the night."},
        products=(
            shelf.powder("red", name="Red Bali powder", strain="Red Bali", vein="red", vendor="Riverleaf Botanicals",
                         batch="RB-2409", lab=(15.2, 0.11, shelf.LABS[0]), usual_g=3, weight=4),
            shelf.capsules("caps", name="Green Malay capsules", vendor="Riverleaf Botanicals", batch="GM-C-118",
                           unit_mass_g=0.5, usual_count=4, weight=1),
        ),
        medications=(medicine("lisinopril"), medicine("ibuprofen")),
        regimen=Regimen(daily_leaf_g=6.0, doses_per_day=(2, 3), hours=(7.5, 13.0, 19.0)),
        response=Response(pain_baseline=7.0, improvement=0.4, mood_baseline=5, checkin_chance=0.9),
    ),
    PatientSpec(
        number=2,
        story="Fibromyalgia; liver injury in the last labs (ALT > 5×ULN, bilirubin > 2×ULN) and jaundice",
        profile={"birth_year": 1966, "sex": "male", "weight_kg": 88.5, "time_zone": "America/Chicago",
                 "jurisdiction": "US-TX", "conditions": ["fibromyalgia"], "comorbidities": ["depression"],
                 "goals": "Get back to part-time work."},
        products=(
            shelf.powder("green", name="Green Maeng Da powder", strain="Maeng Da", vein="green",
                         vendor="Lone Star Leaf", batch="GMD-2406", usual_g=4, weight=3),
            shelf.powder_extract("extract", name="Full-spectrum extract powder", vendor="Lone Star Leaf",
                                 batch="FSE-77", mitragynine_mg_per_g=90.0, weight=1),
        ),
        medications=(medicine("acetaminophen"), medicine("duloxetine"), medicine("atorvastatin")),
        regimen=Regimen(daily_leaf_g=9.0, doses_per_day=(2, 4), hours=MORNING_NOON_EVENING),
        response=Response(pain_baseline=6.5, improvement=0.2, mood_baseline=4, jaundice_days=12),
        liver=LiverSpec(alt_baseline=28.0, injury=True),
    ),
    PatientSpec(
        number=3,
        story="Pregnant; pelvic and low back pain; leaf capsules twice a day",
        profile={"birth_year": 1994, "sex": "female", "weight_kg": 66.0, "time_zone": "America/Los_Angeles",
                 "jurisdiction": "US-CA", "conditions": ["chronic_low_back_pain"], "comorbidities": ["anxiety"],
                 "pregnant": True, "goals": "Talk with my midwife about safer options for the rest of the pregnancy."},
        products=(
            shelf.capsules("caps", name="White Borneo capsules", vendor="Pacific Kratom Co.", batch="WB-C-301",
                           unit_mass_g=0.6, lab=(13.1, 0.09, shelf.LABS[1]), usual_count=4),
        ),
        medications=(medicine("prenatal vitamins"), medicine("ondansetron")),
        regimen=Regimen(daily_leaf_g=4.5, doses_per_day=(1, 2), hours=(9.0, 17.5)),
        response=Response(pain_baseline=6.0, improvement=0.25, mood_baseline=5, side_effect_chance=0.12),
    ),
    PatientSpec(
        number=4,
        story="Post-surgical pain; moved from leaf powder to 7-OH tablets; takes oxycodone and alprazolam",
        profile={"birth_year": 1983, "sex": "male", "weight_kg": 79.0, "time_zone": "America/Denver",
                 "jurisdiction": "US-CO", "conditions": ["post_surgical"], "comorbidities": ["anxiety"],
                 "goals": "Come off the oxycodone with my surgeon's plan."},
        products=(
            shelf.powder("red", name="Red Thai powder", strain="Red Thai", vein="red", vendor="Front Range Herbals",
                         batch="RT-2311", usual_g=3.5, until_days_ago=45),
            shelf.seven_oh_tablets("7oh", name="7-OH tablets", vendor="Corner store brand", batch="7X-15",
                                   since_days_ago=45),
        ),
        medications=(medicine("oxycodone"), medicine("alprazolam")),
        regimen=Regimen(daily_leaf_g=7.0, doses_per_day=(2, 3), hours=MORNING_NOON_EVENING),
        response=Response(pain_baseline=7.5, improvement=0.15, mood_baseline=4, side_effect_chance=0.15),
    ),
    PatientSpec(
        number=5,
        story="Neuropathic pain; daily amount up about 90 % over eight weeks, pain unchanged",
        profile={"birth_year": 1958, "sex": "male", "weight_kg": 95.0, "time_zone": "America/Phoenix",
                 "jurisdiction": "US-AZ", "conditions": ["neuropathic"], "comorbidities": [],
                 "goals": "Walk to the mailbox and back without burning feet."},
        products=(
            shelf.powder("green", name="Green Sumatra powder", strain="Green Sumatra", vein="green",
                         vendor="Desert Leaf Supply", batch="GS-2402", lab=(16.4, 0.14, shelf.LABS[2]), usual_g=4),
        ),
        medications=(medicine("gabapentin"), medicine("metformin"), medicine("cyclobenzaprine")),
        regimen=Regimen(daily_leaf_g=5.5, doses_per_day=(2, 3), hours=(8.0, 14.0, 20.0), escalation=0.9),
        response=Response(pain_baseline=7.0, improvement=0.0, mood_baseline=4),
    ),
    PatientSpec(
        number=6,
        story="Arthritis; seizure disorder treated with levetiracetam; also takes citalopram",
        profile={"birth_year": 1979, "sex": "female", "weight_kg": 61.0, "time_zone": "Europe/London",
                 "jurisdiction": "GB", "conditions": ["arthritis"], "comorbidities": ["seizure_disorder", "depression"],
                 "goals": "Open jars and type at work without hand pain."},
        products=(
            shelf.tea("tea", name="Green leaf tea", vendor="Hedgerow Teas"),
            shelf.capsules("caps", name="Red Vein capsules", vendor="Hedgerow Teas", batch="RV-C-5",
                           unit_mass_g=0.5, usual_count=5, weight=2),
        ),
        medications=(medicine("levetiracetam"), medicine("citalopram")),
        regimen=Regimen(daily_leaf_g=5.0, doses_per_day=(1, 3), hours=(8.5, 13.0, 19.5)),
        response=Response(pain_baseline=6.0, improvement=0.35, mood_baseline=5),
        liver=LiverSpec(alt_baseline=18.0, uln={"ALT": 33.0, "AST": 35.0, "ALP": 130.0, "TBIL": 21.0, "GGT": 40.0},
                        bilirubin_unit="µmol/L"),
    ),
    PatientSpec(
        number=7,
        story="Low back pain; lives in Alabama, where kratom is a controlled substance; takes simvastatin",
        profile={"birth_year": 1962, "sex": "male", "weight_kg": 101.0, "time_zone": "America/Chicago",
                 "jurisdiction": "US-AL", "conditions": ["chronic_low_back_pain", "arthritis"], "comorbidities": [],
                 "goals": "Fish from the bank for a morning."},
        products=(
            shelf.powder("white", name="White Maeng Da powder", strain="White Maeng Da", vein="white",
                         vendor="Gulf Coast Leaf", batch="WMD-2405", usual_g=2.5),
        ),
        medications=(medicine("simvastatin"), medicine("metformin"), medicine("amlodipine")),
        regimen=Regimen(daily_leaf_g=5.0, doses_per_day=(1, 2), hours=(7.0, 16.0)),
        response=Response(pain_baseline=6.0, improvement=0.3, checkin_chance=0.75),
    ),
    PatientSpec(
        number=8,
        story="Fibromyalgia; out of kratom for the last four days, with withdrawal symptoms",
        profile={"birth_year": 1988, "sex": "female", "weight_kg": 58.0, "time_zone": "America/Toronto",
                 "jurisdiction": "CA-ON", "conditions": ["fibromyalgia"],
                 "comorbidities": ["substance_use_disorder_history", "anxiety"],
                 "goals": "Keep a steady amount and talk through a taper."},
        products=(
            shelf.powder("red", name="Red Borneo powder", strain="Red Borneo", vein="red", vendor="Maple Leaf Botanics",
                         batch="RBO-2403", lab=(14.0, 0.12, shelf.LABS[0]), usual_g=3, weight=3),
            shelf.liquid_extract("tincture", name="Kratom tincture", vendor="Maple Leaf Botanics", batch="TX-12",
                                 mitragynine_mg_per_ml=8.0, weight=1),
        ),
        medications=(medicine("sertraline"), medicine("trazodone")),
        regimen=Regimen(daily_leaf_g=7.0, doses_per_day=(2, 4), hours=MORNING_NOON_EVENING, gap_days_ago=4),
        response=Response(pain_baseline=7.0, improvement=0.3, mood_baseline=4),
    ),
    PatientSpec(
        number=9,
        story="Chronic low back pain after an injury; over 15 g of leaf a day; stopped oxycodone, takes gabapentin",
        profile={"birth_year": 1975, "sex": "male", "weight_kg": 110.0, "time_zone": "America/Detroit",
                 "jurisdiction": "US-MI", "conditions": ["chronic_low_back_pain", "post_surgical"],
                 "comorbidities": ["substance_use_disorder_history"],
                 "goals": "Work a full shift on the line."},
        products=(
            shelf.powder("green", name="Green Malay powder", strain="Green Malay", vein="green",
                         vendor="Great Lakes Kratom", batch="GML-2401", usual_g=5, weight=4),
            shelf.shot("shot", name="Extract shot", vendor="Great Lakes Kratom", batch="SH-9",
                       mitragynine_mg_per_ml=7.5, bottle_ml=10, weight=1),
        ),
        medications=(medicine("oxycodone", stopped_days_ago=400), medicine("gabapentin"), medicine("omeprazole")),
        regimen=Regimen(daily_leaf_g=18.0, doses_per_day=(4, 5), hours=(6.5, 10.5, 14.0, 18.0, 22.0),
                        skip_day_chance=0.0),
        response=Response(pain_baseline=7.5, improvement=0.1, mood_baseline=4, side_effect_chance=0.2),
    ),
)
