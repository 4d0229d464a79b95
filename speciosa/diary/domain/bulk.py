"""Many doses or check-ins at once (an import from another app), checked by the same rules as one at a time.

``check_dose`` and ``check_checkin`` validate one entry exactly as ``record_dose`` and ``record_checkin`` do and
return the record unsaved (InputError names the field otherwise), so a caller can report each bad row before
anything is stored. ``save_records`` then writes a batch in one transaction: the rows, one CREATE revision each, and
one record-changed announcement for the patient (not one per row, which would re-mark the patient thousands of times).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from speciosa.accounts.models import User
from speciosa.core.errors import InputError
from speciosa.core.text import clean_text
from speciosa.core.units import normalise_dose
from speciosa.diary.domain.checkins import _clean as clean_checkin
from speciosa.diary.domain.doses import _check_reason
from speciosa.diary.domain.history import as_record
from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Checkin, Dose, Product, Revision, record_type_of
from speciosa.lib.checks import check_moment
from speciosa.lib.signals import patient_record_changed


def check_dose(patient: User, *, product: Product, amount: Any, unit: Any, taken_at: Any, reason: str = "",
               note: str = "", now: dt.datetime | None = None) -> Dose:
    """The dose ``record_dose`` would store, unsaved. ``product`` is one of the patient's products, saved or about
    to be (an import adds new ones in the same transaction). Raises InputError naming the field."""
    if product.pk is not None and (product.patient_id != patient.pk or product.deleted_at is not None):
        raise InputError("product", "expected one of your own products")
    when = check_moment(taken_at, "taken_at", now=now)
    try:
        normalised = normalise_dose(product.facts(), amount, unit)
    except InputError as error:
        raise error if not error.field.startswith("product.") else InputError("product", error.message) from None
    dose = Dose(patient=patient, product=product, amount=round(float(amount), 3), unit=unit, taken_at=when,
                reason=_check_reason(reason) if reason else "", note=clean_text(note, "note", max_length=2000))
    dose.apply(normalised)
    return dose


def check_checkin(patient: User, *, at: Any, now: dt.datetime | None = None, **values: Any) -> Checkin:
    """The check-in ``record_checkin`` would store, unsaved (``values``: its ratings, symptoms and note)."""
    unknown = sorted(set(values) - {"pain_now", "pain_avg_24h", "mood", "energy", "sleep_quality", "function",
                                    "side_effects", "withdrawal", "note"})
    if unknown:
        raise InputError(unknown[0], "unknown field")
    when = check_moment(at, "at", now=now)
    return Checkin(patient=patient, at=when, **clean_checkin(values))


@transaction.atomic
def save_records(patient: User, records: Sequence[Dose | Checkin], *, by: User) -> None:
    """Stores checked doses and check-ins (their products saved first), each with its CREATE revision, then
    announces one change of the patient's record per kind. Nothing is stored if any write fails."""
    doses = [record for record in records if isinstance(record, Dose)]
    checkins = [record for record in records if isinstance(record, Checkin)]
    for dose in doses:
        dose.product_id = dose.product.pk  # the caller saved any new product
    created: list[Dose | Checkin] = [*Dose.objects.bulk_create(doses, batch_size=500),
                                     *Checkin.objects.bulk_create(checkins, batch_size=500)]
    Revision.objects.bulk_create(
        [Revision(patient_id=patient.pk, record_type=record_type_of(record), record_id=record.pk,
                  action=RevisionAction.CREATE, changed_by=by, before=None, after=as_record(record))
         for record in created], batch_size=500)
    for kind, batch in ((Dose, doses), (Checkin, checkins)):
        if batch:
            patient_record_changed.send(sender=kind, patient=patient, kind=record_type_of(batch[0]))
