"""Writing plans: a clinician publishes a version, the patient acknowledges it. Nothing else changes a plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.accounts.queries import today_of
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.access import can_access
from speciosa.clinic.enums import Scope
from speciosa.core.errors import ErrorCollector, InputError
from speciosa.core.text import clean_text
from speciosa.core.titration import Titration, parse_titration
from speciosa.core.units import check_number
from speciosa.lib.signals import patient_record_changed
from speciosa.plans.enums import CareKind, Frequency
from speciosa.plans.models import Plan, PlanVersion

PLAN_FIELDS = ("max_daily_leaf_g", "max_daily_mitragynine_mg", "max_doses_per_day", "titration", "lab_interval_days",
               "instrument_schedule", "non_drug_care", "review_on", "effective_from", "note")
# Far above any amount studied: surveys link about 15 g of leaf a day with more dependence and withdrawal (DOSE_HIGH's
# sources), and few regular users report more than 30 g. A limit above this is a typing slip, not a plan.
MAX_LEAF_G = 50.0
MAX_MITRAGYNINE_MG = 1000.0  # 50 g of leaf at a high 20 mg/g
MAX_DOSES = 12
LAB_INTERVAL_DAYS = (7, 730)
MAX_CARE_GOALS = 12
GOAL_LENGTH = 300
FALLBACK_INSTRUMENTS = ("nrs", "peg", "phq4", "sows", "dsm5-kud")
# The schedules a new version keeps from the version it replaces unless the clinician says otherwise: dropping one
# silently (a questionnaire nobody asked to stop) is the mistake an editor must not make.
KEPT_FIELDS = ("instrument_schedule", "non_drug_care", "titration")


def instrument_titles() -> dict[str, str]:
    """Instrument id -> short title, for the ids a schedule may name (the core's registry)."""
    try:
        from speciosa.core.instruments import all_instruments
    except ImportError:  # the registry is optional to this app; the ids it must know are fixed
        return {instrument: instrument for instrument in FALLBACK_INSTRUMENTS}
    return {instrument.id: instrument.short_title for instrument in all_instruments()}


def known_instruments() -> tuple[str, ...]:
    """The instrument ids a schedule may name."""
    return tuple(instrument_titles())


def _number(value: Any, field: str, *, maximum: float, too_much: str, whole: bool = False,
            minimum: float = 0) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        value = float(value)
    number = check_number(value, field, minimum=minimum, exclusive_minimum=minimum == 0)
    if number > maximum:
        raise InputError(field, too_much)
    if whole and number != int(number):
        raise InputError(field, "expected a whole number")
    return number


def _date(value: Any, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InputError(field, "expected a date (YYYY-MM-DD)")
    return value


def _schedule(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError("instrument_schedule", "expected an object of instrument: frequency")
    known = known_instruments()
    schedule: dict[str, str] = {}
    problems = ErrorCollector()
    for instrument, frequency in value.items():
        if instrument not in known:
            problems.add(f"instrument_schedule.{str(instrument)[:40]}",
                         f"unknown instrument; expected one of {', '.join(known)}")
        elif frequency not in Frequency.values:
            problems.add(f"instrument_schedule.{instrument}",
                         f"unknown frequency {str(frequency)[:40]!r}; expected one of {', '.join(Frequency.values)}")
        else:
            schedule[instrument] = frequency
    problems.raise_any()
    return schedule


def _goal(item: Any, path: str) -> dict[str, str]:
    if not isinstance(item, dict):
        raise InputError(path, "expected an object with kind and goal")
    unknown = set(item) - {"kind", "goal"}
    if unknown:
        raise InputError(f"{path}.{sorted(unknown)[0]}", "unknown field")
    problems = ErrorCollector()
    if item.get("kind") not in CareKind.values:
        problems.add(f"{path}.kind", f"expected one of {', '.join(CareKind.values)}")
    goal = problems.check(lambda: clean_text(item.get("goal"), f"{path}.goal", max_length=GOAL_LENGTH, required=True))
    problems.raise_any()
    return {"kind": item["kind"], "goal": str(goal)}


def _care(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError("non_drug_care", "expected a list of {kind, goal}")
    if len(value) > MAX_CARE_GOALS:
        raise InputError("non_drug_care", f"at most {MAX_CARE_GOALS} goals")
    problems = ErrorCollector()
    goals = []
    for index, item in enumerate(value):
        goal = problems.check(lambda: _goal(item, f"non_drug_care[{index}]"))  # noqa: B023 (called at once)
        if goal is not None:
            goals.append(goal)
    problems.raise_any()
    return goals


def _effective_from(value: Any, today: dt.date) -> dt.date:
    effective_from = _date(value, "effective_from") or today
    if effective_from < today:
        raise InputError("effective_from", "cannot be before today: a new version cannot change days that passed")
    if effective_from > today + dt.timedelta(days=366):
        raise InputError("effective_from", "must be within a year from today")
    return effective_from


def _review_on(value: Any, effective_from: dt.date) -> dt.date | None:
    review_on = _date(value, "review_on")
    if review_on is not None and review_on < effective_from:
        # Most often the version in force's review date, which has passed: the editor starts from it.
        raise InputError("review_on", f"is before the day this version takes effect ({effective_from.isoformat()}): "
                                      "set the next review date, or clear it")
    if review_on is not None and review_on > effective_from + dt.timedelta(days=731):
        raise InputError("review_on", "must be within two years of the day the plan takes effect")
    return review_on


def _titration(value: Any, *, leaf: float | None, leaf_refused: bool, effective_from: dt.date) -> Titration | None:
    raw = value or None
    if isinstance(raw, dict):  # form fields arrive as Decimal; the core takes plain numbers
        raw = {k: float(v) if isinstance(v, Decimal) else v for k, v in raw.items()}
    titration = parse_titration(raw, "titration", maximum_g=MAX_LEAF_G)
    if titration is None:
        return None
    problems = ErrorCollector()
    if leaf is None and not leaf_refused:
        problems.add("max_daily_leaf_g", "is required with a titration schedule: the schedule stays under it")
    if leaf is not None and titration.ceiling_g > leaf:
        problems.add("titration.ceiling_g", f"must be at most the plan's maximum daily amount ({leaf:g} g)")
    if abs(titration.starts_on - effective_from).days > 731:
        problems.add("titration.starts_on", "must be within two years of the day the plan takes effect")
    problems.raise_any()
    return titration


def clean_plan(values: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """The fields of a new version, checked; ``today`` is the patient's.

    Every field is checked, so one refusal names every bad field: InputError for one, InputErrors for several (in
    the order of PLAN_FIELDS). A check that needs another field (the titration under the daily maximum) is skipped
    when that field was refused, rather than repeating its error.
    """
    problems = ErrorCollector()
    for name in sorted(set(values) - set(PLAN_FIELDS)):
        problems.add(name, "unknown field")
    problems.raise_any()
    leaf = problems.check(lambda: _number(
        values.get("max_daily_leaf_g"), "max_daily_leaf_g", maximum=MAX_LEAF_G,
        too_much=f"more than {MAX_LEAF_G:g} g of leaf-equivalent a day is far above any amount studied; "
                 "check the number"))
    mitragynine = problems.check(lambda: _number(
        values.get("max_daily_mitragynine_mg"), "max_daily_mitragynine_mg", maximum=MAX_MITRAGYNINE_MG,
        too_much=f"more than {MAX_MITRAGYNINE_MG:g} mg of mitragynine a day is far above any amount studied; "
                 "check the number"))
    doses = problems.check(lambda: _number(values.get("max_doses_per_day"), "max_doses_per_day", maximum=MAX_DOSES,
                                           whole=True, too_much=f"must be at most {MAX_DOSES} doses a day"))
    effective_from = problems.check(lambda: _effective_from(values.get("effective_from"), today))
    # A refused start date still lets the fields that depend on it be checked against today.
    starts = effective_from or today
    leaf_refused = problems.failed("max_daily_leaf_g")
    titration = problems.check(lambda: _titration(values.get("titration"), leaf=leaf, leaf_refused=leaf_refused,
                                                  effective_from=starts))
    interval = problems.check(lambda: _number(
        values.get("lab_interval_days"), "lab_interval_days", maximum=LAB_INTERVAL_DAYS[1], whole=True,
        minimum=LAB_INTERVAL_DAYS[0], too_much=f"must be at most {LAB_INTERVAL_DAYS[1]} days (two years)"))
    schedule = problems.check(lambda: _schedule(values.get("instrument_schedule")))
    care = problems.check(lambda: _care(values.get("non_drug_care")))
    review_on = problems.check(lambda: _review_on(values.get("review_on"), starts))
    note = problems.check(lambda: clean_text(values.get("note"), "note", max_length=4000))
    problems.raise_any()
    return {
        "max_daily_leaf_g": None if leaf is None else Decimal(str(round(leaf, 2))),
        "max_daily_mitragynine_mg": None if mitragynine is None else Decimal(str(round(mitragynine, 1))),
        "max_doses_per_day": None if doses is None else int(doses),
        "titration": None if titration is None else titration.to_dict(),
        "lab_interval_days": None if interval is None else int(interval),
        "instrument_schedule": schedule or {},
        "non_drug_care": care or [],
        "review_on": review_on,
        "effective_from": effective_from,
        "note": note,
    }


def with_kept_schedules(fields: dict[str, Any], replaced: PlanVersion | None) -> dict[str, Any]:
    """``fields`` with each of KEPT_FIELDS the caller left out taken from ``replaced`` (the version in force when
    the new one takes effect), so a new version never drops a schedule nobody removed. A value given, even an empty
    one (``{}``, ``[]``, ``None``), replaces it."""
    if replaced is None:
        return fields
    kept = {name: getattr(replaced, name) for name in KEPT_FIELDS if name not in fields}
    return {**kept, **fields}


def draft_plan(patient: User, *, keep_unsent_schedules: bool = False, **fields: Any) -> PlanVersion:
    """The version ``publish_plan`` would store, checked but not saved (the editor's preview): numbered after the
    last version; with ``keep_unsent_schedules``, the schedules the caller left out are kept from the version it
    replaces (with_kept_schedules). Raises InputError or InputErrors for bad fields. Reads only; writes nothing."""
    today = today_of(patient)
    if keep_unsent_schedules:
        effective_from = fields.get("effective_from")
        on = effective_from if isinstance(effective_from, dt.date) and effective_from >= today else today
        # The version in force on that day (speciosa.plans.queries.plan_in_force; domain and queries stay apart).
        replaced = PlanVersion.objects.filter(patient=patient, effective_from__lte=on).order_by("-version").first()
        fields = with_kept_schedules(fields, replaced)
    values = clean_plan(fields, today=today)
    last = PlanVersion.objects.filter(patient=patient).order_by("-version").values_list("version", flat=True).first()
    return PlanVersion(patient=patient, version=(last or 0) + 1, **values)


def may_edit_plan(clinician: User, patient: User) -> bool:
    """Only a clinician the patient allowed to edit their plan (a share with the diary and "may edit the plan")."""
    return (clinician.is_authenticated and clinician.role == Role.CLINICIAN and patient.is_patient
            and can_access(clinician, patient, Scope.DIARY, write=True))


@transaction.atomic
def publish_plan(patient: User, *, by: User, request: HttpRequest | None = None, keep_unsent_schedules: bool = False,
                 **fields: Any) -> PlanVersion:
    """Publishes a new version of the patient's plan, numbered after the last one.

    Side effects: creates the patient's Plan on the first version; adds the audit entry (a write by ``by``); sends
    ``patient_record_changed`` so the safety engine judges the days ahead against the new version. Raises
    PermissionDenied unless ``by`` may edit this patient's plan, InputError (InputErrors for several) for bad fields
    (nothing is stored). With ``keep_unsent_schedules`` (the API), a schedule left out of ``fields`` (KEPT_FIELDS:
    questionnaires, non-drug care, titration) is kept from the version in force on the new version's first day and
    an empty value removes it; without it, every field left out is "none" (the editor sends every field, pre-filled
    from the version in force).
    """
    if not may_edit_plan(by, patient):
        raise PermissionDenied("you may not edit this patient's plan")
    draft = draft_plan(patient, keep_unsent_schedules=keep_unsent_schedules, **fields)
    values = {name: getattr(draft, name) for name in PLAN_FIELDS}
    plan, _ = Plan.objects.get_or_create(patient=patient)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # numbers versions one at a time
    last = plan.versions.order_by("-version").values_list("version", flat=True).first() or 0
    version = PlanVersion.objects.create(plan=plan, patient=patient, version=last + 1, authored_by=by, **values)
    record_access(actor=by, patient=patient, action=Action.WRITE, what=f"treatment plan version {version.version}",
                  request=request)
    patient_record_changed.send(sender=PlanVersion, patient=patient, kind="planversion")
    return version


@transaction.atomic
def acknowledge_plan(version: PlanVersion, *, by: User) -> PlanVersion:
    """The patient says they have read this version. Acknowledging twice keeps the first time.

    Side effects: sets ``acknowledged_at``; sends ``patient_record_changed``. Raises PermissionDenied for anyone but
    the version's patient.
    """
    if by.pk != version.patient_id:
        raise PermissionDenied("only the patient acknowledges their plan")
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.acknowledged_at is None:
        version.acknowledged_at = timezone.now()
        version.save(update_fields=["acknowledged_at"])
        patient_record_changed.send(sender=PlanVersion, patient=by, kind="planversion")
    return version
