"""The patient snapshot (``speciosa.snapshot/1``): the core's whole input, and a public file format.

Parsed from JSON into frozen dataclasses; a missing required field or a wrong type raises InputError naming the field
(``doses[3].unit``). Unknown fields are ignored, so newer writers can add fields without breaking older readers.
Every dose is normalised on parsing (speciosa.core.units), so rules read leaf-equivalent grams directly.

Plans: ``plan`` is the plan in force at ``as_of`` (null or absent: none). The optional ``plans`` list gives the plans
in force over time, each with its ``effective_from`` date (no two on one date); a rule that judges a past day uses the
one in force on that day (``Snapshot.plan_on``). Without ``plans``, ``plan`` applies to every day, as it always did;
with ``plans`` and no ``plan``, ``plan`` is the entry in force on the ``as_of`` day. A plan may carry a ``titration``
schedule (``start_g``, ``step_g``, ``interval_days``, ``ceiling_g``, ``starts_on``, see speciosa.core.titration), from
which each day's leaf limit is computed, and ``daily_limit_g``, the limit on the ``as_of`` day as the writer computed
it (used as a flat limit only when there is no schedule).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from speciosa.core.errors import InputError
from speciosa.core.safety.registry import check_settings
from speciosa.core.titration import Titration, leaf_limit_on, parse_titration
from speciosa.core.units import Basis, Form, NormalisedDose, ProductFacts, Unit, check_number, normalise_dose

SCHEMA = "speciosa.snapshot/1"
LAB_CODES = ("ALT", "AST", "ALP", "TBIL", "GGT", "INR")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Patient:
    birth_year: int | None = None
    sex: str | None = None
    weight_kg: float | None = None
    pregnant: bool = False
    breastfeeding: bool = False
    jurisdiction: str | None = None
    time_zone: str | None = None
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: str
    form: Form
    unit_mass_g: float | None
    mitragynine_mg_per_g: float | None  # per ml for liquid forms
    hydroxymitragynine_mg_per_g: float | None
    lab_tested: bool

    def facts(self) -> ProductFacts:
        return ProductFacts(form=self.form, unit_mass_g=self.unit_mass_g,
                            mitragynine_content=self.mitragynine_mg_per_g,
                            hydroxymitragynine_content=self.hydroxymitragynine_mg_per_g,
                            content_basis=Basis.LAB if self.lab_tested else Basis.LABEL)


@dataclass(frozen=True, slots=True)
class Dose:
    taken_at: dt.datetime
    product: str
    amount: float
    unit: Unit
    normalised: NormalisedDose


@dataclass(frozen=True, slots=True)
class Medication:
    name: str
    rxnorm: str | None = None
    start: dt.date | None = None
    stop: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.stop is None or day <= self.stop)


@dataclass(frozen=True, slots=True)
class Lab:
    collected_at: dt.datetime
    code: str
    value: float
    unit: str
    uln: float | None

    @property
    def times_uln(self) -> float | None:
        return None if self.uln is None else self.value / self.uln


@dataclass(frozen=True, slots=True)
class Checkin:
    at: dt.datetime
    pain: float | None = None
    symptoms: Mapping[str, int] = field(default_factory=dict)
    withdrawal: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    instrument: str
    at: dt.datetime
    answers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    max_daily_leaf_g: float | None = None
    max_daily_mitragynine_mg: float | None = None
    max_doses_per_day: int | None = None
    lab_interval_days: int | None = None
    settings: Mapping[str, float] = field(default_factory=dict)  # rule thresholds the clinician set
    titration: Titration | None = None
    daily_limit_g: float | None = None  # the leaf limit on the as_of day, as the writer computed it
    effective_from: dt.date | None = None  # required in ``plans``; optional in ``plan``

    @property
    def has_dose_limits(self) -> bool:
        return any(limit is not None for limit in (self.max_daily_leaf_g, self.max_daily_mitragynine_mg,
                                                    self.max_doses_per_day, self.titration, self.daily_limit_g))

    def leaf_limit_on(self, day: dt.date) -> float | None:
        """The leaf-equivalent limit on ``day``: the titration step capped by the maximum when there is a schedule;
        else the lower of ``max_daily_leaf_g`` and ``daily_limit_g`` (a flat limit when no schedule is given)."""
        if self.titration is not None:
            return leaf_limit_on(day, max_daily_leaf_g=self.max_daily_leaf_g, titration=self.titration)
        limits = [limit for limit in (self.max_daily_leaf_g, self.daily_limit_g) if limit is not None]
        return min(limits) if limits else None


@dataclass(frozen=True, slots=True)
class Snapshot:
    as_of: dt.datetime
    patient: Patient
    products: Mapping[str, Product]
    doses: tuple[Dose, ...]  # oldest first
    medications: tuple[Medication, ...]
    labs: tuple[Lab, ...]  # oldest first
    checkins: tuple[Checkin, ...]  # oldest first
    questionnaires: tuple[Questionnaire, ...]  # oldest first
    plan: Plan | None  # the plan in force at as_of
    plans: tuple[Plan, ...] = ()  # the plans in force over time, by effective_from; empty: ``plan`` on every day

    def plan_on(self, day: dt.date) -> Plan | None:
        """The plan in force on ``day``: from ``plans`` the one with the latest ``effective_from`` on or before it
        (None before the first), or, when the snapshot has no ``plans``, ``plan`` on every day."""
        if not self.plans:
            return self.plan
        index = bisect.bisect_right(self.plans, day, key=_effective_from)
        return self.plans[index - 1] if index else None

    @property
    def zone(self) -> dt.tzinfo:
        """The zone calendar days are counted in: the patient's, else the offset of ``as_of``."""
        if self.patient.time_zone:
            return zoneinfo.ZoneInfo(self.patient.time_zone)
        assert self.as_of.tzinfo is not None
        return self.as_of.tzinfo

    def local_day(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.zone).date()

    @property
    def today(self) -> dt.date:
        return self.local_day(self.as_of)


