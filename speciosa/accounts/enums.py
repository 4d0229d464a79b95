from django.db import models


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    CLINICIAN = "clinician", "Clinician"
    RESEARCHER = "researcher", "Researcher"
    ADMIN = "admin", "Administrator"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INTERSEX = "intersex", "Intersex"
    UNKNOWN = "unknown", "Prefer not to say"


class PainCondition(models.TextChoices):
    FIBROMYALGIA = "fibromyalgia", "Fibromyalgia"
    CHRONIC_LOW_BACK_PAIN = "chronic_low_back_pain", "Chronic low back pain"
    ARTHRITIS = "arthritis", "Arthritis"
    NEUROPATHIC = "neuropathic", "Neuropathic pain"
    POST_SURGICAL = "post_surgical", "Post-surgical pain"
    OTHER = "other", "Other chronic pain"


class Comorbidity(models.TextChoices):
    LIVER_DISEASE = "liver_disease", "Liver disease"
    SEIZURE_DISORDER = "seizure_disorder", "Seizure disorder"
    LONG_QT_HEART_DISEASE = "long_qt_heart_disease", "Long QT or heart disease"
    DEPRESSION = "depression", "Depression"
    ANXIETY = "anxiety", "Anxiety"
    SUBSTANCE_USE_DISORDER_HISTORY = "substance_use_disorder_history", "History of substance use disorder"
