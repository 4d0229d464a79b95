"""The authorization matrix's dataset: alice's record with a marker planted in each scope, and every persona.

Personas (each with a signed-in test client and a bearer token; staff accounts have given their second factor):
  anonymous           no session, no token
  owner               alice, the patient whose record is under test
  other_patient       charlie, another patient with a record of his own
  clinician_shared    bob, with an active share of every scope from alice (and "may edit the plan")
  clinician_partial   fay, with an active share from alice of some scopes only (see ``partial_scopes``)
  clinician_unshared  dave, a clinician alice never shared with
  clinician_revoked   erin, whom alice shared with and then revoked
  researcher          rita
  admin               adam
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.utils import timezone

from speciosa.accounts.domain import create_user, issue_token
from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.clinic.domain import revoke_share, write_note
from speciosa.clinic.enums import Scope
from speciosa.clinic.testing import share
from speciosa.diary.domain import create_product, record_checkin, record_dose, record_medication
from speciosa.diary.models import LabResult
from speciosa.diary.privacy import archive_data
from speciosa.safety.models import StoredAlert
from speciosa.testing import PASSWORD, Personas, verified_login

PERSONAS = ("anonymous", "owner", "other_patient", "clinician_shared", "clinician_partial", "clinician_unshared",
            "clinician_revoked", "researcher", "admin")
CLINICIANS = ("clinician_shared", "clinician_partial", "clinician_unshared", "clinician_revoked")
ROLE_OF = {"owner": Role.PATIENT, "other_patient": Role.PATIENT, **dict.fromkeys(CLINICIANS, Role.CLINICIAN),
           "researcher": Role.RESEARCHER, "admin": Role.ADMIN}

# Text that exists only in alice's record, one per scope, plus her identity (regular expressions). A persona not
# entitled to a scope must never receive its marker, in any answer.
IDENTITY = "identity"
MARKERS = {
    IDENTITY: r"\balice\b",  # her username, as a whole word
    Scope.DIARY: "Marker-Product-7781",
    Scope.CHECKINS: "Marker-Note-5531",
    Scope.MEDICAL: "Marker-Dose-4417",
    Scope.NOTES: "Marker-Clinical-Note-2293",
}
# Tables whose rows change when someone legitimately reads the record (alerts re-evaluated, reads logged).
VOLATILE_TABLES = ("audit.auditentry", "safety.evaluationstate", "safety.storedalert")


@dataclass
class World:
    alice: User
    users: dict[str, User | None]
    clients: dict[str, Client]
    tokens: dict[str, str | None]
    records: dict[str, Any] = field(default_factory=dict)
    partial_scopes: tuple[str, ...] = ()

    def headers(self, persona: str) -> dict[str, str]:
        token = self.tokens[persona]
        return {"Authorization": f"Bearer {token}"} if token else {}

    def forbidden_markers(self, persona: str) -> dict[str, str]:
        """The markers this persona must never see."""
        if persona in ("owner", "clinician_shared"):
            return {}
        if persona == "clinician_partial":
            return {scope: text for scope, text in MARKERS.items()
                    if scope != IDENTITY and scope not in self.partial_scopes}
        return dict(MARKERS)

    def fingerprint(self) -> str:
        """A digest of alice's whole record (but for tables that change on a legitimate read)."""
        data = archive_data(self.alice, now=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        data["tables"] = {name: rows for name, rows in data["tables"].items() if name not in VOLATILE_TABLES}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _staff(username: str, role: str) -> User:
    return create_user(username, password=PASSWORD, role=role, email=f"{username}@example.net", check_password=False)


def build_world(personas: Personas, *, partial_scopes: Iterable[str]) -> World:
    alice, bob = personas.alice.user, personas.bob.user
    fay, dave, erin = (_staff(name, Role.CLINICIAN) for name in ("fay", "dave", "erin"))
    rita, adam = _staff("rita", Role.RESEARCHER), _staff("adam", Role.ADMIN)
    users: dict[str, User | None] = {
        "anonymous": None, "owner": alice, "other_patient": personas.charlie.user, "clinician_shared": bob,
        "clinician_partial": fay, "clinician_unshared": dave, "clinician_revoked": erin, "researcher": rita,
        "admin": adam}
    bob_share = share(alice, bob, can_edit_plan=True)
    partial = tuple(partial_scopes)
    share(alice, fay, scopes=partial)
    revoke_share(share(alice, erin), by=alice)

    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    product = create_product(alice, by=alice, name=MARKERS[Scope.DIARY], form="powder")
    records: dict[str, Any] = {
        "product": product,
        "dose": record_dose(alice, product=product, amount=2, unit="g", taken_at=an_hour_ago, by=alice),
        "checkin": record_checkin(alice, by=alice, at=an_hour_ago, pain_now=4, note=MARKERS[Scope.CHECKINS]),
        "medication": record_medication(alice, by=alice, name="Sertraline", dose_text=MARKERS[Scope.MEDICAL]),
        "note": write_note(alice, author=bob, text=MARKERS[Scope.NOTES]),
        "share": bob_share,
        "day": timezone.localdate(an_hour_ago).isoformat(),
    }
    records["lab"] = LabResult.objects.of(alice).first()
    records["alert"] = StoredAlert.objects.create(
        patient=alice, code="LIVER_ALT_HIGH", severity="urgent", title="ALT raised", message="m", action="a",
        first_seen=an_hour_ago, last_seen=an_hour_ago)
    _optional_records(alice, bob, records)

    clients: dict[str, Client] = {"anonymous": Client()}
    tokens: dict[str, str | None] = {"anonymous": None}
    for persona, user in users.items():
        if user is None:
            continue
        client = Client()
        if user.is_patient or user.role == Role.RESEARCHER:
            client.force_login(user)
        else:
            verified_login(client, user)
        clients[persona] = client
        tokens[persona] = issue_token(user, label="matrix")
    return World(alice=alice, users=users, clients=clients, tokens=tokens, records=records, partial_scopes=partial)


def _optional_records(alice: User, bob: User, records: dict[str, Any]) -> None:
    """Records of the apps being built alongside (questionnaires, plans, calendar feed)."""
    from speciosa.instruments.domain import record_response, renew_calendar_token
    from speciosa.plans.domain import publish_plan

    records["response"] = record_response(alice, instrument="nrs", answers=[5], by=alice)
    records["calendar_token"] = renew_calendar_token(alice).ical_token
    records["plan_version"] = publish_plan(alice, by=bob, max_daily_leaf_g=8)