# --- parsing -----------------------------------------------------------------------------------------------------

def parse_snapshot(data: Any) -> Snapshot:
    """A Snapshot from decoded JSON. Raises InputError naming the first bad field."""
    obj = _object(data, "")
    schema = _require(obj, "schema", "")
    if schema != SCHEMA:
        raise InputError("schema", f"expected {SCHEMA!r}, got {schema!r}")
    as_of = _moment(_require(obj, "as_of", ""), "as_of")
    patient = _patient(_object(_require(obj, "patient", ""), "patient"))
    products_list = _items(obj, "products", _product)
    products: dict[str, Product] = {}
    for index, product in enumerate(products_list):
        if product.id in products:
            raise InputError(f"products[{index}].id", f"duplicate product id {product.id!r}")
        products[product.id] = product
    doses = _items(obj, "doses", lambda item, path: _dose(item, path, products))
    snapshot = Snapshot(
        as_of=as_of,
        patient=patient,
        products=products,
        doses=tuple(sorted(doses, key=lambda d: d.taken_at)),
        medications=tuple(_items(obj, "medications", _medication)),
        labs=tuple(sorted(_items(obj, "labs", _lab), key=lambda lab: lab.collected_at)),
        checkins=tuple(sorted(_items(obj, "checkins", _checkin), key=lambda c: c.at)),
        questionnaires=tuple(sorted(_items(obj, "questionnaires", _questionnaire), key=lambda q: q.at)),
        plan=_plan(obj.get("plan"), "plan"),
        plans=_plans(obj.get("plans")),
    )
    if snapshot.plan is None and snapshot.plans:
        snapshot = dataclasses.replace(snapshot, plan=snapshot.plan_on(snapshot.today))
    return snapshot


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(path, f"expected an object, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list",
            type(None): "null"}.get(type(value), type(value).__name__)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _require(obj: Mapping[str, Any], name: str, path: str) -> Any:
    if name not in obj:
        raise InputError(_join(path, name), "is required")
    return obj[name]


def _items(obj: Mapping[str, Any], name: str, parse: Callable[[Any, str], T]) -> list[T]:
    value = _require(obj, name, "")
    if not isinstance(value, list):
        raise InputError(name, f"expected a list, got {_kind(value)}")
    return [parse(item, f"{name}[{index}]") for index, item in enumerate(value)]


def _text(value: Any, path: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not value and not optional):
        raise InputError(path, f"expected text, got {_kind(value)}")
    if "\x00" in value:
        raise InputError(path, "contains a NUL character")
    return value


def _number(value: Any, path: str, *, optional: bool = False, minimum: float | None = None) -> float | None:
    if value is None and optional:
        return None
    return check_number(value, path, minimum=minimum)


