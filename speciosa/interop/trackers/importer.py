"""Importing another tracker's CSV into a patient's diary: a preview that stores nothing, then the commit.

Both run the same plan: read the file with a preset or a column mapping (times in the patient's own zone unless the
file gives an offset), check every entry with the diary's own rules, recognise what is already in the diary (so
importing the same file twice adds nothing) and what repeats inside the file, and list every row left out with its
line number and why. The commit stores the whole plan in one transaction, with the products it needs, or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.errors import InputError
from speciosa.diary.domain import create_product
from speciosa.diary.domain.bulk import check_checkin, check_dose, save_records
from speciosa.diary.enums import ContentBasis
from speciosa.diary.models import Checkin, Dose, Product
from speciosa.interop.trackers.presets import ColumnMapping, preset
from speciosa.interop.trackers.reading import CheckinEntry, DoseEntry, Skipped, read_table

PREVIEW_ROWS = 50  # entries the preview lists one by one (all are counted)
_CHECKIN_FIELDS = ("pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function", "side_effects",
                   "withdrawal", "note")


@dataclass
class ImportPlan:
    """What an import would store (or stored), and what it leaves out."""

    source: str
    rows_read: int
    doses: list[Dose] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    new_products: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: int = 0  # of the skipped rows, those already in the diary or repeated in the file
    zone: str = "UTC"
    committed: bool = False

    @property
    def records(self) -> list[Dose | Checkin]:
        return [*self.doses, *self.checkins]

    def lines(self, zone: dt.tzinfo, limit: int = PREVIEW_ROWS) -> list[str]:
        """The first ``limit`` entries, oldest first, in plain words."""
        found = sorted(self.records, key=_moment_of)[:limit]
        return [describe(record, zone) for record in found]

    def to_dict(self, zone: dt.tzinfo) -> dict[str, Any]:
        return {
            "source": self.source, "committed": self.committed, "time_zone": self.zone, "rows_read": self.rows_read,
            "doses": len(self.doses), "checkins": len(self.checkins), "new_products": list(self.new_products),
            "duplicates": self.duplicates,
            "skipped": [{"line": row.line, "reason": row.reason} for row in self.skipped],
            "first_entries": self.lines(zone),
        }


def _moment_of(record: Dose | Checkin) -> dt.datetime:
    return record.taken_at if isinstance(record, Dose) else record.at


def describe(record: Dose | Checkin, zone: dt.tzinfo) -> str:
    when = _moment_of(record).astimezone(zone).strftime("%-d %b %Y %H:%M")
    if isinstance(record, Dose):
        return f"{when}: {float(record.amount):g} {record.unit} of {record.product.name}"
    parts = [f"{name.replace('_', ' ')} {getattr(record, name)}" for name in _CHECKIN_FIELDS[:6]
             if getattr(record, name) is not None]
    parts += [f"{name.replace('_', ' ')} ({grade})" for name, grade in {**record.side_effects,
                                                                        **record.withdrawal}.items()]
    if record.note:
        parts.append("a note")
    return f"{when}: check-in, " + ", ".join(parts)


def _reason(error: InputError) -> str:
    name = {"taken_at": "time", "at": "time"}.get(error.field, error.field.replace("_", " "))
    return f"{name}: {error.message}" if name else error.message


def _amount_key(amount: Any) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.001"))


def plan_import(patient: User, content: bytes | str, *, preset_id: str | None = None,
                mapping: ColumnMapping | None = None, now: dt.datetime | None = None) -> ImportPlan:
    """What importing ``content`` (with the preset ``preset_id``, or the column ``mapping``) would store.

    Stores nothing. Raises InputError naming ``file``, ``preset`` or ``mapping.<field>`` when the file as a whole
    cannot be read; a single bad row is listed in ``skipped`` with its line and reason instead.
    """
    if (preset_id is None) == (mapping is None):
        raise InputError("preset", "choose a preset or map the columns yourself (one of the two)")
    if not patient.is_patient:
        raise InputError("user", "only a patient has a diary to import into")
    zone = zone_of(patient)
    now = now or timezone.now()
    table = read_table(content)
    if mapping is not None:
        source, entries = "your column mapping", mapping.read(table, zone)
    else:
        chosen = preset(preset_id)
        source, entries = chosen.name, chosen.read(table, zone)
    plan = ImportPlan(source=source, rows_read=len(table.rows), zone=str(zone))
    _plan_doses(patient, [entry for entry in entries if isinstance(entry, DoseEntry)], plan, now)
    _plan_checkins(patient, [entry for entry in entries if isinstance(entry, CheckinEntry)], plan, now)
    plan.skipped += [entry for entry in entries if isinstance(entry, Skipped)]
    plan.skipped.sort(key=lambda row: row.line)
    return plan


def _plan_doses(patient: User, entries: Sequence[DoseEntry], plan: ImportPlan, now: dt.datetime) -> None:
    if not entries:
        return
    shelf: dict[str, Product] = {}
    for product in Product.objects.of(patient).order_by("-id"):  # the oldest of two same-named products wins
        shelf[product.name.strip().casefold()] = product
    new: dict[str, Product] = {}
    moments = [entry.taken_at for entry in entries]
    existing = {(taken_at, product_id, _amount_key(amount), unit) for taken_at, product_id, amount, unit
                in Dose.objects.of(patient).filter(taken_at__gte=min(moments), taken_at__lte=max(moments))
                .values_list("taken_at", "product_id", "amount", "unit")}
    seen: dict[tuple[Any, ...], int] = {}
    for entry in entries:
        key_name = entry.product_name.strip().casefold()
        product = shelf.get(key_name) or new.get(key_name)
        if product is None:
            product = Product(patient=patient, name=entry.product_name.strip()[:120], form=entry.form,
                              content_basis=ContentBasis.DEFAULT)
        try:
            dose = check_dose(patient, product=product, amount=entry.amount, unit=entry.unit,
                              taken_at=entry.taken_at, note=entry.note, now=now)
        except InputError as error:
            plan.skipped.append(Skipped(entry.line, _reason(error)))
            continue
        key = (dose.taken_at, product.pk if product.pk is not None else key_name, _amount_key(dose.amount),
               dose.unit)
        if product.pk is not None and key in existing:
            plan.skipped.append(Skipped(entry.line, "already in your diary"))
            plan.duplicates += 1
            continue
        if key in seen:
            plan.skipped.append(Skipped(entry.line, f"the same dose as line {seen[key]}"))
            plan.duplicates += 1
            continue
        seen[key] = entry.line
        if product.pk is None and key_name not in new:
            new[key_name] = product
            plan.new_products.append(product.name)
        plan.doses.append(dose)


def _checkin_values(checkin: Checkin) -> tuple[Any, ...]:
    return tuple(getattr(checkin, name) for name in _CHECKIN_FIELDS)


def _plan_checkins(patient: User, entries: Sequence[CheckinEntry], plan: ImportPlan, now: dt.datetime) -> None:
    if not entries:
        return
    moments = [entry.at for entry in entries]
    existing: dict[dt.datetime, list[tuple[Any, ...]]] = {}
    for found in Checkin.objects.of(patient).filter(at__gte=min(moments), at__lte=max(moments)):
        existing.setdefault(found.at, []).append(_checkin_values(found))
    seen: dict[dt.datetime, tuple[int, tuple[Any, ...]]] = {}
    for entry in entries:
        try:
            checkin = check_checkin(patient, at=entry.at, now=now, **entry.values)
        except InputError as error:
            plan.skipped.append(Skipped(entry.line, _reason(error)))
            continue
        values = _checkin_values(checkin)
        if checkin.at in existing:
            if values in existing[checkin.at]:
                plan.skipped.append(Skipped(entry.line, "already in your diary"))
                plan.duplicates += 1
            else:
                plan.skipped.append(Skipped(entry.line, "your diary already has a check-in at this time, with "
                                                        "other answers: it is kept as it is"))
            continue
        if checkin.at in seen:
            first_line, first_values = seen[checkin.at]
            same = first_values == values
            plan.skipped.append(Skipped(entry.line, f"the same check-in as line {first_line}" if same else
                                        f"a second check-in at the same time as line {first_line}"))
            plan.duplicates += int(same)
            continue
        seen[checkin.at] = (entry.line, values)
        plan.checkins.append(checkin)


@transaction.atomic
def commit_import(patient: User, content: bytes | str, *, by: User, preset_id: str | None = None,
                  mapping: ColumnMapping | None = None, now: dt.datetime | None = None) -> ImportPlan:
    """Imports what ``plan_import`` previews, in one transaction: the new products, every dose and check-in with
    its revision, one record-changed announcement. Rows the plan skips are not stored; if any write fails,
    nothing is. Returns the plan, marked committed."""
    plan = plan_import(patient, content, preset_id=preset_id, mapping=mapping, now=now)
    added: dict[str, Product] = {}
    for name in plan.new_products:
        added[name.casefold()] = create_product(patient, by=by, name=name, form="powder")
    for dose in plan.doses:
        if dose.product.pk is None:
            dose.product = added[dose.product.name.casefold()]
    save_records(patient, plan.records, by=by)
    plan.committed = True
    return plan
