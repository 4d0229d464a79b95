"""Accounts: creating people and their profiles (API tokens: speciosa.accounts.tokens)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from speciosa.accounts.enums import Comorbidity, PainCondition, Role, Sex
from speciosa.accounts.models import PatientProfile, User
from speciosa.core.errors import InputError
from speciosa.core.jurisdictions import validate_code
from speciosa.core.text import clean_text
from speciosa.lib.checks import check_decimal
from speciosa.lib.signals import patient_record_changed
from speciosa.lib.tz import valid_time_zones

_USERNAME = re.compile(r"^[A-Za-z0-9_.@+-]{2,150}$")
PROFILE_FIELDS = ("birth_year", "sex", "weight_kg", "pregnant", "breastfeeding", "time_zone", "jurisdiction",
                  "conditions", "comorbidities", "goals", "urgent_alert_emails")


@transaction.atomic
def create_user(username: str, *, password: str, role: str = Role.PATIENT, email: str = "",
                check_password: bool = True, **profile: Any) -> User:
    """Creates a person; a patient also gets an empty profile. Raises InputError naming the field."""
    username = clean_text(username, "username", max_length=150, required=True)
    if not _USERNAME.match(username):
        raise InputError("username", "use 2-150 letters, digits and . @ + - _ only")
    if User.objects.filter(username__iexact=username).exists():
        raise InputError("username", "is already taken")
    if role not in Role.values:
        raise InputError("role", f"expected one of {', '.join(Role.values)}")
    email = clean_text(email, "email", max_length=254)
    if check_password:
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as error:
            raise InputError("password", " ".join(error.messages)) from None
    user = User.objects.create_user(username=username, email=email, password=password, role=role)
    if role == Role.PATIENT:
        PatientProfile.objects.create(user=user)
        if profile:
            update_profile(user, **profile)
    return user


def clean_profile(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "unknown field")
    out: dict[str, Any] = {}
    if "birth_year" in values:
        year = values["birth_year"]
        if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100):
            raise InputError("birth_year", "expected a year such as 1975")
        if year is not None and year > timezone.now().year:
            raise InputError("birth_year", "is in the future")
        out["birth_year"] = year
    if "sex" in values:
        if (values["sex"] or "") not in [*Sex.values, ""]:
            raise InputError("sex", f"expected one of {', '.join(Sex.values)}")
        out["sex"] = values["sex"] or ""
    if "weight_kg" in values:
        out["weight_kg"] = check_decimal(values["weight_kg"], "weight_kg", minimum=20, maximum=400, places=1,
                                         optional=True)
    for flag in ("pregnant", "breastfeeding", "urgent_alert_emails"):
        if flag in values:
            if not isinstance(values[flag], bool):
                raise InputError(flag, "expected true or false")
            out[flag] = values[flag]
    if "time_zone" in values:
        zone = clean_text(values["time_zone"], "time_zone", max_length=64) or "UTC"
        if zone not in valid_time_zones():
            raise InputError("time_zone", f"{zone!r} is not an IANA time zone such as America/New_York")
        out["time_zone"] = zone
    if "jurisdiction" in values:
        place = clean_text(values["jurisdiction"], "jurisdiction", max_length=40).upper()
        if place and not validate_code(place):
            raise InputError("jurisdiction", "expected an ISO 3166 code such as US-FL or GB, or a city or county "
                                             "code such as US-CA-SAN_DIEGO")
        out["jurisdiction"] = place
    for field, choices in (("conditions", PainCondition.values), ("comorbidities", Comorbidity.values)):
        if field in values:
            items = values[field] or []
            if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                raise InputError(field, "expected a list of names")
            for index, item in enumerate(items):
                if item not in choices:
                    raise InputError(f"{field}[{index}]", f"unknown; expected one of {', '.join(choices)}")
            out[field] = sorted(set(items))
    if "goals" in values:
        out["goals"] = clean_text(values["goals"], "goals", max_length=4000)
    return out


@transaction.atomic
def update_profile(user: User, **changes: Any) -> PatientProfile:
    """Changes a patient's profile. Raises InputError naming the field; nothing is saved then."""
    profile, _ = PatientProfile.objects.select_for_update().get_or_create(user=user)
    for field, value in clean_profile(changes).items():
        setattr(profile, field, value)
    profile.save()
    user.profile = profile  # callers holding this user see the change (the reverse one-to-one is cached)
    patient_record_changed.send(sender=PatientProfile, patient=user, kind="profile")
    return profile