def _flag(value: Any, path: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(path, f"expected true or false, got {_kind(value)}")
    return value


def _moment(value: Any, path: str) -> dt.datetime:
    text = _text(value, path)
    assert text is not None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(path, f"{text!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise InputError(path, f"{text!r} needs a time zone offset")
    return moment


def _date(value: Any, path: str) -> dt.date | None:
    if value is None:
        return None
    text = _text(value, path)
    assert text is not None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(path, f"{text!r} is not an ISO 8601 date (YYYY-MM-DD)") from None


def _patient(obj: Mapping[str, Any]) -> Patient:
    zone = _text(obj.get("time_zone"), "patient.time_zone", optional=True)
    if zone is not None:
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise InputError("patient.time_zone", f"{zone!r} is not an IANA time zone") from None
    conditions = obj.get("conditions") or []
    if not isinstance(conditions, list):
        raise InputError("patient.conditions", f"expected a list, got {_kind(conditions)}")
    birth_year = _number(obj.get("birth_year"), "patient.birth_year", optional=True)
    return Patient(
        birth_year=None if birth_year is None else int(birth_year),
        sex=_text(obj.get("sex"), "patient.sex", optional=True),
        weight_kg=_number(obj.get("weight_kg"), "patient.weight_kg", optional=True, minimum=0),
        pregnant=_flag(obj.get("pregnant"), "patient.pregnant"),
        breastfeeding=_flag(obj.get("breastfeeding"), "patient.breastfeeding"),
        jurisdiction=_text(obj.get("jurisdiction"), "patient.jurisdiction", optional=True),
        time_zone=zone,
        conditions=tuple(str(_text(item, f"patient.conditions[{i}]")) for i, item in enumerate(conditions)),
    )


def _product(item: Any, path: str) -> Product:
    obj = _object(item, path)
    form_text = str(_text(_require(obj, "form", path), f"{path}.form"))
    try:
        form = Form(form_text)
    except ValueError:
        raise InputError(f"{path}.form", f"unknown form {form_text!r}; expected one of "
                                         f"{', '.join(f.value for f in Form)}") from None
    return Product(
        id=str(_text(_require(obj, "id", path), f"{path}.id")),
        name=_text(obj.get("name"), f"{path}.name", optional=True) or str(obj["id"]),
        form=form,
        unit_mass_g=_number(obj.get("unit_mass_g"), f"{path}.unit_mass_g", optional=True, minimum=0),
        mitragynine_mg_per_g=_number(obj.get("mitragynine_mg_per_g"), f"{path}.mitragynine_mg_per_g",
                                     optional=True, minimum=0),
        hydroxymitragynine_mg_per_g=_number(obj.get("hydroxymitragynine_mg_per_g"),
                                            f"{path}.hydroxymitragynine_mg_per_g", optional=True, minimum=0),
        lab_tested=_flag(obj.get("lab_tested"), f"{path}.lab_tested"),
    )


def _dose(item: Any, path: str, products: Mapping[str, Product]) -> Dose:
    obj = _object(item, path)
    product_id = str(_text(_require(obj, "product", path), f"{path}.product"))
    if product_id not in products:
        raise InputError(f"{path}.product", f"no product with id {product_id!r} in products")
    amount = _require(obj, "amount", path)
    unit = _require(obj, "unit", path)
    try:
        normalised = normalise_dose(products[product_id].facts(), amount, unit)
    except InputError as error:
        if error.field.startswith("product."):
            index = list(products).index(product_id)
            raise InputError(f"products[{index}].{error.field.removeprefix('product.')}", error.message) from None
        raise error.within(path) from None
    return Dose(taken_at=_moment(_require(obj, "taken_at", path), f"{path}.taken_at"), product=product_id,
                amount=float(amount), unit=Unit(unit), normalised=normalised)


def _medication(item: Any, path: str) -> Medication:
    obj = _object(item, path)
    rxnorm = obj.get("rxnorm")
    if isinstance(rxnorm, int) and not isinstance(rxnorm, bool):
        rxnorm = str(rxnorm)
    return Medication(
        name=str(_text(_require(obj, "name", path), f"{path}.name")),
        rxnorm=_text(rxnorm, f"{path}.rxnorm", optional=True),
        start=_date(obj.get("start"), f"{path}.start"),
        stop=_date(obj.get("stop"), f"{path}.stop"),
    )


def _lab(item: Any, path: str) -> Lab:
    obj = _object(item, path)
    code = _text(_require(obj, "code", path), f"{path}.code")
    if code not in LAB_CODES:
        raise InputError(f"{path}.code", f"unknown lab code {code!r}; expected one of {', '.join(LAB_CODES)}")
    uln = _number(obj.get("uln"), f"{path}.uln", optional=True, minimum=0)
    if code != "INR" and (uln is None or uln <= 0):
        raise InputError(f"{path}.uln", f"{code} needs its upper limit of normal (a positive number)")
    value = _number(_require(obj, "value", path), f"{path}.value", minimum=0)
    assert value is not None
    return Lab(collected_at=_moment(_require(obj, "collected_at", path), f"{path}.collected_at"), code=str(code),
               value=value, unit=_text(obj.get("unit"), f"{path}.unit", optional=True) or "", uln=uln)


def _grades(value: Any, path: str) -> dict[str, int]:
    if value is None:
        return {}
    obj = _object(value, path)
    grades: dict[str, int] = {}
    for name, grade in obj.items():
        number = check_number(grade, f"{path}.{name}", minimum=0, maximum=4)
        grades[str(name)] = int(number)
    return grades


def _checkin(item: Any, path: str) -> Checkin:
    obj = _object(item, path)
    pain = _number(obj.get("pain"), f"{path}.pain", optional=True, minimum=0)
    if pain is not None and pain > 10:
        raise InputError(f"{path}.pain", "must be from 0 to 10")
    return Checkin(at=_moment(_require(obj, "at", path), f"{path}.at"), pain=pain,
                   symptoms=_grades(obj.get("symptoms"), f"{path}.symptoms"),
                   withdrawal=_grades(obj.get("withdrawal"), f"{path}.withdrawal"))


def _questionnaire(item: Any, path: str) -> Questionnaire:
    obj = _object(item, path)
    answers = _require(obj, "answers", path)
    if not isinstance(answers, list):
        raise InputError(f"{path}.answers", f"expected a list, got {_kind(answers)}")
    checked = tuple(int(check_number(a, f"{path}.answers[{i}]", minimum=0)) for i, a in enumerate(answers))
    return Questionnaire(instrument=str(_text(_require(obj, "instrument", path), f"{path}.instrument")),
                         at=_moment(_require(obj, "at", path), f"{path}.at"), answers=checked)


def _plan(value: Any, path: str, *, dated: bool = False) -> Plan | None:
    if value is None:
        return None
    obj = _object(value, path)

    def positive(name: str) -> float | None:
        return _number(obj.get(name), f"{path}.{name}", optional=True, minimum=0)

    def whole(name: str) -> int | None:
        number = positive(name)
        return None if number is None else int(number)

    settings = obj.get("settings") or {}
    settings_obj = _object(settings, f"{path}.settings")
    check_settings(settings_obj, f"{path}.settings")  # known rule thresholds must be numbers within their range
    effective_from = _date(obj.get("effective_from"), f"{path}.effective_from")
    if dated and effective_from is None:
        raise InputError(f"{path}.effective_from", "is required")
    return Plan(
        max_daily_leaf_g=positive("max_daily_leaf_g"),
        max_daily_mitragynine_mg=positive("max_daily_mitragynine_mg"),
        max_doses_per_day=whole("max_doses_per_day"),
        lab_interval_days=whole("lab_interval_days"),
        settings={str(k): check_number(v, f"{path}.settings.{k}") for k, v in settings_obj.items()},
        titration=parse_titration(obj.get("titration"), f"{path}.titration"),
        daily_limit_g=positive("daily_limit_g"),
        effective_from=effective_from,
    )


def _plans(value: Any) -> tuple[Plan, ...]:
    """The optional ``plans`` list: each with its ``effective_from``, no two on the same date."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("plans", f"expected a list, got {_kind(value)}")
    plans: list[Plan] = []
    seen: set[dt.date] = set()
    for index, item in enumerate(value):
        plan = _plan(_object(item, f"plans[{index}]"), f"plans[{index}]", dated=True)
        assert plan is not None and plan.effective_from is not None
        if plan.effective_from in seen:
            raise InputError(f"plans[{index}].effective_from",
                             f"another plan in the list is already in force from {plan.effective_from.isoformat()}")
        seen.add(plan.effective_from)
        plans.append(plan)
    return tuple(sorted(plans, key=_effective_from))


def _effective_from(plan: Plan) -> dt.date:
    assert plan.effective_from is not None
    return plan.effective_from
