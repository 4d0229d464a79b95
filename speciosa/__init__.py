"""Speciosa: supervised kratom use for chronic pain.

Speciosa supports decisions; it never prescribes.
"""

__version__ = "0.1.0"
