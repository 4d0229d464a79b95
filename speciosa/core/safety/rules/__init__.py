"""The built-in rules, one module per family; importing this package registers them all."""

from speciosa.core.safety.rules import (  # noqa: F401
    dependence,
    dosing,
    interactions,
    labs,
    liver,
    mood,
    outcomes,
    population,
    product,
)
