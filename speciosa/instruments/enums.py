from django.db import models

from speciosa.core.instruments import Frequency as CoreFrequency
from speciosa.core.instruments import all_instruments


class Frequency(models.TextChoices):
    DAILY = CoreFrequency.DAILY.value, "Every day"
    WEEKLY = CoreFrequency.WEEKLY.value, "Every week"
    BIWEEKLY = CoreFrequency.BIWEEKLY.value, "Every two weeks"
    MONTHLY = CoreFrequency.MONTHLY.value, "Every month"


class ScheduleSource(models.TextChoices):
    PLAN = "plan", "Your clinician's plan"
    PATIENT = "patient", "Your own choice"


INSTRUMENT_CHOICES = [(instrument.id, instrument.short_title) for instrument in all_instruments()]
