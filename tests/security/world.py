"""The authorization matrix's dataset: the cast (speciosa.testing), alice's record with a marker planted in each
scope, and the matrix's name for each persona by what they are to alice:

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

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.accounts.tokens import issue
from speciosa.audit.models import AuditEntry
from speciosa.clinic.access import share_between
from speciosa.clinic.domain import write_note
from speciosa.clinic.enums import Scope
from speciosa.diary.domain import create_product, record_checkin, record_dose, record_medication
from speciosa.diary.models import LabResult
from speciosa.diary.privacy import archive_data
from speciosa.instruments.domain import record_response, renew_calendar_token
from speciosa.plans.domain import publish_plan
from speciosa.safety.domain import evaluate_if_pending
from speciosa.safety.enums import EntryKind, EntryRole
from speciosa.safety.models import AlertEntry, StoredAlert
from speciosa.testing import Cast, Persona, build_cast

CAST_NAME = {"owner": "alice", "other_patient": "charlie", "clinician_shared": "bob", "clinician_partial": "fay",
             "clinician_unshared": "dave", "clinician_revoked": "erin", "researcher": "rita", "admin": "adam"}
PERSONAS = ("anonymous", *CAST_NAME)
CLINICIANS = ("clinician_shared", "clinician_partial", "clinician_unshared", "clinician_revoked")
ROLE_OF = {"owner": Role.PATIENT, "other_patient": Role.PATIENT, **dict.fromkeys(CLINICIANS, Role.CLINICIAN),
           "researcher": Role.RESEARCHER, "admin": Role.ADMIN}
# The clinicians alice shares with now: what they open of her record is written to her audit log.
SHARED_WITH = ("clinician_shared", "clinician_partial")

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

AuditRow = tuple[int | None, int | None, str, str]  # actor id, patient id, action, what


@dataclass
class World:
    cast: Cast
    records: dict[str, Any] = field(default_factory=dict)
    partial_scopes: tuple[str, ...] = ()
    anonymous: Client = field(default_factory=Client)

    @property
    def alice(self) -> User:
        return self.cast.alice.user

    def persona(self, name: str) -> Persona | None:
        """The cast member the matrix calls ``name`` (None for anonymous)."""
        return None if name == "anonymous" else getattr(self.cast, CAST_NAME[name])

    def user(self, name: str) -> User | None:
        persona = self.persona(name)
        return None if persona is None else persona.user

    def client(self, name: str) -> Client:
        """The persona's signed-in client (a client without a session for anonymous)."""
        persona = self.persona(name)
        return self.anonymous if persona is None else persona.client

    def headers(self, name: str) -> dict[str, str]:
        persona = self.persona(name)
        return {} if persona is None else persona.bearer()

    def forbidden_markers(self, persona: str) -> dict[str, str]:
        """The markers this persona must never see."""
        if persona in ("owner", "clinician_shared"):
            return {}
        if persona == "clinician_partial":
            return {scope: text for scope, text in MARKERS.items()
                    if scope != IDENTITY and scope not in self.partial_scopes}
        return dict(MARKERS)

    def shared_parts(self, persona: str) -> str:
        """The parts of alice's record shared with ``persona``, as the clinician's patient page names them."""
        user = self.user(persona)
        share = share_between(user, self.alice) if user is not None else None
        return ", ".join(share.scope_labels()).lower() if share is not None else ""

    def fingerprint(self) -> str:
        """A digest of alice's whole record (but for tables that change on a legitimate read)."""
        data = archive_data(self.alice, now=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        data["tables"] = {name: rows for name, rows in data["tables"].items() if name not in VOLATILE_TABLES}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    @staticmethod
    def last_audit_id() -> int:
        return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0

    @staticmethod
    def audit_since(last_id: int) -> list[AuditRow]:
        """The audit entries written after entry ``last_id``, oldest first."""
        return list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")
                    .values_list("actor_id", "patient_id", "action", "what"))


def build_world(*, partial_scopes: Iterable[str]) -> World:
    """The cast, with fay sharing ``partial_scopes`` of alice's record, and alice's marked records."""
    partial = tuple(partial_scopes)
    cast = build_cast(partial_scopes=partial)
    alice, bob = cast.alice.user, cast.bob.user
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    product = create_product(alice, by=alice, name=MARKERS[Scope.DIARY], form="powder")
    records: dict[str, Any] = {
        "product": product,
        "dose": record_dose(alice, product=product, amount=2, unit="g", taken_at=an_hour_ago, by=alice),
        "checkin": record_checkin(alice, by=alice, at=an_hour_ago, pain_now=4, note=MARKERS[Scope.CHECKINS]),
        "medication": record_medication(alice, by=alice, name="Sertraline", dose_text=MARKERS[Scope.MEDICAL]),
        "note": write_note(alice, author=bob, text=MARKERS[Scope.NOTES]),
        "share": cast.bob_share,
        "api_token": issue(alice, label="another app")[1],  # not her persona's: ending it must not sign her out
        "day": an_hour_ago.astimezone(zone_of(alice)).date().isoformat(),  # the patient's calendar day
    }
    records["lab"] = LabResult.objects.of(alice).first()
    records["response"] = record_response(alice, instrument="nrs", answers=[5], by=alice)
    records["calendar_token"] = renew_calendar_token(alice)  # the secret, shown once; only its digest is kept
    records["plan_version"] = publish_plan(alice, by=bob, max_daily_leaf_g=8)
    # Judged now, so that the next read does not re-judge her record and resolve the alert below (its condition
    # does not hold): a clinician's acknowledgement must find it open.
    evaluate_if_pending(alice.pk)
    # An alert's wording and evidence quote the parts of the record the rules read, as real ones do (a medicine's
    # name, a check-in): they carry those scopes' markers, and only a viewer of all of them may read them.
    medical, checkins = MARKERS[Scope.MEDICAL], MARKERS[Scope.CHECKINS]
    records["alert"] = StoredAlert.objects.create(
        patient=alice, code="LIVER_ALT_HIGH", severity="urgent", title="ALT raised",
        message=f"ALT is raised while taking {medical}.", action=f"Review {medical} and {checkins}.",
        evidence={"medication": medical, "checkin_note": checkins, "ALT": 140},
        first_seen=an_hour_ago, last_seen=an_hour_ago)
    # Its conversation quotes them too: bob's words and alice's reply (written as rows, so the alert stays open).
    for author, role, text in ((bob, EntryRole.CLINICIAN, f"Discussed {medical}."),
                               (alice, EntryRole.PATIENT, f"I noted {checkins}.")):
        AlertEntry.objects.create(alert=records["alert"], patient=alice, author=author, role=role,
                                  kind=EntryKind.COMMENT, text=text, created_at=an_hour_ago)
    return World(cast=cast, records=records, partial_scopes=partial)

