from django.db import models


class AlertSeverity(models.TextChoices):
    INFO = "info", "Info"
    WARNING = "warning", "Warning"
    URGENT = "urgent", "Urgent"

    @classmethod
    def actionable(cls) -> list[str]:
        return [cls.WARNING, cls.URGENT]


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"

    @classmethod
    def current(cls) -> list[str]:
        return [cls.OPEN, cls.ACKNOWLEDGED]


class EntryRole(models.TextChoices):
    """Who wrote an entry of an alert's conversation, as the people reading it see them."""

    PATIENT = "patient", "Patient"
    CLINICIAN = "clinician", "Clinician"


class EntryKind(models.TextChoices):
    """What an entry of an alert's conversation records."""

    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"
    COMMENT = "comment", "Comment"
