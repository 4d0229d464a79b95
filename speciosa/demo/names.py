"""Invented names for the demo's patients, so that the clinician's panel, patient pages and visit reports read as
they would in a clinic ("Maria Okafor", with the username beneath) rather than as a list of accounts.

A patient's name depends only on their number and recorded sex, so the same demo always has the same people. The
names are made up; any likeness to a real person is chance.
"""

from __future__ import annotations

CLINICIAN_NAME = ("Elena", "Marsh")  # the demo's clinician
FEMALE = ("Maria", "Dana", "Aisha", "Helen", "Rosa", "Priya", "Grace", "Ingrid", "Lena", "Nadia", "Chloe", "Yuki",
          "Fatima", "Carmen", "Ruth")
MALE = ("James", "Tomás", "Kwame", "Peter", "Arjun", "Samuel", "Viktor", "Omar", "Daniel", "Hiro", "Luis", "Marcus",
        "Eli", "Rafael", "Owen")
ANY = ("Alex", "Jordan", "Robin", "Sam", "Taylor", "Casey", "Morgan", "Jamie", "Riley", "Quinn")
FAMILY = ("Okafor", "Lindqvist", "Moreno", "Haddad", "Nakamura", "Brennan", "Kowalski", "Osei", "Fischer", "Patel",
          "Dubois", "Reyes", "Kaur", "Novak", "Sullivan", "Abara", "Jensen", "Castillo", "Weiss", "Mendes", "Ito",
          "Doyle", "Amari", "Petrov", "Lund", "Varga")  # 26: prime to 15 and 10


def demo_name(number: int, sex: str | None) -> tuple[str, str]:
    """(first name, family name) of demo patient ``number``. Two patients share a name only if they share a list
    of first names and their numbers are at least 130 apart (the lists' lengths are prime to each other)."""
    firsts = FEMALE if sex == "female" else MALE if sex == "male" else ANY
    return firsts[(number - 1) % len(firsts)], FAMILY[(number - 1) % len(FAMILY)]
