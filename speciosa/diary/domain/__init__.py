"""Every write to a patient's record, as a verb: validated, in one transaction, with its revision entry."""

from speciosa.diary.domain.checkins import delete_checkin, record_checkin, update_checkin
from speciosa.diary.domain.doses import delete_dose, quick_log, record_dose, undo_dose, update_dose
from speciosa.diary.domain.labs import delete_lab, record_lab, update_lab
from speciosa.diary.domain.medications import delete_medication, record_medication, update_medication
from speciosa.diary.domain.products import create_product, delete_product, update_product

__all__ = [
    "create_product", "delete_checkin", "delete_dose", "delete_lab", "delete_medication", "delete_product",
    "quick_log", "record_checkin", "record_dose", "record_lab", "record_medication", "update_checkin",
    "undo_dose", "update_dose", "update_lab", "update_medication", "update_product",
]
