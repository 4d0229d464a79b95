"""The patient's record. One model per module; every record belongs to exactly one patient."""

from speciosa.diary.models.base import PatientRecord
from speciosa.diary.models.checkins import Checkin
from speciosa.diary.models.doses import Dose
from speciosa.diary.models.labs import LabResult
from speciosa.diary.models.medications import Medication
from speciosa.diary.models.products import Product
from speciosa.diary.models.revisions import Revision, record_type_of

__all__ = ["Checkin", "Dose", "LabResult", "Medication", "PatientRecord", "Product", "Revision", "record_type_of"]
