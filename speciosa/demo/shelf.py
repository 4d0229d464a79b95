"""The demo's products: leaf powders, capsules, tea, extracts, shots and a 7-OH tablet, as the cast keeps them.

Vendors, batches and laboratories are invented. Lab-tested contents sit within the range published for leaf lots
(mitragynine about 10-20 mg/g); extracts and shots carry a label claim, since no default exists for them.
"""

from __future__ import annotations

from typing import Any

from speciosa.core.units import Unit
from speciosa.demo.specs import ProductSpec

LABS = ("Example Analytical Labs", "Northfield Botanical Testing", "Harbor Quality Lab")


def powder(key: str, *, name: str, strain: str, vein: str, vendor: str, batch: str,
           lab: tuple[float, float, str] | None = None, usual_g: float | None = None, weight: float = 1.0,
           since_days_ago: int | None = None, until_days_ago: int | None = None) -> ProductSpec:
    """Dried leaf powder, weighed on a kitchen scale or measured by the spoon (0.25 g steps)."""
    values: dict[str, Any] = {"name": name, "form": "powder", "strain": strain, "vein": vein, "vendor": vendor,
                              "batch": batch, **_lab(lab, batch), **_usual(usual_g, "g")}
    return ProductSpec(key=key, values=values, unit=Unit.G, step=0.25, weight=weight,
                       since_days_ago=since_days_ago, until_days_ago=until_days_ago)


def capsules(key: str, *, name: str, vendor: str, batch: str, unit_mass_g: float = 0.5,
             lab: tuple[float, float, str] | None = None, usual_count: int | None = None, weight: float = 1.0,
             since_days_ago: int | None = None, until_days_ago: int | None = None) -> ProductSpec:
    values: dict[str, Any] = {"name": name, "form": "capsule", "vendor": vendor, "batch": batch,
                              "unit_mass_g": unit_mass_g, **_lab(lab, batch), **_usual(usual_count, "capsule")}
    return ProductSpec(key=key, values=values, unit=Unit.CAPSULE, step=1, weight=weight,
                       since_days_ago=since_days_ago, until_days_ago=until_days_ago)


def tea(key: str, *, name: str, vendor: str, weight: float = 1.0) -> ProductSpec:
    """Leaf brewed as tea, logged as the grams of leaf put in the pot."""
    values = {"name": name, "form": "tea", "vein": "green", "vendor": vendor}
    return ProductSpec(key=key, values=values, unit=Unit.G, step=0.5, weight=weight)


def liquid_extract(key: str, *, name: str, vendor: str, batch: str, mitragynine_mg_per_ml: float,
                   weight: float = 1.0) -> ProductSpec:
    """A tincture measured with its dropper, with the label's mitragynine per ml."""
    values = {"name": name, "form": "liquid_extract", "vendor": vendor, "batch": batch,
              "mitragynine_content": mitragynine_mg_per_ml, "content_basis": "label"}
    return ProductSpec(key=key, values=values, unit=Unit.ML, step=0.5, weight=weight)


def shot(key: str, *, name: str, vendor: str, batch: str, mitragynine_mg_per_ml: float, bottle_ml: float,
         weight: float = 1.0) -> ProductSpec:
    """A ready-to-drink bottle, taken whole or half, with the label's mitragynine per ml."""
    values = {"name": name, "form": "shot", "vendor": vendor, "batch": batch, "unit_volume_ml": bottle_ml,
              "mitragynine_content": mitragynine_mg_per_ml, "content_basis": "label"}
    return ProductSpec(key=key, values=values, unit=Unit.ML, step=bottle_ml / 2, weight=weight,
                       fixed_amounts=(bottle_ml / 2, bottle_ml, bottle_ml))


def powder_extract(key: str, *, name: str, vendor: str, batch: str, mitragynine_mg_per_g: float,
                   weight: float = 1.0) -> ProductSpec:
    values = {"name": name, "form": "powder_extract", "vendor": vendor, "batch": batch,
              "mitragynine_content": mitragynine_mg_per_g, "content_basis": "label"}
    return ProductSpec(key=key, values=values, unit=Unit.G, step=0.05, weight=weight)


def seven_oh_tablets(key: str, *, name: str, vendor: str, batch: str, since_days_ago: int | None = None,
                     weight: float = 1.0) -> ProductSpec:
    """A concentrated 7-OH tablet (15 mg 7-OH in 0.25 g on the label): no leaf equivalent, always flagged."""
    values = {"name": name, "form": "7oh_product", "vendor": vendor, "batch": batch, "unit_mass_g": 0.25,
              "mitragynine_content": 4.0, "hydroxymitragynine_content": 60.0, "content_basis": "label"}
    return ProductSpec(key=key, values=values, unit=Unit.TABLET, step=1, weight=weight,
                       since_days_ago=since_days_ago, fixed_amounts=(1, 1, 1, 2))


def _lab(lab: tuple[float, float, str] | None, batch: str) -> dict[str, Any]:
    """A certificate for the batch on the shelf; the loader dates it (a lab basis needs laboratory, date and batch)."""
    if lab is None:
        return {}
    mitragynine, hydroxy, laboratory = lab
    return {"mitragynine_content": mitragynine, "hydroxymitragynine_content": hydroxy, "content_basis": "lab",
            "lab_name": laboratory, "lab_batch": batch}


def _usual(amount: float | None, unit: str) -> dict[str, Any]:
    if amount is None:
        return {}
    return {"favourite": True, "usual_amount": amount, "usual_unit": unit}
