from django.db import models


class Scope(models.TextChoices):
    """What part of the record a share opens. The patient chooses; nothing outside the chosen scopes is shown."""

    DIARY = "diary", "Doses and products"
    CHECKINS = "checkins", "Check-ins and questionnaires"
    MEDICAL = "medical", "Medicines and labs"
    NOTES = "notes", "Notes"


class ShareStatus(models.TextChoices):
    INVITED = "invited", "Invited, not yet accepted"
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"
