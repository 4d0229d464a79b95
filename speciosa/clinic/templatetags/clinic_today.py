"""``{% unread_notes user as notes %}``: notes the patient's clinicians wrote since the patient last read them, newest
first, for the diary's Today page (which cannot import the clinic app)."""

from __future__ import annotations

from typing import Any

from django import template

from speciosa.clinic.models import ClinicalNote
from speciosa.clinic.queries import unread_notes_of

register = template.Library()


@register.simple_tag
def unread_notes(user: Any) -> list[ClinicalNote]:
    if not getattr(user, "is_patient", False):
        return []
    return list(unread_notes_of(user)[:5])
