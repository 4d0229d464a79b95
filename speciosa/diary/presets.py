"""What a new patient can pick on the welcome page instead of filling in the full product form: the common leaf
forms and a few well-known strains. A preset names a form, its unit and a name; the alkaloid contents are left to the
form's documented default (speciosa/data/product_defaults.json), as on the full form when nothing is known. Extracts
have no documented default, so they are not offered here: the welcome page sends them to the full form.

No preset carries an amount: how much the patient takes is theirs to say (Speciosa never suggests a dose).
"""

from __future__ import annotations

from dataclasses import dataclass

from speciosa.diary.enums import DoseUnit, ProductForm


@dataclass(frozen=True)
class Preset:
    key: str
    label: str  # what the patient reads on the chip
    name: str  # the product's name on their shelf
    form: str
    unit: str
    strain: str = ""
    vein: str = ""


PRESETS = (
    Preset("powder", "Leaf powder", "Kratom leaf powder", ProductForm.POWDER, DoseUnit.G),
    Preset("capsules", "Capsules of leaf powder", "Kratom capsules", ProductForm.CAPSULE, DoseUnit.CAPSULE),
    Preset("tea", "Tea brewed from leaf", "Kratom tea", ProductForm.TEA, DoseUnit.G),
    Preset("red_bali", "Red Bali powder", "Red Bali powder", ProductForm.POWDER, DoseUnit.G, "Bali", "red"),
    Preset("green_maeng_da", "Green Maeng Da powder", "Green Maeng Da powder", ProductForm.POWDER, DoseUnit.G,
           "Maeng Da", "green"),
    Preset("white_borneo", "White Borneo powder", "White Borneo powder", ProductForm.POWDER, DoseUnit.G, "Borneo",
           "white"),
)
BY_KEY = {preset.key: preset for preset in PRESETS}
# The fill of a typical "00" capsule of leaf powder, offered (and changeable) when the patient picks capsules.
TYPICAL_CAPSULE_G = "0.5"
