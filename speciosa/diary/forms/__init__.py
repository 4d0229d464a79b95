"""The diary's page forms: they parse types, then hand the values to a domain verb (speciosa.diary.domain)."""

from speciosa.diary.forms.checkins import CheckinForm, QuickCheckinForm
from speciosa.diary.forms.doses import DoseForm
from speciosa.diary.forms.labs import LabForm
from speciosa.diary.forms.medications import MedicationForm
from speciosa.diary.forms.products import ProductForm
from speciosa.diary.forms.profile import ProfileForm

__all__ = ["CheckinForm", "DoseForm", "LabForm", "MedicationForm", "ProductForm", "ProfileForm", "QuickCheckinForm"]
