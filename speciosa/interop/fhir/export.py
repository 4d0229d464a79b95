"""One patient's record as a FHIR R4 Bundle (``collection``, or a ``transaction`` an EHR can post).

The record is opened through the access door first (``speciosa.clinic.access.open_record``): the caller passes the
``OpenRecord`` and this module includes each part only with its scope. Doses, products and the plan need ``diary``
(the door's own condition for this export), check-ins and questionnaires ``checkins``, medicines and labs
``medical``; alerts go through ``speciosa.safety.disclosure`` like every other channel; shares (Consent) and the audit
log (AuditEvent) are the patient's own and are only in the patient's own export. Clinical notes are not exported.

Every resource is checked against the ``fhir.resources`` R4B models (R4B shares R4's JSON for every resource used
here) before the Bundle is returned; tests/interop runs an independent validator (tools/fhir-validate) on top.
Mapping table and codes: docs/interop.md.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from speciosa.accounts.models import PatientProfile
from speciosa.accounts.queries import today_of
from speciosa.audit.models import AuditEntry
from speciosa.clinic.access import OpenRecord
from speciosa.clinic.enums import Scope, ShareStatus
from speciosa.clinic.models import Share
from speciosa.core import drugs
from speciosa.core import instruments as instrument_registry
from speciosa.diary.enums import DoseReason, ProductForm
from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product
from speciosa.instruments.models import Response
from speciosa.interop.fhir import codes
from speciosa.plans.enums import CareKind
from speciosa.plans.models import PlanVersion
from speciosa.plans.queries import plan_in_force
from speciosa.safety.disclosure import alerts_as_shown
from speciosa.safety.queries import alert_history

BundleKind = Literal["collection", "transaction"]
_NAMESPACE = uuid.UUID("5b0f8a36-8d5e-4a0e-9a55-3b1f0e6f2a17")  # Speciosa's namespace for urn:uuid full URLs


def canonical_base() -> str:
    """Where this installation publishes its FHIR definitions: SPECIOSA_SITE_URL + /fhir (served by the app)."""
    return f"{settings.SPECIOSA_SITE_URL}/fhir"


def leaf_equivalent_url() -> str:
    return f"{canonical_base()}/StructureDefinition/leaf-equivalent"


LEAF_EQUIVALENT_PATH = "/fhir/StructureDefinition/leaf-equivalent"  # how the import recognises the extension


def identifier_system(kind: str) -> str:
    """The identifier system of one kind of Speciosa record (``dose``, ``lab``...) at this installation."""
    return f"{canonical_base()}/id/{kind}"


def _moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _number(value: Decimal | float | int) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else round(number, 6)


class _Builder:
    def __init__(self, opened: OpenRecord, kind: BundleKind) -> None:
        self.opened = opened
        self.patient = opened.patient
        self.kind = kind
        self.entries: list[dict[str, Any]] = []
        self.patient_ref = {"reference": self.url("Patient", "patient")}

    def url(self, resource_type: str, local_id: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.patient.pk}/{resource_type}/{local_id}')}"

    def ref(self, resource_type: str, local_id: str) -> dict[str, str]:
        return {"reference": self.url(resource_type, local_id)}

    def add(self, resource: dict[str, Any], local_id: str, *, conditional: str | None = None) -> None:
        full_url = self.url(resource["resourceType"], local_id)
        entry: dict[str, Any] = {"fullUrl": full_url}
        if self.kind == "collection":
            resource = {"resourceType": resource["resourceType"], "id": local_id,
                        **{key: value for key, value in resource.items() if key != "resourceType"}}
            entry["resource"] = resource
        else:
            entry["resource"] = resource
            request = {"method": "POST", "url": resource["resourceType"]}
            if conditional:
                request["ifNoneExist"] = conditional
            entry["request"] = request
        self.entries.append(entry)

    def identifier(self, kind: str, pk: int) -> list[dict[str, str]]:
        return [{"system": identifier_system(kind), "value": str(pk)}]


def _patient(builder: _Builder) -> None:
    user = builder.patient
    profile = PatientProfile.objects.filter(user=user).first()
    full = " ".join(part for part in (user.first_name, user.last_name) if part)
    name: dict[str, Any] = {"use": "usual", "text": full or user.username}
    if user.last_name:
        name["family"] = user.last_name
    if user.first_name:
        name["given"] = [user.first_name]
    resource: dict[str, Any] = {"resourceType": "Patient", "identifier": builder.identifier("patient", user.pk),
                                "active": user.is_active, "name": [name]}
    if profile is not None:
        gender = {"female": "female", "male": "male", "intersex": "other", "unknown": "unknown"}.get(profile.sex)
        if gender:
            resource["gender"] = gender
        if profile.birth_year:
            resource["birthDate"] = f"{profile.birth_year:04d}"
    system = identifier_system("patient")
    builder.add(resource, "patient", conditional=f"identifier={system}|{user.pk}")


def _strength(amount: Decimal | None, per: str) -> dict[str, Any] | None:
    if amount is None:
        return None
    code = "mL" if per == "mL" else "g"
    return {"numerator": codes.quantity(_number(amount), "mg", "mg"),
            "denominator": codes.quantity(1, code, code)}


def _medication(builder: _Builder, product: Product) -> None:
    per = "mL" if product.form in (ProductForm.LIQUID_EXTRACT, ProductForm.SHOT) else "g"
    ingredients = []
    for item, content in ((codes.MITRAGYNINE, product.mitragynine_content),
                          (codes.HYDROXYMITRAGYNINE, product.hydroxymitragynine_content)):
        ingredient: dict[str, Any] = {"itemCodeableConcept": item, "isActive": True}
        strength = _strength(content, per)
        if strength is not None:
            ingredient["strength"] = strength
        ingredients.append(ingredient)
    resource: dict[str, Any] = {
        "resourceType": "Medication", "identifier": builder.identifier("product", product.pk),
        "code": {"text": f"Kratom (Mitragyna speciosa): {product.name}"},
        "form": {"text": ProductForm(product.form).label},
        "ingredient": ingredients,
    }
    if product.vendor:
        resource["manufacturer"] = {"display": product.vendor}
    if product.batch:
        resource["batch"] = {"lotNumber": product.batch}
    builder.add(resource, f"product-{product.pk}")


def _dose(builder: _Builder, dose: Dose) -> None:
    code, shown = codes.DOSE_UCUM[dose.unit]
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement", "identifier": builder.identifier("dose", dose.pk),
        "status": "completed",
        "category": {"coding": [{"system": codes.MED_STATEMENT_CATEGORY, "code": "patientspecified",
                                 "display": "Patient Specified"}]},
        "medicationReference": builder.ref("Medication", f"product-{dose.product_id}"),
        "subject": builder.patient_ref,
        "effectiveDateTime": _moment(dose.taken_at),
        "dateAsserted": _moment(dose.created_at),
        "dosage": [{"text": f"{_number(dose.amount)} {shown}", "route": {"text": "By mouth"},
                    "doseAndRate": [{"doseQuantity": codes.quantity(_number(dose.amount), shown, code)}]}],
    }
    if dose.leaf_equivalent_g is not None:
        resource["extension"] = [{"url": leaf_equivalent_url(),
                                  "valueQuantity": codes.quantity(round(dose.leaf_equivalent_g, 4), "g", "g")}]
    if dose.reason:
        resource["reasonCode"] = [{"text": DoseReason(dose.reason).label}]
    if dose.note:
        resource["note"] = [{"text": dose.note}]
    builder.add(resource, f"dose-{dose.pk}")


def medicine_coding(medication: Medication) -> dict[str, Any]:
    """A medicine as a CodeableConcept: its RxNorm code (as entered, else from Speciosa's checked drug list) and
    the name the patient typed."""
    concept: dict[str, Any] = {"text": medication.name}
    rxnorm = medication.rxnorm
    if not rxnorm:
        drug = drugs.match(medication.name)
        if drug is not None and drug.rxnorm and drug.rxnorm_checked:
            rxnorm = drug.rxnorm
    if rxnorm:
        drug = drugs.match(medication.name, rxnorm)
        display = drug.name if drug is not None and drug.rxnorm == rxnorm else medication.name
        concept["coding"] = [{"system": codes.RXNORM, "code": rxnorm, "display": display}]
    return concept


def _other_medicine(builder: _Builder, medication: Medication, today: dt.date) -> None:
    stopped = medication.stop is not None and medication.stop <= today
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement", "identifier": builder.identifier("medication", medication.pk),
        "status": "completed" if stopped else "active",
        "medicationCodeableConcept": medicine_coding(medication),
        "subject": builder.patient_ref,
        "dateAsserted": _moment(medication.created_at),
    }
    if medication.start or medication.stop:
        resource["effectivePeriod"] = {key: value.isoformat() for key, value in
                                       (("start", medication.start), ("end", medication.stop)) if value}
    if medication.dose_text:
        resource["dosage"] = [{"text": medication.dose_text}]
    builder.add(resource, f"medication-{medication.pk}")


def _lab(builder: _Builder, lab: LabResult) -> None:
    code, shown = codes.LAB_UCUM[lab.unit]
    resource: dict[str, Any] = {
        "resourceType": "Observation", "identifier": builder.identifier("lab", lab.pk), "status": "final",
        "category": [{"coding": [codes.LAB_CATEGORY]}],
        "code": {"coding": [codes.LAB_CODES[lab.code].to_dict()], "text": lab.get_code_display()},
        "subject": builder.patient_ref,
        "effectiveDateTime": _moment(lab.collected_at),
        "valueQuantity": codes.quantity(_number(lab.value), shown, code),
    }
    if lab.uln is not None:
        resource["referenceRange"] = [{"high": codes.quantity(_number(lab.uln), shown, code)}]
    builder.add(resource, f"lab-{lab.pk}")


def _pain(builder: _Builder, checkin: Checkin) -> None:
    if checkin.pain_now is None:
        return
    builder.add({
        "resourceType": "Observation", "identifier": builder.identifier("checkin", checkin.pk), "status": "final",
        "category": [{"coding": [codes.SURVEY_CATEGORY]}],
        "code": {"coding": [codes.PAIN_SEVERITY], "text": "Pain now (0-10)"},
        "subject": builder.patient_ref,
        "effectiveDateTime": _moment(checkin.at),
        "valueQuantity": codes.quantity(checkin.pain_now, "score", "{score}"),
    }, f"pain-{checkin.pk}")


def _questionnaire_url(instrument_id: str) -> str:
    return f"{canonical_base()}/Questionnaire/{instrument_id}"


def _questionnaire(builder: _Builder, instrument_id: str) -> None:
    instrument = instrument_registry.get(instrument_id)
    items = []
    for index, item in enumerate(instrument.items, start=1):
        entry: dict[str, Any] = {"linkId": str(index), "text": item.text, "type": "choice", "required": True,
                                 "answerOption": [{"valueCoding": {"code": str(option.value),
                                                                   "display": option.label}}
                                                  for option in item.options]}
        if item.loinc:
            entry["code"] = [{"system": codes.LOINC, "code": item.loinc}]
        items.append(entry)
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire", "url": _questionnaire_url(instrument.id), "version": instrument.version,
        "name": "".join(part for part in instrument.id.title() if part.isalnum()) or "Questionnaire",
        "title": instrument.title, "status": "active", "subjectType": ["Patient"],
        "description": instrument.purpose, "item": items,
    }
    if instrument.loinc_panel:
        resource["code"] = [{"system": codes.LOINC, "code": instrument.loinc_panel,
                             "display": f"{instrument.short_title} panel"}]
    builder.add(resource, f"questionnaire-{instrument.id}",
                conditional=f"url={_questionnaire_url(instrument.id)}")


def _response(builder: _Builder, response: Response) -> None:
    instrument = instrument_registry.get(response.instrument)
    items = []
    for index, (item, answer) in enumerate(zip(instrument.items, response.answers, strict=False), start=1):
        label = next((option.label for option in item.options if option.value == answer), str(answer))
        items.append({"linkId": str(index), "text": item.text,
                      "answer": [{"valueCoding": {"code": str(answer), "display": label}}]})
    builder.add({
        "resourceType": "QuestionnaireResponse", "identifier": builder.identifier("response", response.pk)[0],
        "questionnaire": f"{_questionnaire_url(instrument.id)}|{response.version}",
        "status": "completed", "subject": builder.patient_ref, "authored": _moment(response.at), "item": items,
    }, f"response-{response.pk}")
    if instrument.loinc_score:
        components = [{"code": {"coding": [{"system": codes.LOINC, "code": item.loinc}], "text": item.text},
                       "valueQuantity": codes.quantity(answer, "score", "{score}")}
                      for item, answer in zip(instrument.items, response.answers, strict=False) if item.loinc]
        observation: dict[str, Any] = {
            "resourceType": "Observation", "identifier": builder.identifier("score", response.pk),
            "status": "final", "category": [{"coding": [codes.SURVEY_CATEGORY]}],
            "code": {"coding": [{"system": codes.LOINC, "code": instrument.loinc_score,
                                 "display": f"{instrument.short_title} score"}], "text": f"{instrument.title} score"},
            "subject": builder.patient_ref, "effectiveDateTime": _moment(response.at),
            "valueQuantity": codes.quantity(_number(response.score), "score", "{score}"),
            "derivedFrom": [builder.ref("QuestionnaireResponse", f"response-{response.pk}")],
        }
        if components:
            observation["component"] = components
        builder.add(observation, f"score-{response.pk}")


_SEVERITY = {"urgent": "high", "warning": "moderate", "info": "low"}


def _alerts(builder: _Builder) -> None:
    details = builder.opened.shows_alert_details
    for alert in alerts_as_shown(alert_history(builder.patient), details=details):
        resource: dict[str, Any] = {
            "resourceType": "DetectedIssue", "identifier": builder.identifier("alert", alert.pk),
            "status": "final", "severity": _SEVERITY[alert.severity],
            "code": {"text": alert.title}, "patient": builder.patient_ref,
            "identifiedDateTime": _moment(alert.first_seen),
        }
        if details:
            resource["detail"] = alert.message
            if alert.evidence:
                resource["evidence"] = [{"code": [{"text": f"{key}: {value}"}]}
                                        for key, value in sorted(alert.evidence.items())]
            if alert.action:
                mitigation: dict[str, Any] = {"action": {"text": alert.action}}
                if alert.acknowledged_at is not None:
                    mitigation["date"] = _moment(alert.acknowledged_at)
                resource["mitigation"] = [mitigation]
        builder.add(resource, f"alert-{alert.pk}")


def _plan(builder: _Builder, version: PlanVersion) -> None:
    goals = []
    limits = ((version.max_daily_leaf_g, "Kratom per day, leaf-equivalent", "g", "g"),
              (version.max_daily_mitragynine_mg, "Mitragynine per day", "mg", "mg"),
              (version.max_doses_per_day, "Kratom doses per day", "dose", "{dose}"))
    for index, (limit, what, unit, code) in enumerate(limits):
        if limit is None:
            continue
        local_id = f"goal-{version.pk}-{index}"
        builder.add({
            "resourceType": "Goal", "lifecycleStatus": "active",
            "description": {"text": f"{what}: no more than {_number(limit)} {unit}"},
            "subject": builder.patient_ref, "startDate": version.effective_from.isoformat(),
            "target": [{"measure": {"text": what}, "detailQuantity": {**codes.quantity(_number(limit), unit, code),
                                                                       "comparator": "<="}}],
        }, local_id)
        goals.append(builder.ref("Goal", local_id))
    activities = [{"detail": {"kind": "ServiceRequest", "code": {"text": CareKind(item.get("kind", "other")).label
                                                                 if item.get("kind") in CareKind.values else "Other"},
                              "status": "in-progress", "description": item.get("goal") or ""}}
                  for item in version.non_drug_care or []]
    for activity in activities:
        if not activity["detail"]["description"]:
            del activity["detail"]["description"]
    resource: dict[str, Any] = {
        "resourceType": "CarePlan", "identifier": builder.identifier("plan-version", version.pk),
        "status": "active", "intent": "plan", "title": f"Treatment plan, version {version.version}",
        "subject": builder.patient_ref, "period": {"start": version.effective_from.isoformat()},
        "created": _moment(version.created_at),
    }
    if version.authored_by is not None:
        resource["author"] = {"display": version.authored_by.get_full_name() or version.authored_by.username}
    if version.note:
        resource["note"] = [{"text": version.note}]
    if goals:
        resource["goal"] = goals
    if activities:
        resource["activity"] = activities
    builder.add(resource, f"plan-{version.pk}")


_CONSENT_STATUS = {ShareStatus.ACTIVE: "active", ShareStatus.INVITED: "proposed", ShareStatus.REVOKED: "inactive",
                   ShareStatus.EXPIRED: "inactive"}


def _consent(builder: _Builder, share: Share, now: dt.datetime) -> None:
    status = share.status_at(now)
    end = share.revoked_at or share.expires_at
    period = {key: _moment(value) for key, value in (("start", share.accepted_at), ("end", end)) if value}
    who = share.clinician
    actor_display = (who.get_full_name() or who.username) if who is not None else (share.invited_email or "invited")
    provision: dict[str, Any] = {
        "type": "permit",
        "actor": [{"role": {"coding": [{"system": codes.PARTICIPATION_TYPE, "code": "IRCP",
                                        "display": "information recipient"}]},
                   "reference": {"display": actor_display}}],
        "action": [{"text": "read"}, *([{"text": "edit the treatment plan"}] if share.can_edit_plan else [])],
        "provision": [{"type": "permit", "code": [{"coding": [{"system": f"{canonical_base()}/CodeSystem/share-scope",
                                                               "code": scope, "display": Scope(scope).label}]}]}
                      for scope in share.scopes if scope in Scope.values],
    }
    if period:
        provision["period"] = period
    builder.add({
        "resourceType": "Consent", "identifier": builder.identifier("share", share.pk),
        "status": _CONSENT_STATUS[status],
        "scope": {"coding": [{"system": codes.CONSENT_SCOPE, "code": "patient-privacy", "display": "Privacy Consent"}]},
        "category": [{"coding": [codes.CONSENT_CATEGORY]}],
        "patient": builder.patient_ref, "dateTime": _moment(share.created_at),
        "policyRule": {"coding": [{"system": codes.ACT_CODE, "code": "OPTIN", "display": "opt-in"}]},
        "provision": provision,
    }, f"share-{share.pk}")


_AUDIT_ACTION = {"read": "R", "write": "U", "export": "R", "share": "U", "delete": "D"}


def _audit(builder: _Builder, entry: AuditEntry) -> None:
    builder.add({
        "resourceType": "AuditEvent",
        "type": {"system": codes.DICOM_DCM, "code": "110110", "display": "Patient Record"},
        "action": _AUDIT_ACTION.get(entry.action, "R"), "recorded": _moment(entry.at),
        "outcome": "0",
        "agent": [{"who": {"display": entry.actor_label}, "requestor": True}],
        "source": {"observer": {"display": "Speciosa"}},
        "entity": [{"what": builder.patient_ref, "description": f"{entry.get_action_display()}: {entry.what}"}],
    }, f"audit-{entry.pk}")


def fhir_bundle(opened: OpenRecord, *, kind: BundleKind = "collection", now: dt.datetime | None = None,
                check: bool = True) -> dict[str, Any]:
    """The patient's record as a FHIR R4 Bundle (JSON-ready dict), holding what ``opened`` lets its viewer see.

    ``kind="transaction"`` gives every entry a ``request`` (POST; conditional for the Patient and Questionnaires)
    so an EHR can store it in one go. With ``check`` the Bundle is validated against the fhir.resources models
    (raises pydantic's ValidationError on a fault: a bug, never bad input). A fixed number of queries.
    """
    now = now or timezone.now()
    builder = _Builder(opened, kind)
    patient = opened.patient
    own = opened.share is None
    _patient(builder)
    products = list(Product.objects.of(patient).order_by("id"))
    for product in products:
        _medication(builder, product)
    for dose in Dose.objects.of(patient).order_by("taken_at", "id"):
        _dose(builder, dose)
    today = today_of(patient, now)
    version = plan_in_force(patient, on=today)
    if version is not None:
        _plan(builder, version)
    if opened.shows(Scope.MEDICAL):
        for medication in Medication.objects.of(patient).order_by("id"):
            _other_medicine(builder, medication, today)
        for lab in LabResult.objects.of(patient).order_by("collected_at", "id"):
            _lab(builder, lab)
    if opened.shows(Scope.CHECKINS):
        for checkin in Checkin.objects.of(patient).order_by("at", "id"):
            _pain(builder, checkin)
        responses = list(Response.objects.of(patient).order_by("at", "id"))
        for instrument_id in sorted({response.instrument for response in responses}):
            _questionnaire(builder, instrument_id)
        for response in responses:
            _response(builder, response)
    _alerts(builder)
    if own:
        for share in Share.objects.filter(patient=patient).select_related("clinician").order_by("id"):
            _consent(builder, share, now)
        for entry in AuditEntry.objects.filter(patient=patient).order_by("at", "id"):
            _audit(builder, entry)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle", "type": kind,
        "identifier": {"system": identifier_system("export"), "value": str(uuid.uuid4())},
        "timestamp": _moment(now), "entry": builder.entries,
    }
    if check:
        Bundle.model_validate(bundle)
    return bundle


_DEFINITIONS = Path(__file__).resolve().parent / "definitions"
DEFINITIONS = ("leaf-equivalent",)


def structure_definition(name: str) -> dict[str, Any]:
    """One of Speciosa's published StructureDefinitions, with this installation's canonical URL filled in.
    Raises KeyError for an unknown name."""
    if name not in DEFINITIONS:
        raise KeyError(name)
    text = (_DEFINITIONS / f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text.replace("{base}", canonical_base()))
