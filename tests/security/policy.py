"""Who may open each page and API operation: the authorization matrix's expectations.

Every route in the URL configuration and every operation in the OpenAPI document must have an entry here, or
test_authorization_matrix fails and names it. To declare a new route, add one line:

    PAGES["app:url_name"] = own()                                  # the signed-in patient's own data
    PAGES["app:url_name"] = own(params=record("dose"))             # ... one of alice's records, by id
    PAGES["app:url_name"] = shared(Scope.DIARY, params=patient())  # a patient's data, for a clinician they shared with
    API["GET /api/v1/some/{id}"] = shared(None, params=patient("id"))   # None: any active share opens it
    ... public(), signed_in(), role(Role.CLINICIAN), admin()

``params`` fill the route's parameters from the dataset in world.py (alice's records); ``query`` adds a query string;
``body`` is sent with POST/PUT/PATCH (default: an empty JSON object or form). Every GET is sent by every persona.
Writes are sent by every persona who must be refused and, on a shared route, last by the clinician alice shares
everything with.

``audit`` is the entry alice's audit log gets when a clinician she shares with is let in (one entry for that
request, none for anyone else); every shared route must declare it:

    shared(Scope.DIARY, params=patient(), audit=Audit(Action.READ, "charts"))
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from speciosa.accounts.enums import Role
from speciosa.audit.enums import Action
from speciosa.clinic.enums import Scope
from speciosa.core import evidence_library
from speciosa.interop.fhir.access import EXPORT_WHAT, PREVIEW_WHAT
from speciosa.reports.api import SUMMARY_READ
from speciosa.reports.panel import PANEL_READ
from speciosa.testing import PASSWORD
from tests.security.world import ROLE_OF, SHARED_WITH, AuditRow, World

Fill = Callable[[World], dict[str, Any]]


class Access(enum.Enum):
    PUBLIC = "anyone, signed in or not"
    SIGNED_IN = "anyone signed in"
    OWN = "the signed-in patient's own record"
    SHARED = "a patient's record, for a clinician with an active share (of the scope, if given)"
    ROLE = "accounts of the given roles (content limited to what each may see)"
    ADMIN = "administrators"


@dataclass(frozen=True)
class Audit:
    """The entry one request writes to alice's audit log: what was done, and to what.

    ``what`` is filled from world.records (``"alert {alert.pk}"``) and ``{parts}``, the parts of alice's record
    shared with the clinician, as the clinician's patient page names them.
    """

    action: Action
    what: str

    def row(self, world: World, persona: str) -> AuditRow:
        actor = world.user(persona)
        assert actor is not None
        return actor.pk, world.alice.pk, self.action.value, self.what.format(parts=world.shared_parts(persona),
                                                                       **world.records)


@dataclass(frozen=True)
class Rule:
    access: Access
    scope: str | None = None
    roles: tuple[str, ...] = ()
    params: Fill | None = None
    query: Fill | None = None
    body: Fill | None = None
    method: str = "GET"  # pages only; an API key carries its method
    ok: tuple[int, ...] = (200,)
    owner_opens: bool = False  # SHARED: the patient may open the clinician's view of their own record
    names_a_record: bool = True  # OWN with params: they name one of alice's records (False: a day, a form's id)
    audit: Audit | None = None

    def opens(self, persona: str, partial_scopes: tuple[str, ...] = ()) -> bool:
        """Whether ``persona`` is let in (and then sees only what ``World.forbidden_markers`` allows), the partial
        clinician holding ``partial_scopes``."""
        if self.access is Access.PUBLIC:
            return True
        if persona == "anonymous":
            return False
        if self.access is Access.SIGNED_IN:
            return True
        if self.access is Access.OWN:
            return persona == "owner" or (persona == "other_patient" and not (self.params and self.names_a_record))
        if self.access is Access.SHARED:
            return (persona == "clinician_shared"
                    or (persona == "clinician_partial" and (self.scope is None or self.scope in partial_scopes))
                    or (persona == "owner" and self.owner_opens))
        if self.access is Access.ROLE:
            return ROLE_OF[persona] in self.roles
        return persona == "admin"

    def audit_rows(self, world: World, persona: str) -> list[AuditRow]:
        """The audit entries ``persona``'s request must write: the declared one for a clinician alice shares with
        who is let in; none for anyone else (the patient's own reads are not logged; refusals write nothing)."""
        if self.audit is None or persona not in SHARED_WITH or not self.opens(persona, world.partial_scopes):
            return []
        return [self.audit.row(world, persona)]

    def partial_scopes(self) -> tuple[str, ...]:
        """What the partial clinician is given: everything but this route's scope, or notes only."""
        if self.access is Access.SHARED and self.scope is not None:
            return tuple(scope for scope in Scope.values if scope != self.scope)
        return (Scope.NOTES,)

    def only_scope(self) -> tuple[str, ...]:
        """What the partial clinician is given to be let in with as little as the route needs: its scope alone
        (doses, for a route any share opens). Every other scope's marker must then stay out of the answer."""
        return (self.scope if self.scope is not None else Scope.DIARY,)


def public(**options: Any) -> Rule:
    return Rule(Access.PUBLIC, **options)


def signed_in(**options: Any) -> Rule:
    return Rule(Access.SIGNED_IN, **options)


def own(**options: Any) -> Rule:
    return Rule(Access.OWN, **options)


def shared(scope: str | None, **options: Any) -> Rule:
    return Rule(Access.SHARED, scope=scope, **options)


def role(*roles: str, **options: Any) -> Rule:
    return Rule(Access.ROLE, roles=roles, **options)


def admin(**options: Any) -> Rule:
    return Rule(Access.ADMIN, **options)


def record(name: str, key: str = "pk") -> Fill:
    """The id of one of alice's records (see world.build_world)."""
    return lambda world: {key: world.records[name].pk}


def patient(key: str = "patient_id", **more: str) -> Fill:
    """alice's id, plus record ids: ``patient("id", alert_id="alert")``."""
    return lambda world: {key: world.alice.pk, **{name: world.records[value].pk for name, value in more.items()}}


def value(key: str, name: str) -> Fill:
    return lambda world: {key: world.records[name]}


def constant(**values: Any) -> Fill:
    return lambda world: values


def period(world: World) -> dict[str, str]:
    return {"from": world.records["day"], "to": world.records["day"]}


# A one-dose Kratom Tracker export, for the import endpoints (refused personas must store nothing of it).
IMPORT_CSV = "date,time,iso_timestamp,strain_code,strain_name,amount_g,notes\n2026-01-05,08:00,,MD,Maeng Da,2,\n"

SIGNED_IN_OK = (200, 302)  # pages that redirect someone already done there (sign-in, two-factor)
FHIR_EXPORT = EXPORT_WHAT  # "{parts}": the parts of alice's record the clinician holds
EMPTY_BUNDLE = {"resourceType": "Bundle", "type": "collection", "entry": []}  # an import preview of nothing


class Rewinding(SimpleUploadedFile):
    """A file upload the matrix can send once per persona (each request reads it from the start)."""

    def read(self, *args: Any) -> bytes:
        self.seek(0)
        return super().read(*args)

PAGES: dict[str, Rule] = {
    # the installable shell (speciosa/pwa.py): no one's data
    "pwa:manifest": public(),
    "pwa:service_worker": public(),
    "pwa:offline": public(),
    # accounts
    "accounts:signup": public(ok=SIGNED_IN_OK),
    "accounts:login": public(ok=SIGNED_IN_OK),
    "accounts:logout": public(method="POST"),
    "accounts:two_factor": signed_in(),
    "accounts:two_factor_setup": signed_in(),
    "accounts:two_factor_verify": signed_in(ok=SIGNED_IN_OK),
    "accounts:tokens": signed_in(),
    "accounts:privacy": own(),
    "accounts:privacy_download": own(),
    "accounts:delete_account": own(method="POST", body=constant(password=PASSWORD, understood="on")),
    "accounts:password_change": signed_in(),
    "accounts:password_change_done": signed_in(),
    "accounts:password_reset": public(),
    "accounts:password_reset_done": public(),
    "accounts:password_reset_confirm": public(params=constant(uidb64="MQ", token="set-password")),
    "accounts:password_reset_complete": public(),
    # safety
    "safety:alerts": own(),
    "safety:alert_detail": own(params=record("alert")),
    "safety:rules": signed_in(),
    "safety:rule_document": signed_in(),
    "safety:evidence": public(),
    "safety:evidence_detail": public(params=lambda world: {"entry_id": evidence_library.all_entries()[0].id}),
    # questionnaires
    "instruments:list": own(),
    "instruments:results": own(),
    "instruments:support": own(),
    "instruments:settings": own(),
    "instruments:renew_calendar": own(method="POST"),
    "instruments:calendar": public(params=value("token", "calendar_token")),  # the secret address is the key
    "instruments:patient_results": shared(Scope.CHECKINS, params=patient(), owner_opens=True,
                                          audit=Audit(Action.READ, "questionnaire results")),
    "instruments:answer": own(params=constant(instrument_id="peg"), names_a_record=False),
    # reports
    "reports:charts": own(),
    "reports:visit_pdf": own(query=period),
    "reports:patient_charts": shared(Scope.DIARY, params=patient(), owner_opens=True,
                                     audit=Audit(Action.READ, "charts")),
    "reports:patient_visit_pdf": shared(Scope.DIARY, params=patient(), query=period, owner_opens=True,
                                        audit=Audit(Action.EXPORT, "visit report (PDF)")),
    # clinic
    "clinic:panel": role(Role.CLINICIAN, audit=Audit(Action.READ, PANEL_READ)),
    "clinic:patient": shared(None, params=patient(), audit=Audit(Action.READ, "patient page: profile, alerts, {parts}")),
    "clinic:alert": shared(None, params=patient(alert_id="alert"), audit=Audit(Action.READ, "alert {alert.pk}")),
    "clinic:accept": role(Role.CLINICIAN),
    "clinic:sharing": own(),
    "clinic:invite": own(),
    "clinic:revoke": own(method="POST", params=record("share")),
    # plans
    "plans:mine": own(),
    "plans:acknowledge": own(method="POST", params=record("plan_version", "version_id")),
    "plans:patient": shared(Scope.DIARY, params=patient(), audit=Audit(Action.READ, "treatment plan")),
    # audit
    "audit:mine": own(),
    "audit:mine_csv": own(),
    "audit:all": admin(),
    "audit:all_csv": admin(),
    # diary
    "diary:today": signed_in(ok=SIGNED_IN_OK),  # a patient's today; others are sent to their own start page
    "diary:quick_log": own(method="POST", params=record("product", "product_id")),
    "diary:dose_new": own(),
    "diary:dose_edit": own(params=record("dose")),
    "diary:dose_delete": own(params=record("dose")),
    "diary:dose_history": own(params=record("dose")),
    "diary:dose_undo": own(method="POST", params=record("dose")),
    "diary:timeline": own(),
    "diary:products": own(),
    "diary:product_new": own(),
    "diary:product_edit": own(params=record("product")),
    "diary:product_delete": own(params=record("product")),
    "diary:checkins": own(),
    "diary:checkin_new": own(),
    "diary:checkin_quick": own(),
    "diary:checkin_edit": own(params=record("checkin")),
    "diary:checkin_delete": own(params=record("checkin")),
    "diary:medications": own(),
    "diary:medication_new": own(),
    "diary:medication_edit": own(params=record("medication")),
    "diary:medication_delete": own(params=record("medication")),
    "diary:labs": own(),
    "diary:lab_new": own(),
    "diary:lab_edit": own(params=record("lab")),
    "diary:lab_delete": own(params=record("lab")),
    "diary:profile": own(),
    # interop: REDCap (the dictionary holds no patient data) and the import from other trackers
    "interop:import_csv": own(),
    "interop:redcap": own(),
    "interop:redcap_dictionary": signed_in(),
    "interop:redcap_records": own(),
    "interop:patient_redcap_records": shared(None, params=patient(), audit=Audit(Action.EXPORT, "REDCap records")),
    # FHIR
    "fhir:definition": public(params=constant(name="leaf-equivalent")),
    "fhir:mine": own(),
    "fhir:download": own(),
    "fhir:import": own(method="POST", ok=(422,)),  # no file chosen: the page says so (the app's tests post files)
    "fhir:patient_download": shared(Scope.DIARY, params=patient(), audit=Audit(Action.EXPORT, FHIR_EXPORT)),
    "fhir:patient_import": shared(Scope.MEDICAL, method="POST", params=patient(),
                                  body=constant(file=Rewinding("record.json", json.dumps(EMPTY_BUNDLE).encode())),
                                  audit=Audit(Action.READ, PREVIEW_WHAT)),
    "diary:more": own(),
    "diary:welcome": own(),
    "diary:welcome_take": own(),
    "diary:welcome_clinician": own(),
}

API: dict[str, Rule] = {
    "POST /api/v1/auth/token": public(),
    "GET /api/v1/me": signed_in(),
    "GET /api/v1/tokens": signed_in(),
    "DELETE /api/v1/tokens/{token_id}": own(params=record("api_token", "token_id")),
    "PATCH /api/v1/me/profile": own(body=constant(goals="walk")),
    "GET /api/v1/me/archive": own(),
    "POST /api/v1/me/delete": own(body=constant(password=PASSWORD)),
    "GET /api/v1/me/export": own(),
    "GET /api/v1/me/snapshot": own(),
    "GET /api/v1/me/audit": own(),
    "GET /api/v1/audit": admin(),
    "GET /api/v1/today": own(),
    "GET /api/v1/days/{day}": own(params=value("day", "day"), names_a_record=False),
    **{f"{method} /api/v1/{plural}": own(body=constant()) if method == "POST" else own()
       for plural in ("products", "doses", "checkins", "medications", "labs") for method in ("GET", "POST")},
    **{f"{method} /api/v1/{plural}/{{id}}": own(params=record(name, "id"))
       for plural, name in (("products", "product"), ("doses", "dose"), ("checkins", "checkin"),
                            ("medications", "medication"), ("labs", "lab"))
       for method in ("GET", "PATCH", "DELETE")},
    "POST /api/v1/products/{id}/quick-log": own(params=record("product", "id")),
    "GET /api/v1/doses/{id}/history": own(params=record("dose", "id")),
    "GET /api/v1/alerts": own(),
    "GET /api/v1/alerts/cards": own(),
    "GET /api/v1/alerts/{id}": own(params=record("alert", "id")),
    "POST /api/v1/alerts/{id}/acknowledge": own(params=record("alert", "id"), body=constant(note="seen")),
    "GET /api/v1/alerts/{id}/entries": own(params=record("alert", "id")),
    "POST /api/v1/alerts/{id}/comments": own(params=record("alert", "id"), body=constant(text="ok"), ok=(201,)),
    "GET /api/v1/rules": signed_in(),
    "GET /api/v1/rules/{code}": signed_in(params=constant(code="DOSE_ABOVE_PLAN")),
    "GET /api/v1/evidence": public(),
    "GET /api/v1/evidence/{id}": public(params=lambda world: {"id": evidence_library.all_entries()[0].id}),
    "GET /api/v1/instruments": signed_in(),
    "GET /api/v1/instruments/{id}": signed_in(params=constant(id="peg")),
    "GET /api/v1/questionnaires": shared(Scope.CHECKINS, owner_opens=True, query=lambda world: {"patient": world.alice.pk},
                                         audit=Audit(Action.READ, "questionnaire responses")),
    "POST /api/v1/questionnaires": own(body=constant(instrument="nrs", answers=[3])),
    "GET /api/v1/questionnaires/{id}": own(params=record("response", "id")),
    "DELETE /api/v1/questionnaires/{id}": own(params=record("response", "id")),
    "GET /api/v1/me/schedule": own(),
    "PUT /api/v1/me/schedule": own(body=constant(entries={})),
    "GET /api/v1/shares": own(),
    "POST /api/v1/shares": own(body=constant(scopes=["diary"])),
    "POST /api/v1/shares/{id}/revoke": own(params=record("share", "id")),
    "POST /api/v1/shares/accept": role(Role.CLINICIAN, body=constant(code="ABCDE-FGHJK")),
    "GET /api/v1/clinic/patients": role(Role.CLINICIAN, audit=Audit(Action.READ, PANEL_READ)),
    "GET /api/v1/clinic/patients/{id}/alerts": shared(None, params=patient("id"), audit=Audit(Action.READ, "alerts")),
    "GET /api/v1/clinic/patients/{id}/alerts/cards": shared(None, params=patient("id"),
                                                            audit=Audit(Action.READ, "alerts")),
    "POST /api/v1/clinic/patients/{id}/alerts/{alert_id}/acknowledge": shared(
        None, params=patient("id", alert_id="alert"), body=constant(note="seen"),
        audit=Audit(Action.WRITE, "alert {alert.pk}: acknowledged")),
    "POST /api/v1/clinic/patients/{id}/alerts/{alert_id}/resolve": shared(
        None, params=patient("id", alert_id="alert"), body=constant(note="done"),
        audit=Audit(Action.WRITE, "alert {alert.pk}: resolved")),
    "GET /api/v1/clinic/patients/{id}/alerts/{alert_id}/entries": shared(
        None, params=patient("id", alert_id="alert"), audit=Audit(Action.READ, "alert {alert.pk}: conversation")),
    "POST /api/v1/clinic/patients/{id}/alerts/{alert_id}/comments": shared(
        None, params=patient("id", alert_id="alert"), body=constant(text="ok"), ok=(201,),
        audit=Audit(Action.WRITE, "alert {alert.pk}: comment")),
    "GET /api/v1/clinic/patients/{id}/notes": shared(None, params=patient("id"), owner_opens=True,
                                                     audit=Audit(Action.READ, "clinical notes")),
    "POST /api/v1/clinic/patients/{id}/notes": shared(None, params=patient("id"), body=constant(text="a note"),
                                                      ok=(201,), audit=Audit(Action.WRITE, "clinical note")),
    "GET /api/v1/clinic/patients/{id}/summary": shared(None, params=patient("id"),
                                                       audit=Audit(Action.READ, SUMMARY_READ)),
    "GET /api/v1/clinic/patients/{id}/timeline": shared(None, params=patient("id"), audit=Audit(Action.READ, "timeline")),
    "GET /api/v1/clinic/patients/{id}/labs": shared(Scope.MEDICAL, params=patient("id"),
                                                    audit=Audit(Action.READ, "medicines and labs")),
    "GET /api/v1/clinic/patients/{id}/report.pdf": shared(Scope.DIARY, params=patient("id"), query=period,
                                                          audit=Audit(Action.EXPORT, "visit report (PDF)")),
    "GET /api/v1/plan": own(),
    "GET /api/v1/patients/{id}/plan": shared(Scope.DIARY, params=patient("id"),
                                             audit=Audit(Action.READ, "treatment plan")),
    "POST /api/v1/patients/{id}/plan": shared(Scope.DIARY, params=patient("id"), body=constant(max_daily_leaf_g=4),
                                              ok=(201,),  # world.py published version 1
                                              audit=Audit(Action.WRITE, "treatment plan version 2")),
    "POST /api/v1/plan/versions/{id}/acknowledge": own(params=record("plan_version", "id")),
    "GET /api/v1/redcap/dictionary": signed_in(),
    "GET /api/v1/me/redcap/records": own(),
    "GET /api/v1/patients/{id}/redcap/records": shared(None, params=patient("id"),
                                                       audit=Audit(Action.EXPORT, "REDCap records")),
    "POST /api/v1/me/import/csv/preview": own(body=constant(preset="kratom-tracker", content=IMPORT_CSV)),
    "POST /api/v1/me/import/csv": own(body=constant(preset="kratom-tracker", content=IMPORT_CSV)),
    "GET /api/v1/me/fhir": own(),
    "POST /api/v1/me/fhir/import": own(body=constant(**EMPTY_BUNDLE)),
    "GET /api/v1/clinic/patients/{id}/fhir": shared(Scope.DIARY, params=patient("id"), owner_opens=True,
                                                    audit=Audit(Action.EXPORT, FHIR_EXPORT)),
    "POST /api/v1/clinic/patients/{id}/fhir/import": shared(Scope.MEDICAL, params=patient("id"), owner_opens=True,
                                                            body=constant(**EMPTY_BUNDLE),
                                                            audit=Audit(Action.READ, PREVIEW_WHAT)),
}
