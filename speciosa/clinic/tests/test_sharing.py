"""Consent-based sharing: invite, accept, scopes, expiry and revocation, as the access checks see them."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from speciosa.clinic.access import can_access, patients_shared_with
from speciosa.clinic.domain import accept_invitation, invite_clinician, revoke_share
from speciosa.clinic.models import Share
from speciosa.clinic.testing import share
from speciosa.core.errors import InputError

pytestmark = pytest.mark.django_db


def test_a_clinician_sees_nothing_before_accepting(cast):
    invite_clinician(cast.alice.user, scopes=["diary"])
    assert not can_access(cast.dave.user, cast.alice.user, "diary")


def test_an_accepted_share_opens_only_its_scopes(cast):
    share(cast.alice.user, cast.dave.user, scopes=["diary", "checkins"])
    seen = {scope: can_access(cast.dave.user, cast.alice.user, scope)
            for scope in ("diary", "checkins", "medical", "notes")}
    assert seen == {"diary": True, "checkins": True, "medical": False, "notes": False}
    assert not can_access(cast.dave.user, cast.charlie.user, "diary")


def test_editing_the_plan_needs_its_own_permission(cast):
    share(cast.alice.user, cast.dave.user, scopes=["diary"])
    assert not can_access(cast.dave.user, cast.alice.user, "diary", write=True)
    assert can_access(cast.bob.user, cast.alice.user, "diary", write=True)  # alice's share with bob allows it


def test_revoking_takes_effect_at_once(cast):
    given = share(cast.alice.user, cast.dave.user)
    revoke_share(given, by=cast.alice.user)
    assert not can_access(cast.dave.user, cast.alice.user, "diary")
    assert list(patients_shared_with(cast.dave.user)) == []


def test_only_the_patient_may_revoke(cast):
    given = share(cast.alice.user, cast.dave.user)
    with pytest.raises(InputError) as error:
        revoke_share(given, by=cast.dave.user)
    assert error.value.field == "share"


def test_a_share_ends_at_its_expiry(cast):
    start = timezone.now()
    _, code = invite_clinician(cast.alice.user, scopes=["diary"], expires_at=start + dt.timedelta(days=30))
    accept_invitation(cast.dave.user, code=code)
    assert can_access(cast.dave.user, cast.alice.user, "diary")
    with time_machine.travel(start + dt.timedelta(days=31)):
        assert not can_access(cast.dave.user, cast.alice.user, "diary")


def test_a_code_works_once_and_only_for_a_clinician(cast):
    _, code = invite_clinician(cast.alice.user, scopes=["diary"])
    with pytest.raises(InputError):
        accept_invitation(cast.charlie.user, code=code)
    accept_invitation(cast.dave.user, code=code.lower().replace("-", " "))
    with pytest.raises(InputError) as error:
        accept_invitation(cast.dave.user, code=code)
    assert error.value.field == "code"


def test_a_code_expires_after_a_week(cast):
    _, code = invite_clinician(cast.alice.user, scopes=["diary"])
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)), pytest.raises(InputError):
        accept_invitation(cast.dave.user, code=code)


def test_only_the_codes_digest_is_stored(cast):
    _, code = invite_clinician(cast.alice.user, scopes=["diary"])
    assert not Share.objects.filter(code_digest=code).exists()


@pytest.mark.parametrize(("scopes", "field"), [
    ([], "scopes"), ("diary", "scopes"), (["diary", "everything"], "scopes[1]"), ([True], "scopes[0]"),
])
def test_bad_scopes_are_refused_naming_the_item(cast, scopes, field):
    shares_before = Share.objects.count()
    with pytest.raises(InputError) as error:
        invite_clinician(cast.alice.user, scopes=scopes)
    assert error.value.field == field
    assert Share.objects.count() == shares_before


def test_a_share_cannot_expire_in_the_past(cast):
    with pytest.raises(InputError) as error:
        invite_clinician(cast.alice.user, scopes=["diary"], expires_at=timezone.now() - dt.timedelta(hours=1))
    assert error.value.field == "expires_at"


def test_the_panel_lists_patients_by_scope(cast):
    share(cast.alice.user, cast.dave.user, scopes=["diary"])
    share(cast.charlie.user, cast.dave.user, scopes=["medical"])
    assert set(patients_shared_with(cast.dave.user)) == {cast.alice.user, cast.charlie.user}
    assert list(patients_shared_with(cast.dave.user, "medical")) == [cast.charlie.user]
