"""A patient's sharing pages: invite (the code shown once, optionally e-mailed), the list with each share's status,
revoking with confirmation; and the clinician's accept page."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.accounts.models import User
from speciosa.clinic.access import can_access
from speciosa.clinic.domain import invite_clinician, write_note
from speciosa.clinic.models import Share

pytestmark = pytest.mark.django_db

CODE = re.compile(r'data-testid="invite-code">([A-Z0-9]{5}-[A-Z0-9]{5})<')


def invite(client: Client, **fields: object) -> HttpResponse:
    data = {"scopes": ["diary", "checkins"], **fields}
    return client.post(reverse("clinic:invite"), data)


def invitation_of(patient: User) -> Share:
    """The patient's one invitation not yet accepted (the cast's shares are all accepted)."""
    return Share.objects.get(patient=patient, accepted_at__isnull=True)


def test_a_patient_invites_and_sees_the_code_once(cast):
    response = invite(cast.alice.client, can_edit_plan="on")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    code = CODE.search(response.content.decode()).group(1)
    share = invitation_of(cast.alice.user)
    assert (share.scopes, share.can_edit_plan) == (["diary", "checkins"], True)
    assert share.code_digest == Share.digest_of(code.replace("-", ""))
    listing = cast.alice.client.get(reverse("clinic:sharing"))
    assertContains(listing, "Invited, not yet accepted")
    assertNotContains(listing, code)


def test_the_invitation_can_be_emailed_with_a_link_that_prefills_the_code(cast):
    response = invite(cast.alice.client, email="dr.bob@example.org")
    code = CODE.search(response.content.decode()).group(1)
    assert [message.to for message in mail.outbox] == [["dr.bob@example.org"]]
    link = re.search(r"http://testserver(/clinic/accept/\?code=[A-Z0-9-]+)", mail.outbox[0].body).group(1)
    assert code in link
    page = cast.bob.client.get(link)
    assertContains(page, f'value="{code}"')


def test_the_expiry_is_the_end_of_the_chosen_day_in_the_patients_time_zone(cast):
    day = timezone.localdate() + dt.timedelta(days=10)
    invite(cast.alice.client, expires_on=day.isoformat())
    share = invitation_of(cast.alice.user)
    assert share.expires_at.astimezone(cast.alice.user.profile.zone).isoformat() == (
        f"{day + dt.timedelta(days=1)}T00:00:00-05:00")


@pytest.mark.parametrize(("fields", "message"), [
    ({"scopes": []}, "Choose at least one part of your record"),
    ({"expires_on": "2001-01-01"}, "Share until must be in the future"),
    ({"email": "not an address"}, "Enter a valid email address"),
])
def test_a_bad_invitation_is_refused_on_its_field_and_stores_nothing(cast, fields, message):
    response = cast.alice.client.post(reverse("clinic:invite"), {"scopes": ["diary"], **fields})
    assertContains(response, message)
    assert not Share.objects.filter(accepted_at__isnull=True).exists()


def test_a_clinician_accepts_a_code_and_lands_on_the_patient(cast):
    _, code = invite_clinician(cast.alice.user, scopes=["diary"])
    response = cast.dave.client.post(reverse("clinic:accept"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("clinic:patient", args=[cast.alice.user.pk])
    assert can_access(cast.dave.user, cast.alice.user, "diary")


def test_a_wrong_code_is_refused_on_the_field(cast):
    response = cast.dave.client.post(reverse("clinic:accept"), {"code": "AAAAA-BBBBB"})
    assertContains(response, "This code is not valid")


def test_accepting_needs_a_signed_in_clinician(cast):
    _, code = invite_clinician(cast.alice.user, scopes=["diary"])
    url = f"{reverse('clinic:accept')}?code={code}"
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/?next=")
    assert cast.charlie.client.post(reverse("clinic:accept"), {"code": code}).status_code == 403
    assert not can_access(cast.charlie.user, cast.alice.user, "diary")


def test_revoking_asks_first_then_takes_effect_at_once(cast):
    url = reverse("clinic:revoke", args=[cast.bob_share.pk])
    patient_page = reverse("clinic:patient", args=[cast.alice.user.pk])
    assert cast.bob.client.get(patient_page).status_code == 200
    confirm = cast.alice.client.get(url)
    assertContains(confirm, "Stop sharing?")
    assert Share.objects.get(pk=cast.bob_share.pk).revoked_at is None
    response = cast.alice.client.post(url)
    assert (response.status_code, response["Location"]) == (302, reverse("clinic:sharing"))
    assert cast.bob.client.get(patient_page).status_code == 403
    assertContains(cast.alice.client.get(reverse("clinic:sharing")), "Revoked")


def test_revoking_needs_the_csrf_token(cast):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.alice.user)
    response = strict.post(reverse("clinic:revoke", args=[cast.bob_share.pk]))
    assert response.status_code == 403
    assert Share.objects.get(pk=cast.bob_share.pk).revoked_at is None


def test_only_the_patient_who_shared_can_revoke(cast):
    url = reverse("clinic:revoke", args=[cast.bob_share.pk])
    assert cast.charlie.client.post(url).status_code == 404
    assert cast.bob.client.post(url).status_code == 403
    assert Share.objects.get(pk=cast.bob_share.pk).revoked_at is None


@pytest.mark.parametrize(("name", "who", "status"), [
    ("clinic:sharing", "alice", 200), ("clinic:sharing", "charlie", 200), ("clinic:sharing", "bob", 403),
    ("clinic:invite", "alice", 200), ("clinic:invite", "bob", 403), ("clinic:invite", "dave", 403),
    ("clinic:accept", "bob", 200), ("clinic:accept", "dave", 200), ("clinic:accept", "erin", 200),
    ("clinic:accept", "alice", 403), ("clinic:accept", "charlie", 403),
])
def test_who_opens_the_sharing_pages(cast, name, who, status):
    assert cast.everyone()[who].client.get(reverse(name)).status_code == status


def test_charlie_sees_none_of_alices_shares(cast):
    page = cast.charlie.client.get(reverse("clinic:sharing")).content.decode()
    assert "bob" not in page and "erin" not in page
    assert "You have not invited anyone yet" in page


def test_the_patient_reads_the_notes_clinicians_wrote_on_her_record(cast):
    write_note(cast.alice.user, author=cast.bob.user, text="Discussed tapering options; liver tests in May.")
    page = cast.alice.client.get(reverse("clinic:sharing"))
    assertContains(page, "Discussed tapering options; liver tests in May.")
    other = cast.charlie.client.get(reverse("clinic:sharing"))
    assertNotContains(other, "Discussed tapering options")
