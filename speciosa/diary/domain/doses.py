"""Logging doses."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cache
from typing import Any, TypedDict, Unpack

from django.db import connection, transaction
from django.utils import timezone

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.core.units import check_number, normalise_dose
from speciosa.diary.domain.fields import field_names, refuse_unknown
from speciosa.diary.domain.history import as_record, record_revision, soft_delete
from speciosa.diary.domain.idempotency import stored_once
from speciosa.diary.enums import DoseReason, RevisionAction
from speciosa.diary.models import Dose, Product
from speciosa.lib.checks import check_moment
from speciosa.lib.rows import insert_new, instance_from, select_list


class DoseChanges(TypedDict, total=False):
    product: Product | int  # one of the patient's own live products, or its id
    amount: float
    unit: str
    taken_at: dt.datetime
    reason: str | None
    note: str | None


DOSE_FIELDS = field_names(DoseChanges)


@cache
def _product_sql() -> str:
    return (f"SELECT {select_list(Product, 'p')} FROM {connection.ops.quote_name(Product._meta.db_table)} p "
            "WHERE p.id = %s AND p.patient_id = %s AND p.deleted_at IS NULL")


def _product_of(patient: User, product: Product | int | None) -> Product:
    """The patient's own live product; another patient's product is 'not found', never a hint that it exists."""
    if isinstance(product, Product):
        product_id: Any = product.pk
    else:
        product_id = product
    if isinstance(product_id, bool) or not isinstance(product_id, int):
        raise InputError("product", "expected the id of one of your products")
    # The same read as Product.objects.of(patient).filter(pk=product_id), written out (speciosa.lib.rows): it runs
    # on every dose, and compiling the ORM's query cost fifteen times the query; Product.objects.raw, in turn, spent
    # a fifth of the dose write's Python time matching columns to fields (benchmarks/bench_log_dose.py).
    # An id beyond a 64-bit key is simply not found (the ORM says so too); sent to the database, it would overflow.
    row = None
    if 1 <= product_id <= 2**63 - 1:
        with connection.cursor() as cursor:
            cursor.execute(_product_sql(), [product_id, patient.pk])
            row = cursor.fetchone()
    if row is None:
        raise InputError("product", f"no product {product_id} among your products")
    return instance_from(Product, row)


def _check_reason(reason: Any) -> str:
    reason = reason or ""
    if reason not in DoseReason.values and reason != "":
        raise InputError("reason", f"expected one of {', '.join(DoseReason.values)}")
    return reason


def _as_stored(amount: Any) -> float:
    """The amount as the diary keeps it (to 0.001), checked as kept: 0.0004 g would be stored as 0, a dose of
    nothing, which every later reading of the record (the safety snapshot first) rightly refuses."""
    number = round(check_number(amount, "amount", minimum=0, exclusive_minimum=True), 3)
    if number <= 0:
        raise InputError("amount", "is too small to record: the diary keeps amounts to 0.001")
    return number


@transaction.atomic
def record_dose(patient: User, *, product: Product | int, amount: float, unit: str,
                taken_at: dt.datetime | None = None, reason: str = "", note: str = "", by: User,
                client_id: uuid.UUID | str | None = None) -> Dose:
    """Logs a dose, normalised by the core. Side effects: one revision entry.

    ``taken_at`` defaults to now. Raises InputError naming the field for any bad input; nothing is stored then.
    ``client_id`` (a UUID the phone chose) makes a retry safe: a dose already stored with it is returned as it is,
    and nothing new is stored.
    """
    def create(key: uuid.UUID | None) -> Dose:
        chosen = _product_of(patient, product)
        when = check_moment(taken_at if taken_at is not None else timezone.now(), "taken_at")
        kept = _as_stored(amount)
        try:
            normalised = normalise_dose(chosen.facts(), kept, unit)
        except InputError as error:
            raise error if not error.field.startswith("product.") else InputError("product", error.message) from None
        dose = Dose(patient=patient, product=chosen, amount=kept, unit=unit, taken_at=when,
                    reason=_check_reason(reason), note=clean_text(note, "note", max_length=2000), client_id=key)
        dose.apply(normalised)
        insert_new(dose)  # dose.save(), without compiling the INSERT on every dose (speciosa.lib.rows)
        record_revision(dose, action=RevisionAction.CREATE, by=by, before=None)
        return dose

    return stored_once(Dose, patient, client_id, create)


def quick_log(patient: User, *, product: Product | int, by: User, taken_at: dt.datetime | None = None,
              client_id: uuid.UUID | str | None = None) -> Dose:
    """Logs a favourite's usual dose in one tap (``client_id`` as for record_dose)."""
    chosen = _product_of(patient, product)
    if chosen.usual_amount is None or not chosen.usual_unit:
        raise InputError("product", f"{chosen.name} has no usual dose set")
    return record_dose(patient, product=chosen, amount=float(chosen.usual_amount), unit=chosen.usual_unit,
                       taken_at=taken_at, by=by, client_id=client_id)


@transaction.atomic
def update_dose(dose: Dose, *, by: User, **changes: Unpack[DoseChanges]) -> Dose:
    """Changes a logged dose; the old values stay in its history. Side effects: one revision entry."""
    refuse_unknown(changes, DOSE_FIELDS)
    dose = Dose.objects.select_for_update().get(pk=dose.pk)
    before = as_record(dose)
    product = _product_of(dose.patient, changes["product"]) if "product" in changes else dose.product
    amount = _as_stored(changes.get("amount", float(dose.amount)))
    unit = changes.get("unit", dose.unit)
    try:
        normalised = normalise_dose(product.facts(), amount, unit)
    except InputError as error:
        raise error if not error.field.startswith("product.") else InputError("product", error.message) from None
    if "taken_at" in changes:
        dose.taken_at = check_moment(changes["taken_at"], "taken_at")
    if "reason" in changes:
        dose.reason = _check_reason(changes["reason"])
    if "note" in changes:
        dose.note = clean_text(changes["note"], "note", max_length=2000)
    dose.product, dose.amount, dose.unit = product, amount, unit
    dose.apply(normalised)
    dose.save()
    record_revision(dose, action=RevisionAction.UPDATE, by=by, before=before)
    return dose


# How long after logging a dose its "Undo" button works (the success message offers it).
UNDO_SECONDS = 60


@transaction.atomic
def undo_dose(dose: Dose, *, by: User, now: dt.datetime | None = None) -> None:
    """Takes back a dose logged by mistake, within UNDO_SECONDS of logging it: the same soft delete as deleting it
    (its row and history are kept). Side effects: one revision entry. Later, the dose is deleted the usual way.
    """
    now = now if now is not None else timezone.now()
    if dose.deleted_at is not None:
        raise InputError("dose", "this dose was already taken back")
    if (now - dose.created_at).total_seconds() > UNDO_SECONDS:
        raise InputError("dose", f"a dose can be undone only in the first {UNDO_SECONDS} seconds; delete it instead")
    soft_delete(dose, by=by)


def delete_dose(dose: Dose, *, by: User) -> None:
    """Deletes a dose from the diary; the row and its history are kept. Side effects: one revision entry."""
    soft_delete(dose, by=by)
