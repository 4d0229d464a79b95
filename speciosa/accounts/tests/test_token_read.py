"""The bearer token's read is written out by hand (speciosa.lib.rows) for speed; it must load exactly what the
ORM's ``select_related("user", "user__profile")`` loads, converted the same way, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from speciosa.accounts.domain import update_profile
from speciosa.accounts.models import ApiToken, PatientProfile
from speciosa.accounts.tokens import _token_by_digest, issue
from speciosa.testing import make_clinician, make_patient

pytestmark = pytest.mark.django_db


def stored(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def orm_read(digest: str) -> ApiToken:
    return ApiToken.objects.select_related("user", "user__profile").get(digest=digest)


def test_a_patients_token_user_and_profile_are_what_the_orm_reads():
    alice = make_patient("alice", time_zone="Europe/Lisbon")
    update_profile(alice, birth_year=1971)
    _, token = issue(alice, label="phone")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.created_at)
    expected = orm_read(token.digest)
    with CaptureQueriesContext(connection) as queries:
        found = _token_by_digest(token.digest)
        assert found is not None
        assert stored(found) == stored(expected)
        assert stored(found.user) == stored(expected.user)
        assert stored(found.user.profile) == stored(expected.user.profile)
        assert found.user.profile.user is found.user
    assert len(queries) == 1  # the user and the profile came with the token
    assert found.expires_at.tzinfo is not None and found.last_used_at.tzinfo is not None


def test_a_user_without_a_profile_has_none_without_another_read():
    doctor = make_clinician("dr_who")
    PatientProfile.objects.filter(user=doctor).delete()
    _, token = issue(doctor)
    with CaptureQueriesContext(connection) as queries:
        found = _token_by_digest(token.digest)
        assert found is not None and found.user.username == "dr_who"
        with pytest.raises(PatientProfile.DoesNotExist):
            found.user.profile  # noqa: B018 (the access is the test)
    assert len(queries) == 1


def test_an_unknown_digest_is_none():
    make_patient("alice")
    assert _token_by_digest(ApiToken.digest_of("not a token")) is None
